import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageQuery } from '../common/pagination';
import { NotificationEntity } from './entities/notification.entity';
import { NotificationKind, NotificationStatus, SubjectType } from './notification-kinds';

export interface PlannedNotification {
  kind: NotificationKind;
  dedupeKey: string;
  recipientEmail: string;
  recipientUserId: number | null;
  unitId: number | null;
  subjectType: SubjectType;
  subjectId: number;
  subjectDueAt: Date | null;
  subjectLine: string;
  bodyText: string;
  bodyHtml: string;
  plannedAt: Date;
  notBefore: Date;
}

export interface NotificationFilter {
  status?: NotificationStatus;
  kind?: NotificationKind;
}

const INSERT_CHUNK = 500;
const COLUMNS =
  'kind, dedupe_key, recipient_email, recipient_user_id, unit_id, subject_type, subject_id, subject_due_at, subject_line, body_text, body_html, status, attempts, planned_at, not_before, created_at, updated_at';

/** The outbox (`notification`) and the reminder settings; the only SQL that writes them. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** INSERT IGNORE: a row whose dedupe key exists already is planned, and stays as it is. Returns rows inserted. */
  async insertPlanned(manager: EntityManager, rows: PlannedNotification[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const result = await manager.query(
        `INSERT IGNORE INTO notification (${COLUMNS}) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)").join(', ')}`,
        chunk.flatMap((r) => [
          r.kind,
          r.dedupeKey,
          r.recipientEmail,
          r.recipientUserId,
          r.unitId,
          r.subjectType,
          r.subjectId,
          r.subjectDueAt,
          r.subjectLine,
          r.bodyText,
          r.bodyHtml,
          r.plannedAt,
          r.notBefore,
          r.plannedAt,
          r.plannedAt,
        ]),
      );
      inserted += result.affectedRows ?? 0;
    }
    return inserted;
  }

  /** The still-pending rows among these dedupe keys, to queue after the planning commit. */
  async findPendingByDedupeKeys(keys: string[]): Promise<{ id: number; notBefore: Date }[]> {
    const found: { id: number; notBefore: Date }[] = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const rows: { id: string | number; not_before: Date }[] = await this.dataSource.query(
        `SELECT id, not_before FROM notification WHERE dedupe_key IN (${chunk.map(() => '?').join(', ')}) AND status = 'pending'`,
        chunk,
      );
      for (const r of rows) found.push({ id: Number(r.id), notBefore: r.not_before });
    }
    return found;
  }

  findById(id: number): Promise<NotificationEntity | null> {
    return this.q().getRepository(NotificationEntity).findOneBy({ id });
  }

  /**
   * Takes a pending row for sending. Conditional, so of two workers holding the same job (a
   * stalled job re-delivered, a sweep racing a queue) exactly one gets the row.
   */
  async claimForSending(id: number, now: Date): Promise<boolean> {
    const result = await this.dataSource.query("UPDATE notification SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending'", [now, id]);
    return result.affectedRows === 1;
  }

  async markSent(id: number, messageId: string, now: Date): Promise<void> {
    await this.dataSource.query("UPDATE notification SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'sending'", [messageId, now, now, id]);
  }

  /** Ends a row being sent without sending it: skipped, invalid_recipient, failed. */
  async markFinished(id: number, status: Extract<NotificationStatus, 'skipped' | 'invalid_recipient' | 'failed'>, reason: string | null, now: Date): Promise<void> {
    await this.dataSource.query("UPDATE notification SET status = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'sending'", [status, reason?.slice(0, 1000) ?? null, now, id]);
  }

  /** A failed attempt with attempts left: back to pending, the error kept, for the queue's retry. */
  async markRetry(id: number, error: string, now: Date): Promise<void> {
    await this.dataSource.query("UPDATE notification SET status = 'pending', last_error = ?, updated_at = ? WHERE id = ? AND status = 'sending'", [error.slice(0, 1000), now, id]);
  }

  /** Rows `sending` since before `cutoff`: their worker died mid-send. Back to pending. */
  async releaseStuckSending(cutoff: Date, now: Date, limit: number): Promise<number[]> {
    const rows: { id: string | number }[] = await this.dataSource.query("SELECT id FROM notification WHERE status = 'sending' AND updated_at < ? ORDER BY id LIMIT ?", [cutoff, limit]);
    const ids = rows.map((r) => Number(r.id));
    if (!ids.length) return [];
    await this.dataSource.query(
      `UPDATE notification SET status = 'pending', last_error = CONCAT('re-queued: sending abandoned (worker stopped) at ', ?), updated_at = ? WHERE status = 'sending' AND updated_at < ? AND id IN (${ids.map(() => '?').join(', ')})`,
      [now.toISOString(), now, cutoff, ...ids],
    );
    return ids;
  }

  /** Pending rows whose time has come and that nobody touched since `quietSince` (their job may be lost). */
  async findDuePending(now: Date, quietSince: Date, limit: number): Promise<{ id: number; notBefore: Date }[]> {
    const rows: { id: string | number; not_before: Date }[] = await this.dataSource.query(
      "SELECT id, not_before FROM notification WHERE status = 'pending' AND not_before <= ? AND updated_at <= ? ORDER BY not_before, id LIMIT ?",
      [now, quietSince, limit],
    );
    return rows.map((r) => ({ id: Number(r.id), notBefore: r.not_before }));
  }

  async findPage(filter: NotificationFilter, page: PageQuery): Promise<[NotificationEntity[], number]> {
    const qb = this.q().getRepository(NotificationEntity).createQueryBuilder('n');
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('n.kind = :kind', { kind: filter.kind });
    return qb.orderBy('n.id', 'DESC').skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
  }

  async countByStatus(ids: number[]): Promise<Record<string, number>> {
    if (!ids.length) return {};
    const rows: { status: string; n: string | number }[] = await this.dataSource.query(
      `SELECT status, COUNT(*) AS n FROM notification WHERE id IN (${ids.map(() => '?').join(', ')}) GROUP BY status`,
      ids,
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async findSettings(manager?: EntityManager): Promise<Record<string, unknown>> {
    // As text on both servers: MySQL's driver hands JSON columns back parsed, MariaDB's as text,
    // and a parsed "09:00" cannot be told from its JSON text.
    const rows: { setting_key: string; value: string }[] = await this.q(manager).query('SELECT setting_key, CAST(value AS CHAR) AS value FROM notification_setting');
    return Object.fromEntries(rows.map((r) => [r.setting_key, JSON.parse(r.value)]));
  }

  async upsertSettings(manager: EntityManager, values: Record<string, unknown>, actorId: number | null): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      await manager.query(
        'INSERT INTO notification_setting (setting_key, value, updated_by) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value), updated_by = VALUES(updated_by)',
        [key, JSON.stringify(value), actorId],
      );
    }
  }
}
