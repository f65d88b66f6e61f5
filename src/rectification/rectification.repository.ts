// All SQL of findings and tasks. Reads join `unit` (owned by org) for the scope and names,
// read-only, as every unit-owned list does; the set-based statements (checklist misses,
// dashboard counts, figures) work over whole sets, never a row at a time.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageQuery } from '../common/pagination';
import { scopeConditionRaw, UnitScope } from '../common/scope';
import { FindingRow, OverdueRow, TaskRow, TaskSort } from './rectification.dto';
import { FindingCategory, FindingSource, Severity } from './rectification-settings';
import { TaskSource } from './entities/task.entity';
import { ACTIVE_STATUSES, OVERDUE_STATUSES, TaskAction, TaskStatus } from './task-workflow';

export interface TaskFilter {
  statuses?: TaskStatus[];
  overdue?: boolean;
  unitId?: number;
  /** Set with includeSubunits: the path of unitId, so the filter is an index range. */
  unitPath?: string;
  source?: TaskSource;
  category?: string;
  requirement?: string;
  dueFrom?: Date;
  dueTo?: Date;
}

export interface TaskOrder {
  sort: TaskSort;
  order: 'asc' | 'desc';
}

export interface LedgerSourceRow extends TaskRow {
  description: string | null;
  foundAt: Date | null;
  /** The last day of the task's first missed period (checklist tasks). */
  firstMissEnd: string | null;
}

export interface NewFinding {
  unitId: number;
  channelId: number | null;
  category: FindingCategory;
  source: FindingSource;
  description: string;
  foundAt: Date;
  severity: Severity;
  deductionPoints: number;
  createdBy: number;
}

export interface NewTask {
  title: string;
  unitId: number;
  channelId: number | null;
  requirementCode: string | null;
  findingId: number | null;
  source: TaskSource;
  category: string;
  dueAt: Date;
  openedAt: Date;
  veto: boolean;
}

export interface NewTransition {
  taskId: number;
  from: TaskStatus | null;
  to: TaskStatus;
  actorId: number | null;
  actorUsername: string;
  at: Date;
  comment: string | null;
}

export interface NewEvidence {
  taskId: number;
  transitionId: number;
  kind: 'url' | 'file';
  url: string | null;
  fileName: string | null;
  mime: string | null;
  size: number | null;
  sha256: string | null;
  storagePath: string | null;
  uploadedBy: number;
  uploadedAt: Date;
}

export interface OpenTaskForKey {
  openKey: string;
  title: string;
  unitId: number;
  channelId: number | null;
  requirementCode: string;
  category: string;
  dueAt: Date;
  veto: boolean;
}

export interface NewOccurrence {
  openKey: string;
  checklistItemId: number;
  periodStart: string;
  periodEnd: string;
  summary: string;
}

export interface OccurrenceSpan {
  taskId: number;
  firstStart: string;
  lastEnd: string;
  count: number;
  latestSummary: string | null;
}

export interface FiguresRow {
  unitId: number;
  unitName: string;
  tasks: number;
  onTime: number;
  accepted: number;
  firstPass: number;
  rectifyMsTotal: number | null;
}

const TASK_COLUMNS = `t.id, t.title, t.unit_id AS unitId, COALESCE(u.short_name, u.name) AS unitName, u.path AS unitPath, t.channel_id AS channelId,
  t.requirement_code AS requirementCode, t.finding_id AS findingId, t.source, t.category, t.status, t.due_at AS dueAt, t.opened_at AS openedAt,
  t.submitted_at AS submittedAt, t.first_submitted_at AS firstSubmittedAt, t.verified_at AS verifiedAt, t.closed_at AS closedAt,
  t.rework_count AS reworkCount, t.occurrences, t.version, t.veto,
  (SELECT f.source FROM finding f WHERE f.id = t.finding_id) AS findingSource`;

const FINDING_COLUMNS = `f.id, f.unit_id AS unitId, COALESCE(u.short_name, u.name) AS unitName, f.channel_id AS channelId, f.category, f.source, f.description,
  f.found_at AS foundAt, f.severity, f.deduction_points AS deductionPoints, f.created_at AS createdAt,
  (SELECT MIN(t.id) FROM task t WHERE t.finding_id = f.id) AS taskId`;

const inList = (values: readonly unknown[]) => values.map(() => '?').join(', ');
const OVERDUE_SQL = `t.status IN (${OVERDUE_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const ACTIVE_SQL = `(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const BATCH = 500;

/** Column changes of each transition, besides status and version. */
const TRANSITION_SETS: Record<TaskAction, string> = {
  submit: 'submitted_at = ?, first_submitted_at = COALESCE(first_submitted_at, ?)',
  accept: 'verified_at = ?, closed_at = ?',
  reject: 'rework_count = rework_count + 1',
  cancel: 'closed_at = ?',
};
const TRANSITION_TIME_PARAMS: Record<TaskAction, number> = { submit: 2, accept: 2, reject: 0, cancel: 1 };

@Injectable()
export class RectificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  // Settings

  async findSettings(): Promise<Record<string, unknown>> {
    const rows: { settingKey: string; value: unknown }[] = await this.dataSource.query('SELECT setting_key AS settingKey, value FROM rectification_setting');
    // MariaDB's JSON is LONGTEXT: the driver hands back the text.
    return Object.fromEntries(rows.map((r) => [r.settingKey, typeof r.value === 'string' ? JSON.parse(r.value) : r.value]));
  }

  async upsertSettings(manager: EntityManager, values: Record<string, unknown>, actorId: number): Promise<void> {
    const entries = Object.entries(values);
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO rectification_setting (setting_key, value, updated_by) VALUES ${entries.map(() => '(?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE value = VALUES(value), updated_by = VALUES(updated_by)`,
      entries.flatMap(([key, value]) => [key, JSON.stringify(value), actorId]),
    );
  }

  // Findings

  async insertFinding(manager: EntityManager, f: NewFinding): Promise<number> {
    const result = await manager.query(
      `INSERT INTO finding (unit_id, channel_id, category, source, description, found_at, severity, deduction_points, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [f.unitId, f.channelId, f.category, f.source, f.description, f.foundAt, f.severity, f.deductionPoints, f.createdBy],
    );
    return result.insertId;
  }

  async findFindingInScope(scope: UnitScope, id: number, manager?: EntityManager): Promise<FindingRow | null> {
    const cond = scopeConditionRaw(scope, 'u');
    const rows = await this.q(manager).query(`SELECT ${FINDING_COLUMNS} FROM finding f JOIN unit u ON u.id = f.unit_id WHERE f.id = ? AND ${cond.sql}`, [id, ...cond.params]);
    return rows[0] ?? null;
  }

  async findFindingPageInScope(
    scope: UnitScope,
    filter: { unitId?: number; unitPath?: string; category?: string; source?: string; foundFrom?: Date; foundBefore?: Date },
    page: PageQuery,
  ): Promise<[FindingRow[], number]> {
    const cond = scopeConditionRaw(scope, 'u');
    const where = [cond.sql];
    const params: unknown[] = [...cond.params];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (filter.unitPath) add('u.path LIKE ?', `${filter.unitPath}%`);
    else if (filter.unitId) add('f.unit_id = ?', filter.unitId);
    if (filter.category) add('f.category = ?', filter.category);
    if (filter.source) add('f.source = ?', filter.source);
    if (filter.foundFrom) add('f.found_at >= ?', filter.foundFrom);
    if (filter.foundBefore) add('f.found_at < ?', filter.foundBefore);
    const from = `FROM finding f JOIN unit u ON u.id = f.unit_id WHERE ${where.join(' AND ')}`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(`SELECT ${FINDING_COLUMNS} ${from} ORDER BY f.found_at DESC, f.id DESC LIMIT ? OFFSET ?`, [...params, page.pageSize, offsetOf(page)]),
      this.dataSource.query(`SELECT COUNT(*) AS n ${from}`, params),
    ]);
    return [rows, Number(count[0].n)];
  }

  // Tasks: single rows

  async insertTask(manager: EntityManager, t: NewTask): Promise<number> {
    const result = await manager.query(
      `INSERT INTO task (title, unit_id, channel_id, requirement_code, finding_id, source, category, status, due_at, opened_at, occurrences, veto)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, 1, ?)`,
      [t.title, t.unitId, t.channelId, t.requirementCode, t.findingId, t.source, t.category, t.dueAt, t.openedAt, t.veto],
    );
    return result.insertId;
  }

  async findTaskInScope(scope: UnitScope, id: number, manager?: EntityManager): Promise<TaskRow | null> {
    const cond = scopeConditionRaw(scope, 'u');
    const rows = await this.q(manager).query(`SELECT ${TASK_COLUMNS} FROM task t JOIN unit u ON u.id = t.unit_id WHERE t.id = ? AND ${cond.sql}`, [id, ...cond.params]);
    return rows[0] ?? null;
  }

  /** The task's state, locked until the transaction ends. */
  async lockTaskState(manager: EntityManager, id: number): Promise<{ status: TaskStatus; version: number }> {
    const rows = await manager.query('SELECT status, version FROM task WHERE id = ? FOR UPDATE', [id]);
    return rows[0];
  }

  /**
   * Moves a task from one of `from` to `to` only if it is still in such a state (and at the
   * expected version, when given). The row lock of the UPDATE serialises concurrent
   * transitions: the second one re-reads the committed row, no longer matches, and changes
   * nothing. Returns whether this call made the change.
   */
  async transitionTask(
    manager: EntityManager,
    id: number,
    action: TaskAction,
    from: readonly TaskStatus[],
    to: TaskStatus,
    expectedVersion: number | undefined,
    at: Date,
  ): Promise<boolean> {
    const params: unknown[] = [to, ...Array(TRANSITION_TIME_PARAMS[action]).fill(at), id, ...from];
    let sql = `UPDATE task SET status = ?, version = version + 1, ${TRANSITION_SETS[action]} WHERE id = ? AND status IN (${inList(from)})`;
    if (expectedVersion !== undefined) {
      sql += ' AND version = ?';
      params.push(expectedVersion);
    }
    const result = await manager.query(sql, params);
    return (result.affectedRows ?? 0) === 1;
  }

  async insertTransition(manager: EntityManager, t: NewTransition): Promise<number> {
    const result = await manager.query(
      'INSERT INTO task_transition (task_id, from_status, to_status, actor_id, actor_username, at, comment) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [t.taskId, t.from, t.to, t.actorId, t.actorUsername, t.at, t.comment],
    );
    return result.insertId;
  }

  async insertEvidence(manager: EntityManager, rows: NewEvidence[]): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO task_evidence (task_id, transition_id, kind, url, file_name, mime, size, sha256, storage_path, uploaded_by, uploaded_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((e) => [e.taskId, e.transitionId, e.kind, e.url, e.fileName, e.mime, e.size, e.sha256, e.storagePath, e.uploadedBy, e.uploadedAt]),
    );
  }

  findTransitions(taskId: number): Promise<{ from: TaskStatus | null; to: TaskStatus; byId: number | null; by: string; at: Date; comment: string | null }[]> {
    return this.dataSource.query(
      `SELECT from_status AS \`from\`, to_status AS \`to\`, actor_id AS byId, actor_username AS \`by\`, at, comment
         FROM task_transition WHERE task_id = ? ORDER BY id`,
      [taskId],
    );
  }

  findEvidence(taskId: number): Promise<any[]> {
    return this.dataSource.query(
      `SELECT id, kind, url, file_name AS fileName, mime, size, sha256, transition_id AS transitionId, uploaded_by AS uploadedBy, uploaded_at AS uploadedAt
         FROM task_evidence WHERE task_id = ? ORDER BY id`,
      [taskId],
    );
  }

  findOccurrences(taskId: number): Promise<{ checklistItemId: number | null; periodStart: string; periodEnd: string; summary: string | null; detectedAt: Date }[]> {
    return this.dataSource.query(
      `SELECT checklist_item_id AS checklistItemId, period_start AS periodStart, period_end AS periodEnd, summary, detected_at AS detectedAt
         FROM task_occurrence WHERE task_id = ? ORDER BY period_start, id`,
      [taskId],
    );
  }

  /** A stored evidence file of a task in scope; null when the task or the file is not visible. */
  async findEvidenceFileInScope(scope: UnitScope, taskId: number, evidenceId: number): Promise<{ fileName: string; mime: string; size: number; storagePath: string } | null> {
    const cond = scopeConditionRaw(scope, 'u');
    const rows = await this.dataSource.query(
      `SELECT e.file_name AS fileName, e.mime, e.size, e.storage_path AS storagePath
         FROM task_evidence e JOIN task t ON t.id = e.task_id JOIN unit u ON u.id = t.unit_id
        WHERE e.id = ? AND e.task_id = ? AND e.kind = 'file' AND ${cond.sql}`,
      [evidenceId, taskId, ...cond.params],
    );
    return rows[0] ?? null;
  }

  // Tasks: lists

  private taskWhere(scope: UnitScope, filter: TaskFilter, now: Date): { sql: string; params: unknown[] } {
    const cond = scopeConditionRaw(scope, 'u');
    const where = [cond.sql];
    const params: unknown[] = [...cond.params];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (filter.unitPath) add('u.path LIKE ?', `${filter.unitPath}%`);
    else if (filter.unitId) add('t.unit_id = ?', filter.unitId);
    if (filter.statuses?.length) add(`t.status IN (${inList(filter.statuses)})`, ...filter.statuses);
    if (filter.overdue === true) add(`${OVERDUE_SQL} AND t.due_at <= ?`, now);
    if (filter.overdue === false) add(`NOT (${OVERDUE_SQL} AND t.due_at <= ?)`, now);
    if (filter.source) add('t.source = ?', filter.source);
    if (filter.category) add('t.category = ?', filter.category);
    if (filter.requirement) add('t.requirement_code = ?', filter.requirement);
    if (filter.dueFrom) add('t.due_at >= ?', filter.dueFrom);
    if (filter.dueTo) add('t.due_at < ?', filter.dueTo);
    return { sql: where.join(' AND '), params };
  }

  /**
   * 单项否决 (veto) tasks come first whatever the sort: one of them fails a unit outright in a
   * national check. Then, overdue days never grow as the due time moves later, so ordering by
   * overdue days is ordering overdue tasks first and then by due time (earliest due = most
   * days overdue). The days themselves are counted for the rows returned only, from the calendar.
   */
  private taskOrderBy(order: TaskOrder, now: Date): { sql: string; params: unknown[] } {
    if (order.sort === 'overdueDays') {
      return order.order === 'desc'
        ? { sql: `t.veto DESC, (${OVERDUE_SQL} AND t.due_at <= ?) DESC, t.due_at ASC, t.id ASC`, params: [now] }
        : { sql: `t.veto DESC, (${OVERDUE_SQL} AND t.due_at <= ?) ASC, t.due_at DESC, t.id DESC`, params: [now] };
    }
    return order.order === 'desc' ? { sql: 't.veto DESC, t.due_at DESC, t.id DESC', params: [] } : { sql: 't.veto DESC, t.due_at ASC, t.id ASC', params: [] };
  }

  async findTaskPageInScope(scope: UnitScope, filter: TaskFilter, order: TaskOrder, page: PageQuery, now: Date): Promise<[TaskRow[], number]> {
    const where = this.taskWhere(scope, filter, now);
    const orderBy = this.taskOrderBy(order, now);
    const from = `FROM task t JOIN unit u ON u.id = t.unit_id WHERE ${where.sql}`;
    // A deferred join: the page's ids are found and sorted on the (unit_id, status, due_at)
    // index alone, and only those rows are read whole. Sorting whole rows of a county's
    // thousands of overdue tasks to keep fifty costs ten times as much.
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${TASK_COLUMNS}
           FROM (SELECT t.id ${from} ORDER BY ${orderBy.sql} LIMIT ? OFFSET ?) page
           JOIN task t ON t.id = page.id JOIN unit u ON u.id = t.unit_id
          ORDER BY ${orderBy.sql}`,
        [...where.params, ...orderBy.params, page.pageSize, offsetOf(page), ...orderBy.params],
      ),
      this.dataSource.query(`SELECT COUNT(*) AS n ${from}`, where.params),
    ]);
    return [rows, Number(count[0].n)];
  }

  async countTasksInScope(scope: UnitScope, filter: TaskFilter, now: Date): Promise<number> {
    const where = this.taskWhere(scope, filter, now);
    const rows = await this.dataSource.query(`SELECT COUNT(*) AS n FROM task t JOIN unit u ON u.id = t.unit_id WHERE ${where.sql}`, where.params);
    return Number(rows[0].n);
  }

  /** The ledger rows: tasks with their finding's description, source and discovery time. */
  findLedgerRowsInScope(scope: UnitScope, filter: TaskFilter, order: TaskOrder, now: Date, limit: number): Promise<LedgerSourceRow[]> {
    const where = this.taskWhere(scope, filter, now);
    const orderBy = this.taskOrderBy(order, now);
    return this.dataSource.query(
      `SELECT ${TASK_COLUMNS}, f.description, f.found_at AS foundAt,
              (SELECT MIN(o.period_end) FROM task_occurrence o WHERE o.task_id = t.id) AS firstMissEnd
         FROM task t JOIN unit u ON u.id = t.unit_id LEFT JOIN finding f ON f.id = t.finding_id
        WHERE ${where.sql} ORDER BY ${orderBy.sql} LIMIT ?`,
      [...where.params, ...orderBy.params, limit],
    );
  }

  // Dashboard and figures

  /**
   * Open, overdue and submitted counts for a unit's own tasks and for each child's whole
   * subtree, in one pass over the unit's subtree: the child a row belongs to is the path
   * segment right after the unit's path (empty for the unit's own tasks).
   */
  async countActiveByChildUnit(scope: UnitScope, unit: { id: number; path: string }, now: Date): Promise<OverdueRow[]> {
    const cond = scopeConditionRaw(scope, 'u');
    const childCond = scopeConditionRaw(scope, 'c');
    const rows = await this.dataSource.query(
      `SELECT c.id AS unitId, COALESCE(c.short_name, c.name) AS unitName, c.id = ? AS self,
              COALESCE(a.open, 0) AS open, COALESCE(a.overdue, 0) AS overdue, COALESCE(a.submitted, 0) AS submitted
         FROM unit c
         LEFT JOIN (
           SELECT COALESCE(NULLIF(SUBSTRING_INDEX(SUBSTRING(per_unit.path, ?), '/', 1), ''), ?) AS child_id,
                  SUM(per_unit.open) AS open, SUM(per_unit.overdue) AS overdue, SUM(per_unit.submitted) AS submitted
             FROM (
               -- Grouped by path first: units come off the path index in order, so this
               -- aggregate streams; regrouping the few thousand unit rows by child is cheap.
               SELECT u.path,
                      SUM(${OVERDUE_SQL}) AS open,
                      SUM(${OVERDUE_SQL} AND t.due_at <= ?) AS overdue,
                      SUM(t.status = 'submitted') AS submitted
                 FROM unit u JOIN task t ON t.unit_id = u.id AND t.status IN ${ACTIVE_SQL}
                WHERE u.path LIKE ? AND ${cond.sql}
                GROUP BY u.path
             ) per_unit
            GROUP BY child_id
         ) a ON a.child_id = c.id
        WHERE (c.id = ? OR c.parent_id = ?) AND ${childCond.sql}
        ORDER BY c.id = ? DESC, c.id`,
      [unit.id, unit.path.length + 1, String(unit.id), now, `${unit.path}%`, ...cond.params, unit.id, unit.id, ...childCond.params, unit.id],
    );
    return rows.map((r: any) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      self: Boolean(Number(r.self)),
      open: Number(r.open),
      overdue: Number(r.overdue),
      submitted: Number(r.submitted),
    }));
  }

  /**
   * Per unit (its whole subtree), over tasks closed or due in [from, to): how many were
   * submitted on time, accepted, accepted first time, and the total opened → accepted time.
   */
  async figuresByUnit(unitIds: number[], from: Date, to: Date): Promise<FiguresRow[]> {
    if (!unitIds.length) return [];
    const rows = await this.dataSource.query(
      `SELECT r.id AS unitId, COALESCE(r.short_name, r.name) AS unitName,
              COUNT(t.id) AS tasks,
              COALESCE(SUM(t.status IN ('submitted', 'accepted') AND t.submitted_at <= t.due_at), 0) AS onTime,
              COALESCE(SUM(t.status = 'accepted' AND t.verified_at >= ? AND t.verified_at < ?), 0) AS accepted,
              COALESCE(SUM(t.status = 'accepted' AND t.verified_at >= ? AND t.verified_at < ? AND t.rework_count = 0), 0) AS firstPass,
              SUM(CASE WHEN t.status = 'accepted' AND t.verified_at >= ? AND t.verified_at < ?
                       THEN TIMESTAMPDIFF(MICROSECOND, t.opened_at, t.verified_at) / 1000 END) AS rectifyMsTotal
         FROM unit r
         LEFT JOIN unit u ON u.path LIKE CONCAT(r.path, '%')
         LEFT JOIN task t ON t.unit_id = u.id AND t.status <> 'cancelled'
                         AND ((t.closed_at >= ? AND t.closed_at < ?) OR (t.due_at >= ? AND t.due_at < ?))
        WHERE r.id IN (${inList(unitIds)})
        GROUP BY r.id, r.short_name, r.name
        ORDER BY r.id`,
      [from, to, from, to, from, to, from, to, from, to, ...unitIds],
    );
    return rows.map((r: any) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      tasks: Number(r.tasks),
      onTime: Number(r.onTime),
      accepted: Number(r.accepted),
      firstPass: Number(r.firstPass),
      rectifyMsTotal: r.rectifyMsTotal == null ? null : Number(r.rectifyMsTotal),
    }));
  }

  findChildUnitIds(unitId: number): Promise<number[]> {
    return this.dataSource.query('SELECT id FROM unit WHERE parent_id = ? ORDER BY id', [unitId]).then((rows: { id: number }[]) => rows.map((r) => r.id));
  }

  // Checklist misses (set-based; see RectificationService.recordChecklistMisses)

  async findRecordedChecklistItems(manager: EntityManager, itemIds: number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let i = 0; i < itemIds.length; i += BATCH) {
      const chunk = itemIds.slice(i, i + BATCH);
      const rows: { id: number }[] = await manager.query(`SELECT checklist_item_id AS id FROM task_occurrence WHERE checklist_item_id IN (${inList(chunk)})`, chunk);
      for (const r of rows) found.add(Number(r.id));
    }
    return found;
  }

  /** Active tasks by open key, locked so a concurrent recorder waits for this one. */
  async findActiveTaskIdsByKeys(manager: EntityManager, keys: string[], lock: boolean): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < keys.length; i += BATCH) {
      const chunk = keys.slice(i, i + BATCH);
      const rows: { id: number; openKey: string }[] = await manager.query(
        `SELECT id, open_key AS openKey FROM task WHERE open_key IN (${inList(chunk)})${lock ? ' FOR UPDATE' : ''}`,
        chunk,
      );
      for (const r of rows) found.set(r.openKey, r.id);
    }
    return found;
  }

  /** Opens tasks for keys without an active task; a key that has one is skipped by the unique open_key. */
  async insertChecklistTasks(manager: EntityManager, tasks: OpenTaskForKey[], openedAt: Date): Promise<number> {
    let created = 0;
    for (let i = 0; i < tasks.length; i += BATCH) {
      const chunk = tasks.slice(i, i + BATCH);
      const result = await manager.query(
        `INSERT IGNORE INTO task (title, unit_id, channel_id, requirement_code, finding_id, source, category, status, due_at, opened_at, occurrences, veto)
         VALUES ${chunk.map(() => "(?, ?, ?, ?, NULL, 'checklist', ?, 'open', ?, ?, 0, ?)").join(', ')}`,
        chunk.flatMap((t) => [t.title, t.unitId, t.channelId, t.requirementCode, t.category, t.dueAt, openedAt, t.veto]),
      );
      created += result.affectedRows ?? 0;
    }
    return created;
  }

  async insertOpeningTransitions(manager: EntityManager, taskIds: number[], at: Date, comment: string): Promise<void> {
    for (let i = 0; i < taskIds.length; i += BATCH) {
      const chunk = taskIds.slice(i, i + BATCH);
      await manager.query(
        `INSERT INTO task_transition (task_id, from_status, to_status, actor_id, actor_username, at, comment)
         SELECT id, NULL, 'open', NULL, 'system', ?, ? FROM task WHERE id IN (${inList(chunk)})`,
        [at, comment, ...chunk],
      );
    }
  }

  /** Adds occurrences to the active task of each key; an item recorded before is skipped. */
  async insertOccurrences(manager: EntityManager, rows: NewOccurrence[], detectedAt: Date): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const values = chunk
        .map((_, j) => (j === 0 ? 'SELECT ? AS open_key, ? AS item_id, ? AS period_start, ? AS period_end, ? AS summary' : 'SELECT ?, ?, ?, ?, ?'))
        .join(' UNION ALL ');
      const result = await manager.query(
        `INSERT IGNORE INTO task_occurrence (task_id, checklist_item_id, period_start, period_end, summary, detected_at)
         SELECT t.id, m.item_id, m.period_start, m.period_end, m.summary, ? FROM (${values}) m JOIN task t ON t.open_key = m.open_key`,
        [detectedAt, ...chunk.flatMap((r) => [r.openKey, r.checklistItemId, r.periodStart, r.periodEnd, r.summary.slice(0, 500)])],
      );
      inserted += result.affectedRows ?? 0;
    }
    return inserted;
  }

  /** Per task: its first missed period's start, its latest one's end, how many, and the latest one's summary. */
  async findOccurrenceSpans(manager: EntityManager, taskIds: number[]): Promise<OccurrenceSpan[]> {
    const spans: OccurrenceSpan[] = [];
    for (let i = 0; i < taskIds.length; i += BATCH) {
      const chunk = taskIds.slice(i, i + BATCH);
      const rows: any[] = await manager.query(
        `SELECT o.task_id AS taskId, MIN(o.period_start) AS firstStart, MAX(o.period_end) AS lastEnd, COUNT(*) AS n,
                (SELECT l.summary FROM task_occurrence l WHERE l.task_id = o.task_id ORDER BY l.period_end DESC, l.id DESC LIMIT 1) AS latestSummary
           FROM task_occurrence o WHERE o.task_id IN (${inList(chunk)}) GROUP BY o.task_id`,
        chunk,
      );
      for (const r of rows) spans.push({ taskId: Number(r.taskId), firstStart: r.firstStart, lastEnd: r.lastEnd, count: Number(r.n), latestSummary: r.latestSummary ?? null });
    }
    return spans;
  }

  async updateTitles(manager: EntityManager, titles: { id: number; title: string }[]): Promise<void> {
    for (let i = 0; i < titles.length; i += BATCH) {
      const chunk = titles.slice(i, i + BATCH);
      await manager.query(
        `UPDATE task t JOIN JSON_TABLE(?, '$[*]' COLUMNS (id INT PATH '$.id', title VARCHAR(500) PATH '$.title')) x ON x.id = t.id SET t.title = x.title`,
        [JSON.stringify(chunk)],
      );
    }
  }

  async refreshOccurrenceCounts(manager: EntityManager, taskIds: number[]): Promise<void> {
    for (let i = 0; i < taskIds.length; i += BATCH) {
      const chunk = taskIds.slice(i, i + BATCH);
      await manager.query(
        `UPDATE task t JOIN (SELECT task_id, COUNT(*) AS n FROM task_occurrence WHERE task_id IN (${inList(chunk)}) GROUP BY task_id) o ON o.task_id = t.id
            SET t.occurrences = o.n`,
        chunk,
      );
    }
  }
}
