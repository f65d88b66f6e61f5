import ExcelJS from 'exceljs';
import { LEDGER_HEADERS, ledgerCsv, LedgerRow, ledgerXlsx, neutralise } from './ledger-export';

const row = (problem: string, unit = '甲县交通运输局'): LedgerRow => [unit, problem, '市级检查', '2022-09-29 10:00', '2022-10-11 24:00', '待整改', '', '', 3, 0];

describe('ledger export', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+86 123', "'+86 123"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['正常文本 =1', '正常文本 =1'],
    ['', ''],
  ])('neutralises %j as %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it('leaves numbers alone', () => {
    expect(neutralise(-3)).toBe(-3);
  });

  it('writes CSV with a BOM, quoting and neutralised cells', () => {
    const csv = ledgerCsv([row('=SUM(1,2)'), row('含"引号",逗号')]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(LEDGER_HEADERS.join(','));
    expect(lines[1]).toBe(`甲县交通运输局,"'=SUM(1,2)",市级检查,2022-09-29 10:00,2022-10-11 24:00,待整改,,,3,0`);
    expect(lines[2]).toBe('甲县交通运输局,"含""引号"",逗号",市级检查,2022-09-29 10:00,2022-10-11 24:00,待整改,,,3,0');
  });

  it('writes an XLSX whose cells hold text, never formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await ledgerXlsx([row('=HYPERLINK("http://x")')])) as never);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...LEDGER_HEADERS]);
    const cell = sheet.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'=HYPERLINK("http://x")`);
    expect(sheet.getRow(2).getCell(9).value).toBe(3);
  });
});
