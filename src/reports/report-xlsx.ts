// The monthly report's tables as a workbook: one sheet per disclosure table (as the source
// report prints them), then the problems and the compliance table. A text cell that a
// spreadsheet would read as a formula (=, +, -, @, or a leading tab/CR) gets a leading
// apostrophe, so a unit or account name can never run (OWASP "CSV injection").
import ExcelJS from 'exceljs';
import { PROBLEM_CATEGORY_LABELS } from './monthly-report';
import { disclosureTables } from './report-docx';
import { MonthlyReport } from './reports.dto';

export const XLSX_SHEETS = { cityDepartments: '市直部门', counties: '县（市、区）', problems: '发现的问题', compliance: '合规情况' } as const;

type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], widths: number[], rows: readonly (readonly Cell[])[], options: { totalRow?: boolean } = {}) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] }));
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { horizontal: 'center', vertical: 'middle' };
  for (const row of rows) sheet.addRow(row.map((v) => neutralise(v ?? null)));
  if (options.totalRow && rows.length) sheet.getRow(rows.length + 1).font = { bold: true };
  sheet.eachRow((row) => row.eachCell({ includeEmpty: true }, (cell) => (cell.border = border)));
  for (let c = 2; c <= headers.length; c++) sheet.getColumn(c).numFmt = '#,##0';
  return sheet;
}

export async function renderReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duban 督办';
  workbook.title = `${report.unit.shortName || report.unit.name}政务公开工作月报 ${report.issue}`;
  const tables = disclosureTables(report);
  addSheet(workbook, XLSX_SHEETS.cityDepartments, tables.cityDepartments.headers, [34, 14, 14, 12], tables.cityDepartments.rows, { totalRow: true });
  addSheet(workbook, XLSX_SHEETS.counties, tables.counties.headers, [20, 16, 18, 20], tables.counties.rows, { totalRow: true });
  addSheet(
    workbook,
    XLSX_SHEETS.problems,
    ['问题类别', '单位', '载体', '问题', '次数', '来源'],
    [26, 24, 30, 70, 8, 10],
    report.problems.map((p) => [PROBLEM_CATEGORY_LABELS[p.category] ?? p.category, p.unitName, p.channelId !== undefined ? p.subject : '', p.text, p.count, p.source === 'finding' ? '检查发现' : '清单检查']),
  );
  const compliance = addSheet(
    workbook,
    XLSX_SHEETS.compliance,
    ['单位', '达标项', '未达标项', '免于考核项', '合规率'],
    [30, 12, 12, 12, 10],
    [
      ...report.compliance.map((r) => [r.unitName, r.met, r.missed, r.waived, r.rate]),
      ['合计', report.basic.met, report.basic.missed, report.compliance.reduce((a, r) => a + r.waived, 0), report.basic.complianceRate],
    ],
    { totalRow: true },
  );
  compliance.getColumn(5).numFmt = '0.0%';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
