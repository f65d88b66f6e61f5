import { parse } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { EvidenceError } from './evidence.errors';
import { checkPublicationFields, PublicationRow, toPublicationRow } from './publication-rows';

// The streamed publication CSV import. A file of 1,000,000 rows is read, decoded, parsed,
// checked and inserted in batches of 2,000 rows while it arrives, so memory stays flat
// whatever its size. All-or-nothing (the rule of the unit and channel imports) is impractical
// at that size: a bad row is skipped and reported by its line number, and the answer counts
// what happened per range of 100,000 lines so a caller can fix and re-send a range (re-sending
// is safe: rows already imported come back as duplicates).

export const IMPORT_COLUMNS = ['channel_code', 'published_at', 'title', 'url', 'external_id'];
const REQUIRED = ['channel_code', 'published_at'];
const BATCH_ROWS = 2000;
const RANGE_LINES = 100_000;
const MAX_ERROR_MESSAGES = 1000;
const DETECT_BYTES = 64 * 1024;
const CHANNEL_CACHE_MAX = 100_000;

export interface ImportRange {
  fromLine: number;
  toLine: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface PublicationImportResult {
  encoding: 'utf-8' | 'gb18030';
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first 1,000 problems, `第 N 行：…`; `rejected` counts them all. */
  errors: string[];
  ranges: ImportRange[];
  /** Set when the file stopped being readable CSV: the lines after it were not imported. */
  stoppedAtLine?: number;
}

/** A channel as the import needs it; `writable` is whether the caller may record evidence for it. */
export interface ImportChannel {
  id: number;
  writable: boolean;
}

export interface ImportSink {
  timeZone: string;
  maxBytes: number;
  /** Channels by code; codes not returned are unknown. */
  resolveChannels(codes: string[]): Promise<Map<string, ImportChannel>>;
  /** Inserts rows ignoring duplicates; returns how many were new. */
  insert(rows: PublicationRow[]): Promise<number>;
  progress?(rows: number): Promise<void>;
}

/** Bytes in, decoded text out; the encoding is chosen on the first 64 KB (UTF-8, else GB18030). */
async function* decoded(source: AsyncIterable<Buffer | string>, maxBytes: number, found: (encoding: 'utf-8' | 'gb18030') => void): AsyncGenerator<string> {
  let head: Buffer[] | null = [];
  let headSize = 0;
  let total = 0;
  let decoder: ReturnType<typeof iconv.getDecoder> | null = null;
  const start = () => {
    const bytes = Buffer.concat(head!);
    head = null;
    const encoding = looksLikeUtf8(bytes) ? 'utf-8' : 'gb18030';
    found(encoding);
    decoder = iconv.getDecoder(encoding, { stripBOM: true });
    return decoder.write(bytes);
  };
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    total += chunk.length;
    if (total > maxBytes) throw new EvidenceError('EVIDENCE_FILE_TOO_LARGE', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB：请分成几个文件导入`);
    if (head) {
      head.push(chunk);
      headSize += chunk.length;
      if (headSize < DETECT_BYTES) continue;
      const text = start();
      if (text) yield text;
      continue;
    }
    const text = decoder!.write(chunk);
    if (text) yield text;
  }
  if (head) {
    const text = start();
    if (text) yield text;
  }
  const rest = (decoder as ReturnType<typeof iconv.getDecoder> | null)?.end();
  if (rest) yield rest;
}

/** Valid UTF-8, allowing the sample to end inside a character. GBK text for Chinese is almost never valid UTF-8. */
function looksLikeUtf8(sample: Buffer): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= 3 && cut < sample.length + 1; cut++) {
    try {
      decoder.decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try without a possibly truncated last character
    }
  }
  return false;
}

interface PendingRow {
  line: number;
  values: string[];
}

export async function importPublicationCsv(source: AsyncIterable<Buffer | string>, sink: ImportSink): Promise<PublicationImportResult> {
  let encoding: 'utf-8' | 'gb18030' = 'utf-8';
  // No `info`, `trim` or `skip_empty_lines`: each costs csv-parse a copy or a pass per record
  // (together more than half the parse time); lines are counted and values trimmed below.
  const parser = parse({ relax_column_count: true, relax_quotes: true, bom: true });
  const input = Readable.from(decoded(source, sink.maxBytes, (e) => (encoding = e)));
  let inputError: unknown = null;
  input.on('error', (error) => {
    inputError = error;
    parser.destroy(error);
  });
  input.pipe(parser);

  const result: PublicationImportResult = { encoding, rows: 0, accepted: 0, duplicates: 0, rejected: 0, errors: [], ranges: [] };
  const cache = new Map<string, ImportChannel | null>();
  let columns: Record<string, number> | null = null;
  let pending: PendingRow[] = [];
  let pendingRange = -1;
  let lastLine = 1;
  let line = 0;
  // One batch is inserted while the next is parsed; at most one insert is in flight.
  let inserting: Promise<void> = Promise.resolve();

  const reject = (line: number, message: string) => {
    result.rejected++;
    rangeOf(line).rejected++;
    if (result.errors.length < MAX_ERROR_MESSAGES) result.errors.push(`第 ${line} 行：${message}`);
  };
  const rangeOf = (line: number): ImportRange => {
    const index = Math.floor((line - 2) / RANGE_LINES);
    while (result.ranges.length <= index) {
      const k = result.ranges.length;
      result.ranges.push({ fromLine: 2 + k * RANGE_LINES, toLine: 1 + (k + 1) * RANGE_LINES, accepted: 0, duplicates: 0, rejected: 0 });
    }
    return result.ranges[index];
  };

  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const unknownCodes = [...new Set(batch.map((r) => r.values[columns!.channel_code] ?? '').filter((code) => code && !cache.has(code)))];
    if (unknownCodes.length) {
      if (cache.size + unknownCodes.length > CHANNEL_CACHE_MAX) cache.clear();
      const found = await sink.resolveChannels(unknownCodes);
      for (const code of unknownCodes) cache.set(code, found.get(code) ?? null);
    }
    const rows: PublicationRow[] = [];
    for (const { line, values } of batch) {
      const at = (name: string) => (columns![name] === undefined ? undefined : (values[columns![name]] ?? ''));
      const code = at('channel_code') ?? '';
      const fields = { publishedAt: at('published_at'), title: at('title'), url: at('url'), externalId: at('external_id') };
      const { problems, publishedAt } = checkPublicationFields(fields, { publishedAt: 'published_at', title: 'title', url: 'url', externalId: 'external_id' }, sink.timeZone);
      const channel = code ? cache.get(code) : undefined;
      if (!code) problems.unshift('channel_code 不能为空');
      else if (!channel || !channel.writable) problems.unshift(`channel_code ${code} 不存在或不在您的管理范围内`);
      if (problems.length) {
        reject(line, problems.join('；'));
        continue;
      }
      rows.push(toPublicationRow(channel!.id, publishedAt!, fields as { publishedAt: string }, sink.timeZone));
    }
    const range = rangeOf(batch[0].line);
    const rowsSoFar = result.rows;
    await inserting;
    inserting = (async () => {
      const accepted = rows.length ? await sink.insert(rows) : 0;
      range.accepted += accepted;
      range.duplicates += rows.length - accepted;
      result.accepted += accepted;
      result.duplicates += rows.length - accepted;
      await sink.progress?.(rowsSoFar);
    })();
    // Surfaces an insert failure at once rather than at the next batch; awaited there again.
    inserting.catch(() => undefined);
  };

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // The line where the record starts; a quoted value may hold line breaks.
      const start = line + 1;
      line = start;
      for (let i = 0; i < record.length; i++) {
        const value = record[i];
        if (value.indexOf('\n') >= 0) line += value.split('\n').length - 1;
        record[i] = value.trim();
      }
      if (record.length === 1 && record[0] === '') continue; // a blank line
      if (columns === null) {
        columns = headerColumns(record);
        continue;
      }
      lastLine = start;
      result.rows++;
      // A batch never spans two ranges, so each range's counts are exact.
      const range = Math.floor((start - 2) / RANGE_LINES);
      if (pending.length && (pending.length >= BATCH_ROWS || range !== pendingRange)) await flush();
      pendingRange = range;
      pending.push({ line: start, values: record });
    }
  } catch (error) {
    if (inputError instanceof EvidenceError) throw inputError;
    if (error instanceof EvidenceError) throw error;
    if (inputError) throw inputError;
    if (!String((error as { code?: string }).code ?? '').startsWith('CSV_')) throw error;
    if (columns === null) throw new EvidenceError('EVIDENCE_INVALID', `CSV 格式错误：${(error as Error).message}`);
    // The file stopped being CSV part-way: keep what was read before, say where it stopped.
    await flush();
    await inserting;
    const at = (error as { lines?: number }).lines ?? line + 1;
    result.stoppedAtLine = at;
    result.errors.push(`第 ${at} 行：CSV 格式错误（${(error as Error).message}），此后的内容未导入`);
  }
  await flush();
  await inserting;
  if (columns === null) throw new EvidenceError('EVIDENCE_INVALID', '文件为空：请上传带表头的 CSV 文件（channel_code,published_at,title,url,external_id）');
  if (result.ranges.length) result.ranges[result.ranges.length - 1].toLine = Math.max(lastLine, result.ranges[result.ranges.length - 1].fromLine);
  result.encoding = encoding;
  return result;
}

function headerColumns(record: string[]): Record<string, number> {
  const header = record.map((h) => h.trim().toLowerCase());
  const expected = IMPORT_COLUMNS.join(',');
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new EvidenceError('EVIDENCE_INVALID', `第 1 行（表头）缺少列：${missing.join(', ')}；应为 ${expected}`);
  const unknown = header.filter((c) => c && !IMPORT_COLUMNS.includes(c));
  if (unknown.length) throw new EvidenceError('EVIDENCE_INVALID', `第 1 行（表头）有未知列：${unknown.join(', ')}；应为 ${expected}`);
  const columns: Record<string, number> = {};
  header.forEach((c, i) => {
    if (c && columns[c] === undefined) columns[c] = i;
  });
  return columns;
}
