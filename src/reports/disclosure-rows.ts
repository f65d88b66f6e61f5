// Reading and checking a disclosure-statistics file (CSV or XLSX) before anything is written.
import ExcelJS from 'exceljs';
import { CsvRow, parseCsv, RowErrors } from '../common/csv';
import { badRequest } from '../common/errors';
import { isLocalMonth } from './month';

export const STATS_REQUIRED_COLUMNS = ['unit_code', 'month', 'cumulative_total', 'month_count'];
export const STATS_OPTIONAL_COLUMNS = ['unit_name', 'application_count'];

/** The columns hold INT UNSIGNED; larger figures are a typo, not a county. */
const MAX_FIGURE = 2_147_483_647;

export interface StatImportRow {
  line: number;
  unitId: number;
  unitCode: string;
  month: string;
  cumulativeTotal: number;
  monthCount: number;
  applicationCount: number | null;
}

/** An XLSX file is a zip archive; everything else is read as CSV (UTF-8 or GB18030). */
export function isXlsx(file: Buffer): boolean {
  return file.length > 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
}

export async function readStatsFile(file: Buffer): Promise<CsvRow[]> {
  if (!isXlsx(file)) return parseCsv(file, STATS_REQUIRED_COLUMNS, STATS_OPTIONAL_COLUMNS);
  return readFirstSheet(file, STATS_REQUIRED_COLUMNS, STATS_OPTIONAL_COLUMNS);
}

/** The first worksheet as rows keyed by its header row, with the sheet's row numbers as lines. */
export async function readFirstSheet(file: Buffer, required: string[], optional: string[]): Promise<CsvRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as never);
  } catch (error) {
    throw badRequest(`XLSX 文件无法读取：${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw badRequest('文件为空：第一个工作表应有表头行');
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col] = cellText(cell.value).toLowerCase()));
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) throw badRequest(`第 1 行（表头）缺少列：${missing.join(', ')}；应为 ${[...required, ...optional].join(',')}`);
  const known = new Set([...required, ...optional]);
  const unknown = header.filter((c) => c && !known.has(c));
  if (unknown.length) throw badRequest(`第 1 行（表头）有未知列：${unknown.join(', ')}；应为 ${[...required, ...optional].join(',')}`);

  const rows: CsvRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = {};
    header.forEach((column, col) => column && (values[column] = cellText(row.getCell(col).value)));
    if (Object.values(values).some((v) => v !== '')) rows.push({ line, values });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) {
    // Excel turns a typed 2022-07 into the date 2022-07-01; the month is what was meant.
    const iso = value.toISOString().slice(0, 10);
    return iso.endsWith('-01') ? iso.slice(0, 7) : iso;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText((value.result ?? '') as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

/** A non-negative whole number; Excel's thousands separators (5,891,293) are accepted. */
function figure(raw: string): number | null {
  const text = raw.replace(/^(\d{1,3}(?:,\d{3})+)$/, (m) => m.replace(/,/g, ''));
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_FIGURE ? n : null;
}

export interface StatsCheckContext {
  /** The units the file names, by code, that the caller may write (unknown and out-of-scope codes are absent). */
  unitsByCode: Map<string, { id: number }>;
  /** The current local month; later months are refused. */
  currentMonth: string;
}

/**
 * Every problem of every row goes into `errors` (the caller throws them all at once). A
 * unit_name that differs from the unit's name is fine: reports use short names.
 */
export function checkStatsRows(csv: CsvRow[], ctx: StatsCheckContext, errors: RowErrors): StatImportRow[] {
  const rows: StatImportRow[] = [];
  const seen = new Map<string, number>();
  if (!csv.length) errors.add(2, '文件中没有数据行');
  for (const { line, values } of csv) {
    const problems: string[] = [];
    const code = values.unit_code ?? '';
    const unit = ctx.unitsByCode.get(code);
    if (!code) problems.push('unit_code 不能为空');
    else if (!unit) problems.push(`unit_code ${code} 不存在或不在您的管理范围内`);
    const month = values.month ?? '';
    if (!isLocalMonth(month)) problems.push(`month "${month}" 必须是月份，格式 YYYY-MM，如 2022-07`);
    else if (month > ctx.currentMonth) problems.push(`month ${month} 晚于本月（${ctx.currentMonth}），不能导入未来月份的数据`);
    const cumulativeTotal = figure(values.cumulative_total ?? '');
    if (cumulativeTotal === null) problems.push(`cumulative_total "${values.cumulative_total ?? ''}" 必须是非负整数`);
    const monthCount = figure(values.month_count ?? '');
    if (monthCount === null) problems.push(`month_count "${values.month_count ?? ''}" 必须是非负整数`);
    const applicationRaw = values.application_count ?? '';
    const applicationCount = applicationRaw === '' ? null : figure(applicationRaw);
    if (applicationRaw !== '' && applicationCount === null) problems.push(`application_count "${applicationRaw}" 必须是非负整数或留空`);
    if (cumulativeTotal !== null && monthCount !== null && monthCount > cumulativeTotal) {
      problems.push(`month_count ${monthCount} 大于 cumulative_total ${cumulativeTotal}：本月发布数不能超过累计总条数`);
    }
    if (code && isLocalMonth(month)) {
      const key = `${code}\u0000${month}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push(`单位 ${code} 的 ${month} 数据与第 ${first} 行重复`);
      else seen.set(key, line);
    }
    if (problems.length) {
      errors.add(line, problems.join('；'));
      continue;
    }
    rows.push({ line, unitId: unit!.id, unitCode: code, month, cumulativeTotal: cumulativeTotal!, monthCount: monthCount!, applicationCount });
  }
  return rows;
}
