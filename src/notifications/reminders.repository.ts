// READ-ONLY over other modules' tables: task (rectification), message and channel (evidence),
// checklist_item and requirement (checklists), unit and app_user (org). Reminder planning is a
// set-based engine (STYLE.md): one statement per kind selects every reminder due as of an
// instant, with its recipients joined in SQL, instead of a loop over other modules' services.
// Nothing here writes; the outbox rows are written by NotificationsRepository.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationKind } from './notification-kinds';

/** One reminder to one recipient about one subject (a task, a message, a checklist item). */
export interface UnitReminderCandidate {
  dedupeKey: string;
  email: string;
  userId: number | null;
  unitId: number;
  unitName: string;
  subjectId: number;
  dueAt: Date;
  title: string;
  receivedAt?: Date | null;
  channelName?: string | null;
  requirementTitle?: string | null;
  observed?: number;
  required?: number;
  periodStart?: string;
  periodEnd?: string;
  stage?: number;
  supervisorUnitName?: string;
}

export interface DigestEntryRow {
  userId: number;
  email: string;
  displayName: string;
  scopeUnitName: string;
  entryType: 'task' | 'item';
  entryId: number;
  title: string;
  dueAt: Date;
  unitId: number;
  unitName: string;
}

// Dedupe keys fit the 191-character unique index: long ones keep a readable head and a hash.
const keyed = (raw: string) => `CASE WHEN CHAR_LENGTH(${raw}) <= 191 THEN ${raw} ELSE CONCAT(LEFT(${raw}, 126), '#', SHA2(${raw}, 256)) END`;

/** The deadline in a key: the UTC instant, so a moved deadline is a new reminder. */
const STAMP = (column: string) => `DATE_FORMAT(${column}, '%Y%m%dT%H%iZ')`;

const OPEN_TASK = "t.status IN ('open', 'rejected')";

/** A deadline window (after, until] that cannot be reminded of in time (reminder-times.ts `unsendableDeadlines`). */
export interface Unsendable {
  after: Date;
  until: Date;
}
const sendable = (column: string) => `NOT (${column} > ? AND ${column} <= ?)`;

@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The shared shape of unit reminders: `subjects` (a SELECT with at least id, unit_id,
   * unit_name, due_at, title) joined to the unit's recipients — its active operators and, with
   * `contacts`, its contact emails (JSON_TABLE, MySQL 8 and MariaDB 10.6+), one row per distinct
   * address — minus those already in the outbox.
   */
  private async findUnitReminders(
    manager: EntityManager,
    subjects: { sql: string; params: unknown[] },
    key: string,
    contacts: boolean,
    limit: number,
  ): Promise<UnitReminderCandidate[]> {
    const contactSql = contacts
      ? `UNION ALL
         SELECT cu.id, LOWER(TRIM(j.email)), NULL
         FROM unit cu, JSON_TABLE(cu.contact_emails, '$[*]' COLUMNS (email VARCHAR(254) PATH '$')) j
         WHERE cu.id IN (SELECT unit_id FROM s)`
      : '';
    const rows: any[] = await manager.query(
      `WITH s AS (${subjects.sql}),
       r AS (
         SELECT x.unit_id, x.email, MIN(x.user_id) AS user_id FROM (
           SELECT o.unit_id, LOWER(TRIM(o.email)) AS email, o.id AS user_id
           FROM app_user o WHERE o.role = 'operator' AND o.active = 1 AND o.unit_id IN (SELECT unit_id FROM s)
           ${contactSql}
         ) x WHERE x.email IS NOT NULL AND x.email <> '' GROUP BY x.unit_id, x.email
       ),
       c AS (SELECT s.*, r.email, r.user_id, ${key} AS raw_key FROM s JOIN r ON r.unit_id = s.unit_id)
       SELECT k.* FROM (SELECT c.*, ${keyed('c.raw_key')} AS dedupe_key FROM c) k
       WHERE NOT EXISTS (SELECT 1 FROM notification n WHERE n.dedupe_key = k.dedupe_key)
       ORDER BY k.due_at, k.id, k.email
       LIMIT ?`,
      [...subjects.params, limit],
    );
    return rows.map(toCandidate);
  }

  /** Open or rejected tasks (not submitted) whose deadline lies in (after, until] and can still be reminded of in time. */
  findTasksDueSoon(manager: EntityManager, after: Date, until: Date, unsendable: Unsendable, limit: number) {
    return this.findUnitReminders(
      manager,
      {
        sql: `SELECT t.id, t.unit_id, u.name AS unit_name, t.due_at, t.title FROM task t JOIN unit u ON u.id = t.unit_id
              WHERE ${OPEN_TASK} AND t.due_at > ? AND t.due_at <= ? AND ${sendable('t.due_at')}`,
        params: [after, until, unsendable.after, unsendable.until],
      },
      `CONCAT('task-', s.id, '-due-soon-', ${STAMP('s.due_at')}, '-', r.email)`,
      true,
      limit,
    );
  }

  /** Open or rejected tasks whose deadline is at or before `until` (already passed). */
  findTasksOverdue(manager: EntityManager, until: Date, limit: number) {
    return this.findUnitReminders(
      manager,
      {
        sql: `SELECT t.id, t.unit_id, u.name AS unit_name, t.due_at, t.title FROM task t JOIN unit u ON u.id = t.unit_id
              WHERE ${OPEN_TASK} AND t.due_at <= ?`,
        params: [until],
      },
      `CONCAT('task-', s.id, '-overdue-', ${STAMP('s.due_at')}, '-', r.email)`,
      true,
      limit,
    );
  }

  private messageSubjects(condition: string, params: unknown[]) {
    return {
      sql: `SELECT m.id, m.unit_id, u.name AS unit_name, m.due_at, COALESCE(NULLIF(m.subject, ''), CONCAT('网民留言 #', m.id)) AS title,
                   m.received_at, CONCAT(ch.name, '(', ch.platform_label, ')') AS channel_name
            FROM message m JOIN unit u ON u.id = m.unit_id JOIN channel ch ON ch.id = m.channel_id
            WHERE m.replied_at IS NULL AND ${condition}`,
      params,
    };
  }

  findMessagesDueSoon(manager: EntityManager, after: Date, until: Date, unsendable: Unsendable, limit: number) {
    return this.findUnitReminders(manager, this.messageSubjects(`m.due_at > ? AND m.due_at <= ? AND ${sendable('m.due_at')}`, [after, until, unsendable.after, unsendable.until]), `CONCAT('message-', s.id, '-due-soon-', ${STAMP('s.due_at')}, '-', r.email)`, true, limit);
  }

  findMessagesOverdue(manager: EntityManager, until: Date, limit: number) {
    return this.findUnitReminders(manager, this.messageSubjects('m.due_at <= ?', [until]), `CONCAT('message-', s.id, '-overdue-', ${STAMP('s.due_at')}, '-', r.email)`, true, limit);
  }

  private itemSubjects(condition: string, params: unknown[]) {
    return {
      sql: `SELECT i.id, i.unit_id, u.name AS unit_name, i.due_at, rq.title AS title, rq.title AS requirement_title,
                   IFNULL(CONCAT(ch.name, '(', ch.platform_label, ')'), u.name) AS channel_name,
                   i.observed, i.required, i.period_start, i.period_end
            FROM checklist_item i JOIN unit u ON u.id = i.unit_id JOIN requirement rq ON rq.code = i.requirement_code
            LEFT JOIN channel ch ON ch.id = i.channel_id
            WHERE i.status = 'pending' AND ${condition}`,
      params,
    };
  }

  /** Today's items of daily/working-day rules still pending (not yet seen updated), to the unit's operators. */
  findDailyItemsUnseen(manager: EntityManager, day: string, requirements: string[], asOf: Date, unsendable: Unsendable, limit: number) {
    return this.findUnitReminders(
      manager,
      this.itemSubjects(`i.requirement_code IN (${requirements.map(() => '?').join(', ')}) AND i.period_start = ? AND i.due_at > ? AND ${sendable('i.due_at')}`, [
        ...requirements,
        day,
        asOf,
        unsendable.after,
        unsendable.until,
      ]),
      `CONCAT('item-', s.id, '-update-unseen-', r.email)`,
      false,
      limit,
    );
  }

  /** This week's items of weekly rules below their minimum, to the unit's operators, while the week can still be reminded of. */
  findWeeklyItemsBelowMinimum(manager: EntityManager, monday: string, requirements: string[], asOf: Date, unsendable: Unsendable, limit: number) {
    return this.findUnitReminders(
      manager,
      this.itemSubjects(`i.requirement_code IN (${requirements.map(() => '?').join(', ')}) AND i.period_start = ? AND i.observed < i.required AND i.due_at > ? AND ${sendable('i.due_at')}`, [
        ...requirements,
        monday,
        asOf,
        unsendable.after,
        unsendable.until,
      ]),
      `CONCAT('item-', s.id, '-weekly-unseen-', r.email)`,
      false,
      limit,
    );
  }

  /**
   * Escalations: open or rejected tasks at the stage their lateness has reached (`bounds[s-1]`
   * is the latest due_at at which stage s is due), to the supervisors of the nearest strict
   * ancestor unit that has any active supervisor (walking up the unit path).
   */
  async findEscalations(manager: EntityManager, bounds: Date[], limit: number): Promise<UnitReminderCandidate[]> {
    if (!bounds.length) return [];
    const stages = bounds.map((_, i) => `WHEN t.due_at <= ? THEN ${i + 1}`).reverse().join(' ');
    const rows: any[] = await manager.query(
      `WITH s AS (
         SELECT t.id, t.unit_id, u.name AS unit_name, u.path, t.due_at, t.title, CASE ${stages} END AS stage
         FROM task t JOIN unit u ON u.id = t.unit_id WHERE ${OPEN_TASK} AND t.due_at <= ?
       ),
       sup AS (
         SELECT a.id AS sup_unit_id, a.path AS sup_path, a.name AS sup_unit_name, LOWER(TRIM(p.email)) AS email, p.id AS user_id
         FROM app_user p JOIN unit a ON a.id = p.unit_id
         WHERE p.role = 'supervisor' AND p.active = 1 AND TRIM(p.email) <> ''
       ),
       near AS (
         SELECT s.id AS task_id, MAX(CHAR_LENGTH(sup.sup_path)) AS depth FROM s
         JOIN sup ON s.path LIKE CONCAT(sup.sup_path, '%') AND sup.sup_unit_id <> s.unit_id GROUP BY s.id
       ),
       c AS (
         SELECT s.id, s.unit_id, s.unit_name, s.due_at, s.title, s.stage, sup.email, sup.user_id, sup.sup_unit_name AS supervisor_unit_name,
                CONCAT('task-', s.id, '-escalation-', ${STAMP('s.due_at')}, '-', s.stage, '-', sup.email) AS raw_key
         FROM s JOIN near ON near.task_id = s.id
         JOIN sup ON s.path LIKE CONCAT(sup.sup_path, '%') AND sup.sup_unit_id <> s.unit_id AND CHAR_LENGTH(sup.sup_path) = near.depth
       )
       SELECT k.* FROM (SELECT c.*, ${keyed('c.raw_key')} AS dedupe_key FROM c) k
       WHERE NOT EXISTS (SELECT 1 FROM notification n WHERE n.dedupe_key = k.dedupe_key)
       ORDER BY k.due_at, k.id, k.email LIMIT ?`,
      [...[...bounds].reverse(), bounds[0], limit],
    );
    return rows.map(toCandidate);
  }

  /**
   * The digest: for each active supervisor without today's digest, every overdue task and every
   * missed final checklist item due since `itemsSince` in their subtree, oldest first.
   */
  async findDigestEntries(manager: EntityManager, day: string, asOf: Date, itemsSince: Date): Promise<DigestEntryRow[]> {
    const rows: any[] = await manager.query(
      `WITH sup AS (
         SELECT p.id AS user_id, LOWER(TRIM(p.email)) AS email, p.display_name, a.name AS scope_unit_name, a.path AS scope_path
         FROM app_user p JOIN unit a ON a.id = p.unit_id
         WHERE p.role = 'supervisor' AND p.active = 1 AND TRIM(p.email) <> ''
           AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.dedupe_key = CONCAT('digest-', ?, '-user', p.id))
       ),
       e AS (
         SELECT 'task' AS entry_type, t.id AS entry_id, t.title, t.due_at, u.id AS entry_unit_id, u.name AS entry_unit_name, u.path AS entry_path
         FROM task t JOIN unit u ON u.id = t.unit_id WHERE ${OPEN_TASK} AND t.due_at <= ?
         UNION ALL
         SELECT 'item', i.id, CONCAT(rq.title, IFNULL(CONCAT('：', ch.name, '(', ch.platform_label, ')'), ''), '（', i.period_start, IF(i.period_end = i.period_start, '', CONCAT(' 至 ', i.period_end)), '）'),
                i.due_at, u.id, u.name, u.path
         FROM checklist_item i JOIN unit u ON u.id = i.unit_id JOIN requirement rq ON rq.code = i.requirement_code
         LEFT JOIN channel ch ON ch.id = i.channel_id
         WHERE i.status = 'missed' AND i.final = 1 AND i.due_at > ? AND i.due_at <= ?
       )
       SELECT sup.user_id, sup.email, sup.display_name, sup.scope_unit_name, e.entry_type, e.entry_id, e.title, e.due_at, e.entry_unit_id, e.entry_unit_name
       FROM sup JOIN e ON e.entry_path LIKE CONCAT(sup.scope_path, '%')
       ORDER BY sup.user_id, e.due_at, e.entry_type, e.entry_id`,
      [day, asOf, itemsSince, asOf],
    );
    return rows.map((r) => ({
      userId: Number(r.user_id),
      email: r.email,
      displayName: r.display_name,
      scopeUnitName: r.scope_unit_name,
      entryType: r.entry_type,
      entryId: Number(r.entry_id),
      title: r.title,
      dueAt: r.due_at,
      unitId: Number(r.entry_unit_id),
      unitName: r.entry_unit_name,
    }));
  }

  /**
   * Whether the reason for a planned reminder still holds at `now`: the task still open or
   * rejected with the same deadline, the message still unanswered, the item still pending and
   * its period not over, the digest's supervisor still active.
   */
  async reasonHolds(kind: NotificationKind, subjectId: number, subjectDueAt: Date | null, recipientUserId: number | null, now: Date): Promise<boolean> {
    let sql: string;
    let params: unknown[];
    switch (kind) {
      case 'task_due_soon':
        [sql, params] = [`SELECT 1 FROM task t WHERE t.id = ? AND ${OPEN_TASK} AND t.due_at = ? AND t.due_at > ?`, [subjectId, subjectDueAt, now]];
        break;
      case 'task_overdue':
      case 'task_escalation':
        [sql, params] = [`SELECT 1 FROM task t WHERE t.id = ? AND ${OPEN_TASK} AND t.due_at = ?`, [subjectId, subjectDueAt]];
        break;
      case 'message_due_soon':
        [sql, params] = ['SELECT 1 FROM message m WHERE m.id = ? AND m.replied_at IS NULL AND m.due_at = ? AND m.due_at > ?', [subjectId, subjectDueAt, now]];
        break;
      case 'message_overdue':
        [sql, params] = ['SELECT 1 FROM message m WHERE m.id = ? AND m.replied_at IS NULL AND m.due_at = ?', [subjectId, subjectDueAt]];
        break;
      case 'update_unseen_daily':
      case 'update_unseen_weekly':
        [sql, params] = ["SELECT 1 FROM checklist_item i WHERE i.id = ? AND i.status = 'pending' AND i.due_at > ?", [subjectId, now]];
        break;
      case 'supervisor_digest':
        [sql, params] = ["SELECT 1 FROM app_user p WHERE p.id = ? AND p.active = 1 AND p.role = 'supervisor'", [recipientUserId]];
        break;
    }
    const rows = await this.dataSource.query(sql, params);
    if (!rows.length) return false;
    if (recipientUserId !== null && kind !== 'supervisor_digest') {
      // An operator who has left (deactivated) no longer gets the unit's reminders.
      const user = await this.dataSource.query('SELECT 1 FROM app_user WHERE id = ? AND active = 1', [recipientUserId]);
      return user.length > 0;
    }
    return true;
  }
}

function toCandidate(r: any): UnitReminderCandidate {
  return {
    dedupeKey: r.dedupe_key,
    email: r.email,
    userId: r.user_id == null ? null : Number(r.user_id),
    unitId: Number(r.unit_id),
    unitName: r.unit_name,
    subjectId: Number(r.id),
    dueAt: r.due_at,
    title: r.title,
    receivedAt: r.received_at ?? null,
    channelName: r.channel_name ?? null,
    requirementTitle: r.requirement_title ?? null,
    observed: r.observed == null ? undefined : Number(r.observed),
    required: r.required == null ? undefined : Number(r.required),
    periodStart: r.period_start ?? undefined,
    periodEnd: r.period_end ?? undefined,
    stage: r.stage == null ? undefined : Number(r.stage),
    supervisorUnitName: r.supervisor_unit_name ?? undefined,
  };
}
