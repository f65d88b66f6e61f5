import ExcelJS from 'exceljs';
import { parseCsv, RowErrors } from '../common/csv';
import { DomainError } from '../common/errors';
import { checkStatsRows, readStatsFile, STATS_OPTIONAL_COLUMNS, STATS_REQUIRED_COLUMNS } from './disclosure-rows';
import { neutralise } from './report-xlsx';

const HEADER = 'unit_code,unit_name,month,cumulative_total,month_count,application_count';
const units = new Map([
  ['GZ-D01', { id: 1 }],
  ['GZ-C01', { id: 2 }],
]);

function check(lines: string[]) {
  const errors = new RowErrors();
  const rows = checkStatsRows(parseCsv(Buffer.from([HEADER, ...lines].join('\n')), STATS_REQUIRED_COLUMNS, STATS_OPTIONAL_COLUMNS), { unitsByCode: units, currentMonth: '2022-08' }, errors);
  let messages: string[] = [];
  try {
    errors.throwIfAny();
  } catch (e) {
    messages = (e as DomainError).messages as string[];
  }
  return { rows, messages };
}

describe('disclosure statistics rows', () => {
  it('reads good rows, with an empty application count as null and thousands separators accepted', () => {
    const { rows, messages } = check(['GZ-D01,市人民政府办公室,2022-07,3533,3,', 'GZ-C01,章贡区,2022-07,"400,033",2043,6']);
    expect(messages).toEqual([]);
    expect(rows).toEqual([
      { line: 2, unitId: 1, unitCode: 'GZ-D01', month: '2022-07', cumulativeTotal: 3533, monthCount: 3, applicationCount: null },
      { line: 3, unitId: 2, unitCode: 'GZ-C01', month: '2022-07', cumulativeTotal: 400033, monthCount: 2043, applicationCount: 6 },
    ]);
  });

  it('accepts a unit_name that differs from the unit’s name (reports use short names)', () => {
    expect(check(['GZ-D01,随便什么名字,2022-07,1,1,']).messages).toEqual([]);
  });

  it.each([
    ['GZ-X99,x,2022-07,1,1,', '第 2 行：unit_code GZ-X99 不存在或不在您的管理范围内'],
    [',x,2022-07,1,1,', '第 2 行：unit_code 不能为空'],
    ['GZ-D01,x,2022-7,1,1,', 'month "2022-7" 必须是月份'],
    ['GZ-D01,x,2022-13,1,1,', 'month "2022-13" 必须是月份'],
    ['GZ-D01,x,2022-09,1,1,', 'month 2022-09 晚于本月（2022-08）'],
    ['GZ-D01,x,2022-07,-5,1,', 'cumulative_total "-5" 必须是非负整数'],
    ['GZ-D01,x,2022-07,1.5,1,', 'cumulative_total "1.5" 必须是非负整数'],
    ['GZ-D01,x,2022-07,10,abc,', 'month_count "abc" 必须是非负整数'],
    ['GZ-D01,x,2022-07,10,1,-1', 'application_count "-1" 必须是非负整数或留空'],
    ['GZ-D01,x,2022-07,10,11,', 'month_count 11 大于 cumulative_total 10'],
    ['GZ-D01,x,2022-07,99999999999,1,', 'cumulative_total "99999999999" 必须是非负整数'],
  ])('refuses %s', (line, message) => {
    const { rows, messages } = check([line]);
    expect(rows).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it('names every bad row, including a unit and month repeated in the file', () => {
    const { messages } = check(['GZ-D01,x,2022-07,1,1,', 'GZ-C01,x,2022-07,1,1,', 'GZ-D01,y,2022-07,2,2,', 'GZ-X,x,2022-07,1,1,']);
    expect(messages).toEqual(['第 4 行：单位 GZ-D01 的 2022-07 数据与第 2 行重复', '第 5 行：unit_code GZ-X 不存在或不在您的管理范围内']);
  });

  it('reads the first sheet of an XLSX by its header row, numbers and a month Excel turned into a date included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['GZ-C01', '章贡区', new Date(Date.UTC(2022, 6, 1)), 400033, 2043, 6]);
    sheet.addRow([]);
    sheet.addRow(['GZ-D01', { richText: [{ text: '市人民政府' }, { text: '办公室' }] }, '2022-07', 3533, 3, null]);
    workbook.addWorksheet('其他').addRow(['ignored']);
    const table = await readStatsFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(table).toEqual([
      { line: 2, values: { unit_code: 'GZ-C01', unit_name: '章贡区', month: '2022-07', cumulative_total: '400033', month_count: '2043', application_count: '6' } },
      { line: 4, values: { unit_code: 'GZ-D01', unit_name: '市人民政府办公室', month: '2022-07', cumulative_total: '3533', month_count: '3', application_count: '' } },
    ]);
  });

  it('refuses an XLSX whose header lacks a column', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['unit_code', 'month', 'cumulative_total']);
    await expect(readStatsFile(Buffer.from(await workbook.xlsx.writeBuffer()))).rejects.toThrow('缺少列：month_count');
  });

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+86', "'+86"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['章贡区', '章贡区'],
    [12, 12],
    [null, null],
  ])('neutralises %p in a spreadsheet cell', (value, expected) => expect(neutralise(value)).toBe(expected));
});
