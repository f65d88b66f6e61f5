import { parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';
import { badRequest } from './errors';

/**
 * Decodes an uploaded text file: UTF-8 with or without BOM, else GB18030 (a superset of GBK
 * and GB2312, which is what Excel on Chinese Windows writes as "CSV"). A file that is valid
 * UTF-8 is taken as UTF-8; GBK bytes for Chinese text are almost never valid UTF-8.
 */
export function decodeText(buffer: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
  }
}

export interface CsvRow {
  /** The 1-based line number in the file where the row starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/**
 * Parses a CSV with a header row. Checks the header names the required columns; values are
 * trimmed; blank lines are skipped. Rows keep their line numbers for error messages.
 */
export function parseCsv(buffer: Buffer, required: string[], optional: string[] = []): CsvRow[] {
  if (!buffer?.length) throw badRequest('文件为空：请上传带表头的 CSV 文件');
  const { text } = decodeText(buffer);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, bom: true, trim: true }) as never;
  } catch (error) {
    throw badRequest(`CSV 格式错误：${(error as Error).message}`);
  }
  if (records.length === 0) throw badRequest('文件为空：请上传带表头的 CSV 文件');
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length) {
    throw badRequest(`第 1 行（表头）缺少列：${missing.join(', ')}；应为 ${[...required, ...optional].join(',')}`);
  }
  const known = new Set([...required, ...optional]);
  const unknown = header.filter((column) => column && !known.has(column));
  if (unknown.length) throw badRequest(`第 1 行（表头）有未知列：${unknown.join(', ')}；应为 ${[...required, ...optional].join(',')}`);

  return records.slice(1).map(({ record, info }) => {
    const values: Record<string, string> = {};
    header.forEach((column, i) => {
      if (column) values[column] = (record[i] ?? '').trim();
    });
    // csv-parse reports the line where the record ends; multi-line quoted cells are rare here.
    return { line: info.lines, values };
  });
}

/** Collects every bad row; throws one 400 listing them all, so nothing is written. */
export class RowErrors {
  private readonly errors: string[] = [];

  add(line: number, message: string): void {
    this.errors.push(`第 ${line} 行：${message}`);
  }

  get count(): number {
    return this.errors.length;
  }

  throwIfAny(): void {
    if (this.errors.length) throw badRequest(this.errors);
  }
}
