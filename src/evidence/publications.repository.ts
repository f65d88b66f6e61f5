import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escape } from 'mysql2';
import { DataSource, EntityManager } from 'typeorm';
import { PublicationRow } from './publication-rows';

// A statement holds up to 5,000 rows (one POST's worth) and at most STATEMENT_BYTES of values,
// well under MariaDB's and MySQL's default max_allowed_packet (16 MB / 64 MB). Each string is
// bounded at 3 bytes a UTF-16 unit: utf8mb4 needs at most 3 (4 for a surrogate pair, 2 units),
// and escaping at most doubles a 1-byte character.
const STATEMENT_ROWS = 5000;
const STATEMENT_BYTES = 4 * 1024 * 1024;
const ROW_OVERHEAD_BYTES = 80;
// The characters mysql2's escape rewrites; a string without them is quoted as it is.
const NEEDS_ESCAPE = /[\0\b\t\n\r\x1a"'\\]/;

/**
 * The row as a SQL tuple, exactly as mysql2 would interpolate it as parameters: its generic
 * formatter, scanning for 35,000 `?` a statement, cost about as much as the rest of an ingest's
 * JavaScript.
 */
function rowValues(row: PublicationRow): string {
  if (!Number.isInteger(row[0])) throw new Error(`channel id must be an integer, got ${row[0]}`);
  let sql = `(${row[0]}`;
  for (let i = 1; i < 7; i++) {
    const value = row[i] as string | null;
    sql += value === null ? ',NULL' : NEEDS_ESCAPE.test(value) ? `,${escape(value)}` : `,'${value}'`;
  }
  return `${sql})`;
}

function rowBytes(row: PublicationRow): number {
  return ROW_OVERHEAD_BYTES + 3 * ((row[3]?.length ?? 0) + (row[4]?.length ?? 0) + (row[5]?.length ?? 0) + (row[6]?.length ?? 0));
}

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJobRow {
  id: string;
  status: ImportJobStatus;
  createdBy: number;
  filePath: string | null;
  rowsDone: number;
  result: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

@Injectable()
export class PublicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Multi-row INSERT IGNOREs of up to 5,000 rows (fewer when the rows are long, see
   * STATEMENT_BYTES); returns how many rows were new. A row whose (channel, dedupe key) exists
   * already, or repeats an earlier row of the same call, is ignored.
   */
  async insertIgnoringDuplicates(rows: PublicationRow[], manager?: EntityManager): Promise<number> {
    const runner = manager ?? this.dataSource.manager;
    let inserted = 0;
    for (let start = 0; start < rows.length; ) {
      let end = start;
      let bytes = 0;
      while (end < rows.length && end - start < STATEMENT_ROWS && (end === start || bytes + rowBytes(rows[end]) <= STATEMENT_BYTES)) bytes += rowBytes(rows[end++]);
      let values = rowValues(rows[start]);
      for (let i = start + 1; i < end; i++) values += `,${rowValues(rows[i])}`;
      const result = await runner.query(`INSERT IGNORE INTO publication (channel_id, published_at, local_date, title, url, external_id, dedupe_key) VALUES ${values}`);
      inserted += result.affectedRows;
      start = end;
    }
    return inserted;
  }

  insertImportJob(job: { id: string; createdBy: number; filePath: string; at: Date }): Promise<void> {
    return this.dataSource.query(
      `INSERT INTO import_job (id, kind, status, created_by, file_path, created_at, updated_at) VALUES (?, 'publications', 'queued', ?, ?, ?, ?)`,
      [job.id, job.createdBy, job.filePath, job.at, job.at],
    );
  }

  async markImportJobRunning(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE import_job SET status = 'running', started_at = ?, updated_at = ? WHERE id = ?`, [at, at, id]);
  }

  async updateImportJobProgress(id: string, rowsDone: number, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE import_job SET rows_done = ?, updated_at = ? WHERE id = ?', [rowsDone, at, id]);
  }

  async finishImportJob(id: string, outcome: { status: 'done' | 'failed'; rowsDone?: number; result?: unknown; error?: string }, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_job SET status = ?, rows_done = COALESCE(?, rows_done), result = ?, error = ?, file_path = NULL, finished_at = ?, updated_at = ? WHERE id = ?`,
      [outcome.status, outcome.rowsDone ?? null, outcome.result === undefined ? null : JSON.stringify(outcome.result), outcome.error?.slice(0, 1000) ?? null, at, at, id],
    );
  }

  /** The job if `userId` started it (or any job when `userId` is null: an admin). */
  async findImportJobOfUser(id: string, userId: number | null): Promise<ImportJobRow | null> {
    const rows = await this.dataSource.query(
      `SELECT id, status, created_by, file_path, rows_done, result, error, created_at, started_at, finished_at, updated_at
         FROM import_job WHERE id = ? AND kind = 'publications'${userId === null ? '' : ' AND created_by = ?'}`,
      userId === null ? [id] : [id, userId],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      id: r.id,
      status: r.status,
      createdBy: r.created_by,
      filePath: r.file_path,
      rowsDone: r.rows_done,
      result: typeof r.result === 'string' ? JSON.parse(r.result) : r.result,
      error: r.error,
      createdAt: r.created_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      updatedAt: r.updated_at,
    };
  }
}
