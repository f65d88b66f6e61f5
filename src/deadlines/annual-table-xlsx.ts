// The annual report's table (section 三) as a worksheet laid out like the national template, so
// an office can paste it into its report: three label columns and seven number columns under a
// three-row header.
//
//   A–C (merged, 3 rows): the balance note   │ D–J (merged): 申请人情况
//                                            │ D: 自然人 (2 rows) │ E–I: 法人或其他组织 │ J: 总计 (2 rows)
//                                            │                    │ 商业企业 … 其他     │
//   一、二、四: label across A–C
//   三: label down column A beside （一）…（七）
//   （一）（二）（七）: label across B–C;  （三）…（六）: label down column B beside their numbered lines in C
// The headings 三 and （三）…（六） have no line of their own, as in the template; their sums are
// in the JSON only.
import ExcelJS from 'exceljs';
import {
  ANNUAL_TABLE_COLUMNS,
  ANNUAL_TABLE_TITLE,
  AnnualTable,
  AnnualTableRowCode,
  ANNUAL_TABLE_ROWS,
  APPLICANT_TYPE_LABELS,
  APPLICANTS_HEADER_LABEL,
  BALANCE_NOTE,
  ORGANISATION_GROUP_LABEL,
  ORGANISATION_TYPES,
  TOTAL_COLUMN_LABEL,
} from './annual-table';

export const ANNUAL_TABLE_SHEET = '收到和处理政府信息公开申请情况';
/** The first row of counts (rows 1–4 are the title and the header). */
export const ANNUAL_TABLE_FIRST_LINE = 5;

const NUMBER_COLUMNS = ['D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };

export async function renderAnnualTableXlsx(table: AnnualTable, options: { unitName?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duban 督办';
  // The year comes first, so no unit name can make the cell start like a formula.
  const title = `${table.year}年度${options.unitName ? ` ${options.unitName}` : ''} ${ANNUAL_TABLE_TITLE}`;
  workbook.title = title;
  const sheet = workbook.addWorksheet(ANNUAL_TABLE_SHEET, { views: [{ state: 'frozen', ySplit: ANNUAL_TABLE_FIRST_LINE - 1 }] });
  sheet.columns = [{ width: 12 }, { width: 16 }, { width: 56 }, ...NUMBER_COLUMNS.map(() => ({ width: 11 }))];

  sheet.mergeCells('A1:J1');
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 13 };

  sheet.mergeCells('A2:C4');
  sheet.getCell('A2').value = BALANCE_NOTE;
  sheet.mergeCells('D2:J2');
  sheet.getCell('D2').value = APPLICANTS_HEADER_LABEL;
  sheet.mergeCells('D3:D4');
  sheet.getCell('D3').value = APPLICANT_TYPE_LABELS.natural_person;
  sheet.mergeCells('E3:I3');
  sheet.getCell('E3').value = ORGANISATION_GROUP_LABEL;
  sheet.mergeCells('J3:J4');
  sheet.getCell('J3').value = TOTAL_COLUMN_LABEL;
  ORGANISATION_TYPES.forEach((type, i) => (sheet.getCell(`${NUMBER_COLUMNS[i + 1]}4`).value = APPLICANT_TYPE_LABELS[type]));

  // Lines under each heading, to merge the heading's label down beside them at the end.
  const headingLines = new Map<AnnualTableRowCode, { first: number; last: number }>();
  const parentOf = new Map(ANNUAL_TABLE_ROWS.map((row) => [row.code, row.parent]));
  let line = ANNUAL_TABLE_FIRST_LINE;
  for (const row of table.rows) {
    if (row.kind === 'subtotal') continue;
    const parent = parentOf.get(row.code) ?? null;
    if (parent === null) {
      sheet.mergeCells(`A${line}:C${line}`);
      sheet.getCell(`A${line}`).value = row.label;
    } else if (parent === 'results') {
      sheet.mergeCells(`B${line}:C${line}`);
      sheet.getCell(`B${line}`).value = row.label;
    } else {
      sheet.getCell(`C${line}`).value = row.label;
    }
    for (let heading = parent; heading !== null; heading = parentOf.get(heading) ?? null) {
      const span = headingLines.get(heading);
      headingLines.set(heading, { first: span?.first ?? line, last: line });
    }
    ANNUAL_TABLE_COLUMNS.forEach((column, i) => (sheet.getCell(`${NUMBER_COLUMNS[i]}${line}`).value = row.counts[column]));
    line++;
  }
  for (const row of table.rows) {
    const span = headingLines.get(row.code);
    if (span === undefined) continue;
    const column = row.code === 'results' ? 'A' : 'B';
    sheet.mergeCells(`${column}${span.first}:${column}${span.last}`);
    sheet.getCell(`${column}${span.first}`).value = row.label;
  }

  const last = line - 1;
  for (let r = 2; r <= last; r++) {
    const sheetRow = sheet.getRow(r);
    for (let c = 1; c <= 10; c++) {
      const cell = sheetRow.getCell(c);
      cell.border = THIN;
      const label = c <= 3;
      cell.alignment = r < ANNUAL_TABLE_FIRST_LINE || !label
        ? { horizontal: 'center', vertical: 'middle', wrapText: true }
        : { horizontal: 'left', vertical: 'middle', wrapText: true };
      if (r < ANNUAL_TABLE_FIRST_LINE) cell.font = { bold: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
