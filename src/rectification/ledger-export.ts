// The rectification ledger (整改台账) as a spreadsheet. Every text cell that a spreadsheet
// would read as a formula (=, +, -, @, and tab/CR which some versions strip before parsing)
// gets a leading apostrophe, so an exported description can never run (OWASP "CSV injection").
import ExcelJS from 'exceljs';

export const LEDGER_HEADERS = ['单位', '问题', '来源', '发现时间', '整改期限', '状态', '提交时间', '核验时间', '逾期工作日', '退回次数'] as const;

export type LedgerCell = string | number | null;
export type LedgerRow = [string, string, string, string, string, string, string, string, number, number];

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: LedgerCell): LedgerCell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

function csvField(value: LedgerCell): string {
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a UTF-8 BOM (so Excel reads the Chinese) and CRLF line ends. */
export function ledgerCsv(rows: LedgerRow[]): Buffer {
  const lines = [LEDGER_HEADERS.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map((v) => csvField(neutralise(v))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function ledgerXlsx(rows: LedgerRow[], title = '整改台账'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duban 督办';
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_HEADERS.map((header, i) => ({ header, width: [24, 48, 14, 18, 18, 10, 18, 18, 12, 10][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(neutralise));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
