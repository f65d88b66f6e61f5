import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PublicationRow } from './publication-rows';

const INSERT_CHUNK = 1000;
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?)';

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
   * One multi-row INSERT IGNORE per 1,000 rows; returns how many rows were new. A row whose
   * (channel, dedupe key) exists already, or repeats an earlier row of the same call, is ignored.
   */
  async insertIgnoringDuplicates(rows: PublicationRow[], manager?: EntityManager): Promise<number> {
    const runner = manager ?? this.dataSource.manager;
    let inserted = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = new Array(chunk.length * 7);
      let p = 0;
      for (const row of chunk) for (const value of row) params[p++] = value;
      const result = await runner.query(
        `INSERT IGNORE INTO publication (channel_id, published_at, local_date, title, url, external_id, dedupe_key) VALUES ${new Array(chunk.length).fill(ROW_PLACEHOLDERS).join(',')}`,
        params,
      );
      inserted += result.affectedRows;
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
