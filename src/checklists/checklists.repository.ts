// The checklist engine's SQL. It writes only `checklist_item`. It reads, read-only, the tables
// of other modules in set-based statements (STYLE.md: one statement over the tables beats a
// loop over another module's service): `unit` and `channel` (org, channels: who a rule applies
// to, names, scope), `publication`, `message`, `policy_document`, `policy_interpretation` and
// `attestation` (evidence: what an item is judged on), `requirement` (titles for the
// dashboard), and `task` / `task_occurrence` (rectification: which task holds a final miss and
// whether it was accepted).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { scopeConditionRaw, UnitScope } from '../common/scope';
import { ChecklistItemRow, ItemSort, StatusCounts } from './checklists.dto';
import { ItemStatus } from './periods';

/** One period to generate, with its instants computed once per distinct date (not per row). */
export interface PeriodRow {
  start: string;
  end: string;
  windowStart: string;
  dueAt: Date;
  finalizeAt: Date;
  holidayStart?: string | null;
}

/** Who a rule applies to, as SQL over `channel c` and `unit u` (built from the requirement's appliesTo). */
export interface SubjectFilter {
  sql: string;
  params: unknown[];
}

export interface GenerationRule {
  code: string;
  required: number;
  params: unknown;
  finalizeAfterDays: number;
}

export interface InsertCount {
  candidates: number;
  created: number;
}

export interface UnrecordedMissRow {
  id: number | string;
  requirement_code: string;
  subject_type: string;
  unit_id: number;
  channel_id: number | null;
  period_start: string;
  period_end: string;
  window_start: string;
  observed: number;
  required: number;
  unit_name: string;
  channel_name: string | null;
  platform_label: string | null;
  document_title: string | null;
  holiday_name: string | null;
  category: string | null;
  requirement_title: string | null;
  severity: string | null;
  params: unknown;
  message_category: string | null;
}

/** One counting window of open channel items and the id span of its items. */
export interface OpenWindow {
  periodStart: string;
  windowStart: string;
  periodEnd: string;
  min: number;
  max: number;
}

export interface ItemFilter {
  unitId?: number;
  unitPath?: string;
  channelId?: number;
  requirement?: string;
  status?: ItemStatus;
  from?: string;
  to?: string;
}

export interface CountRow extends StatusCounts {
  key: string | number;
}

const ITEM_COLUMNS = `i.id, i.requirement_code, i.subject_type, i.subject_id, i.unit_id, COALESCE(u.short_name, u.name) AS unit_name,
  i.channel_id, c.name AS channel_name, c.platform_label, i.period_start, i.period_end, i.due_at, i.finalize_at, i.status, i.observed, i.required,
  i.final, i.task_id, i.waive_reason, i.waived_at`;

const COUNT_COLUMNS = `SUM(i.status = 'met') AS met, SUM(i.status = 'missed') AS missed, SUM(i.status = 'waived') AS waived, SUM(i.status = 'pending') AS pending`;

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, as DATETIME(3) columns hold instants (sessions run at +00:00). */
function sqlInstant(instant: Date): string {
  return instant.toISOString().slice(0, 23).replace('T', ' ');
}

/**
 * A small derived table of periods for a JOIN: JSON_TABLE works the same on MySQL 8 and
 * MariaDB 10.6+, and takes the whole list as one parameter.
 */
function periodTable(periods: PeriodRow[]): { sql: string; param: string } {
  return {
    sql: `JSON_TABLE(?, '$[*]' COLUMNS (ps DATE PATH '$.s', pe DATE PATH '$.e', ws DATE PATH '$.w', hs DATE PATH '$.h', due DATETIME(3) PATH '$.d', fin DATETIME(3) PATH '$.f')) p`,
    param: JSON.stringify(periods.map((p) => ({ s: p.start, e: p.end, w: p.windowStart, h: p.holidayStart ?? null, d: sqlInstant(p.dueAt), f: sqlInstant(p.finalizeAt) }))),
  };
}

/** mysql2 reports `Records: n  Duplicates: d` for INSERT … SELECT; affectedRows is what was inserted. */
function insertCount(result: { affectedRows?: number; info?: string }): InsertCount {
  const created = result.affectedRows ?? 0;
  const records = /Records:\s*(\d+)/.exec(result.info ?? '');
  return { created, candidates: records ? Number(records[1]) : created };
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * The last assignments of every evaluation UPDATE (params: asOf, marker, asOf). An open item's
 * `finalized_at` is NULL, so for a row that does not become final both are no-ops and a row
 * whose observed and status are unchanged too is left unwritten.
 */
const FINALIZE = `i.finalized_at = IF(i.finalize_at <= ?, ?, NULL),
           i.final = (i.finalize_at <= ?)`;

@Injectable()
export class ChecklistsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q<T = any>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T> {
    return (manager ?? this.dataSource.manager).query(sql, params);
  }

  // ---- generation -------------------------------------------------------------------------

  async findChannelIdBounds(): Promise<{ min: number; max: number } | null> {
    const [row] = await this.q('SELECT MIN(id) AS min, MAX(id) AS max FROM channel');
    return row?.min == null ? null : { min: num(row.min), max: num(row.max) };
  }

  async findUnitIdBounds(): Promise<{ min: number; max: number } | null> {
    const [row] = await this.q('SELECT MIN(id) AS min, MAX(id) AS max FROM unit');
    return row?.min == null ? null : { min: num(row.min), max: num(row.max) };
  }

  /** Items of a channel rule for every active channel (of an active unit) in [idFrom, idTo] that the filter admits, one per period. */
  async insertChannelItems(rule: GenerationRule, filter: SubjectFilter, periods: PeriodRow[], idFrom: number, idTo: number): Promise<InsertCount> {
    const table = periodTable(periods);
    const result = await this.q(
      `INSERT IGNORE INTO checklist_item
         (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params)
       SELECT ?, 'channel', c.id, c.unit_id, c.id, p.ps, p.pe, p.ws, p.due, p.fin, ?, ?
       FROM channel c
       JOIN unit u ON u.id = c.unit_id
       JOIN ${table.sql}
       WHERE c.id BETWEEN ? AND ? AND c.active = 1 AND u.active = 1 AND (${filter.sql})`,
      [rule.code, rule.required, JSON.stringify(rule.params), table.param, idFrom, idTo, ...filter.params],
    );
    return insertCount(result);
  }

  /** Items of a unit rule (the holiday duty roster) for every active unit in [idFrom, idTo] that the filter admits. */
  async insertUnitItems(rule: GenerationRule, filter: SubjectFilter, periods: PeriodRow[], idFrom: number, idTo: number): Promise<InsertCount> {
    const table = periodTable(periods);
    const result = await this.q(
      `INSERT IGNORE INTO checklist_item
         (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, holiday_start, due_at, finalize_at, required, params)
       SELECT ?, 'unit', u.id, u.id, NULL, p.ps, p.pe, p.ws, p.hs, p.due, p.fin, ?, ?
       FROM unit u
       JOIN ${table.sql}
       WHERE u.id BETWEEN ? AND ? AND u.active = 1 AND (${filter.sql})`,
      [rule.code, rule.required, JSON.stringify(rule.params), table.param, idFrom, idTo, ...filter.params],
    );
    return insertCount(result);
  }

  /**
   * One item per message of the rule received on a local day of `days` (each day with its
   * [start, end) instants), due when the message is due (message.due_at, computed by the
   * evidence module from the requirement in force when it was recorded).
   */
  async insertMessageItems(rule: GenerationRule, days: { date: string; start: Date; end: Date }[]): Promise<InsertCount> {
    const result = await this.q(
      `INSERT IGNORE INTO checklist_item
         (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params)
       SELECT m.requirement_code, 'message', m.id, m.unit_id, m.channel_id, d.d, GREATEST(m.due_last_day, d.d), d.d, m.due_at,
              m.due_at + INTERVAL ? DAY, 1, ?
       FROM ${dayTable()} d
       JOIN message m ON m.received_at >= d.s AND m.received_at < d.e
       WHERE m.requirement_code = ?`,
      [rule.finalizeAfterDays, JSON.stringify(rule.params), dayTableParam(days), rule.code],
    );
    return insertCount(result);
  }

  /** One item per policy document published on a local day of `days`; the subject unit is the document's. */
  async insertPolicyDocumentItems(rule: GenerationRule, days: { date: string; start: Date; end: Date }[]): Promise<InsertCount> {
    const result = await this.q(
      `INSERT IGNORE INTO checklist_item
         (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params)
       SELECT ?, 'policy_document', pd.id, pd.unit_id, NULL, d.d, GREATEST(pd.due_last_day, d.d), d.d, pd.due_at,
              pd.due_at + INTERVAL ? DAY, 1, ?
       FROM ${dayTable()} d
       JOIN policy_document pd ON pd.published_at >= d.s AND pd.published_at < d.e`,
      [rule.code, rule.finalizeAfterDays, JSON.stringify(rule.params), dayTableParam(days)],
    );
    return insertCount(result);
  }

  /** The receipt/publication instants of messages and policy documents that have no item yet (recorded since the last run). */
  async findUnitemizedEventSpan(messageCodes: string[], policyCodes: string[]): Promise<{ first: Date; last: Date } | null> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (messageCodes.length) {
      parts.push(`SELECT MIN(m.received_at) AS first, MAX(m.received_at) AS last FROM message m
        WHERE m.requirement_code IN (?) AND NOT EXISTS (
          SELECT 1 FROM checklist_item i WHERE i.requirement_code = m.requirement_code AND i.subject_type = 'message' AND i.subject_id = m.id)`);
      params.push(messageCodes);
    }
    for (const code of policyCodes) {
      parts.push(`SELECT MIN(pd.published_at), MAX(pd.published_at) FROM policy_document pd
        WHERE NOT EXISTS (SELECT 1 FROM checklist_item i WHERE i.requirement_code = ? AND i.subject_type = 'policy_document' AND i.subject_id = pd.id)`);
      params.push(code);
    }
    if (!parts.length) return null;
    const [row] = await this.q(`SELECT MIN(first) AS first, MAX(last) AS last FROM (${parts.join(' UNION ALL ')}) x`, params);
    return row?.first ? { first: new Date(row.first), last: new Date(row.last) } : null;
  }

  // ---- evaluation -------------------------------------------------------------------------

  /** The id span of items still open to change (not final); evaluation walks it in bounded id ranges. */
  async findOpenItemIdBounds(asOfDate: string): Promise<{ min: number; max: number } | null> {
    const [row] = await this.q('SELECT MIN(id) AS min, MAX(id) AS max FROM checklist_item WHERE final = 0 AND period_start <= ?', [asOfDate]);
    return row?.min == null ? null : { min: num(row.min), max: num(row.max) };
  }

  /**
   * The counting windows of the open channel items: each distinct (period_start, window_start,
   * period_end) with the id span of its items. A day's run has a handful (the day, the week,
   * the 14 days of the silence rule, and the days still before finalisation), read from
   * ix_item_open alone.
   */
  async findOpenChannelWindows(asOfDate: string): Promise<OpenWindow[]> {
    const rows: { period_start: string; window_start: string; period_end: string; min: unknown; max: unknown }[] = await this.q(
      `SELECT period_start, window_start, period_end, MIN(id) AS min, MAX(id) AS max
       FROM checklist_item
       WHERE final = 0 AND subject_type = 'channel' AND period_start <= ?
       GROUP BY period_start, window_start, period_end
       ORDER BY period_start, window_start, period_end`,
      [asOfDate],
    );
    return rows.map((r) => ({ periodStart: r.period_start, windowStart: r.window_start, periodEnd: r.period_end, min: num(r.min), max: num(r.max) }));
  }

  /**
   * Judges the open channel items of one window (DESIGN.md "Checklist semantics"): observed is
   * the channel's publications with local_date in [window_start, period_end] published by
   * asOf. The counts are taken once for the window, one GROUP BY over the window's days on
   * ix_publication_date_channel_at into a temporary table on this connection, and joined to
   * the items in id ranges of `batchIds`, so each transaction stays short. Waived and final
   * items are untouched; a row whose count, status and final flag stay as they were is not
   * written (most rows of a re-run). Both statements run at READ COMMITTED: the count is a
   * consistent read that locks no publication, so POST /publications never waits on it.
   * Multi-table UPDATE assignments have no guaranteed order, so status is computed from the
   * count itself, not from the new `observed`.
   */
  async evaluateChannelWindow(window: OpenWindow, asOf: Date, marker: Date, batchIds: number): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('CREATE TEMPORARY TABLE window_count (channel_id INT NOT NULL PRIMARY KEY, n INT NOT NULL) ENGINE=MEMORY');
      await runner.startTransaction('READ COMMITTED');
      await runner.query(
        `INSERT INTO window_count (channel_id, n)
         SELECT p.channel_id, COUNT(*) FROM publication p
         WHERE p.local_date BETWEEN ? AND ? AND p.published_at <= ?
         GROUP BY p.channel_id`,
        [window.windowStart, window.periodEnd, asOf],
      );
      await runner.commitTransaction();
      for (let lo = window.min; lo <= window.max; lo += batchIds) {
        await runner.startTransaction('READ COMMITTED');
        await runner.query(
          `UPDATE checklist_item i
           LEFT JOIN window_count w ON w.channel_id = i.channel_id
           SET i.observed = COALESCE(w.n, 0),
               i.status = CASE WHEN COALESCE(w.n, 0) >= i.required THEN 'met' WHEN i.due_at <= ? THEN 'missed' ELSE 'pending' END,
               ${FINALIZE}
           WHERE i.final = 0 AND i.subject_type = 'channel' AND i.period_start = ? AND i.window_start = ? AND i.period_end = ?
             AND i.id BETWEEN ? AND ? AND i.status <> 'waived'`,
          [asOf, asOf, marker, asOf, window.periodStart, window.windowStart, window.periodEnd, lo, lo + batchIds - 1],
        );
        await runner.commitTransaction();
      }
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.query('DROP TEMPORARY TABLE IF EXISTS window_count').catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * Messages: met when the reply (known by asOf) came before the due time; missed once the due
   * time has passed without one, and a late reply keeps it missed.
   */
  async evaluateMessageItems(idFrom: number, idTo: number, asOf: Date, asOfDate: string, marker: Date): Promise<void> {
    await this.q(
      `UPDATE checklist_item i
       JOIN message m ON m.id = i.subject_id
       SET i.observed = (m.replied_at IS NOT NULL AND m.replied_at <= ? AND m.replied_at < i.due_at),
           i.status = CASE WHEN m.replied_at IS NOT NULL AND m.replied_at <= ? AND m.replied_at < i.due_at THEN 'met'
                           WHEN i.due_at <= ? THEN 'missed' ELSE 'pending' END,
           ${FINALIZE}
       WHERE i.id BETWEEN ? AND ? AND i.subject_type = 'message' AND i.final = 0 AND i.status <> 'waived' AND i.period_start <= ?`,
      [asOf, asOf, asOf, asOf, marker, asOf, idFrom, idTo, asOfDate],
    );
  }

  /** Policy documents: met when an interpretation is registered and both links were verified before the due time. */
  async evaluatePolicyDocumentItems(idFrom: number, idTo: number, asOf: Date, asOfDate: string, marker: Date): Promise<void> {
    const met = `(pd.links_verified_at IS NOT NULL AND pd.links_verified_at <= ? AND pd.links_verified_at < i.due_at
                  AND EXISTS (SELECT 1 FROM policy_interpretation pi WHERE pi.policy_document_id = pd.id))`;
    await this.q(
      `UPDATE checklist_item i
       JOIN policy_document pd ON pd.id = i.subject_id
       SET i.observed = ${met},
           i.status = CASE WHEN ${met} THEN 'met' WHEN i.due_at <= ? THEN 'missed' ELSE 'pending' END,
           ${FINALIZE}
       WHERE i.id BETWEEN ? AND ? AND i.subject_type = 'policy_document' AND i.final = 0 AND i.status <> 'waived' AND i.period_start <= ?`,
      [asOf, asOf, asOf, asOf, marker, asOf, idFrom, idTo, asOfDate],
    );
  }

  /** Duty rosters: met when the unit filed its attestation for that holiday before the due time. */
  async evaluateUnitItems(idFrom: number, idTo: number, asOf: Date, asOfDate: string, marker: Date): Promise<void> {
    const met = `EXISTS (SELECT 1 FROM attestation a WHERE a.unit_id = i.unit_id AND a.requirement_code = i.requirement_code
                   AND a.holiday_start = i.holiday_start AND a.filed_at <= ? AND a.filed_at < i.due_at)`;
    await this.q(
      `UPDATE checklist_item i
       SET i.observed = ${met},
           i.status = CASE WHEN ${met} THEN 'met' WHEN i.due_at <= ? THEN 'missed' ELSE 'pending' END,
           ${FINALIZE}
       WHERE i.id BETWEEN ? AND ? AND i.subject_type = 'unit' AND i.final = 0 AND i.status <> 'waived' AND i.period_start <= ?`,
      [asOf, asOf, asOf, asOf, marker, asOf, idFrom, idTo, asOfDate],
    );
  }

  /**
   * What one evaluation run (its marker) decided in an id range: counts by status of every item
   * it judged (those still open, and those it made final, which carry its marker), and how
   * many became final.
   */
  async countEvaluated(idFrom: number, idTo: number, asOfDate: string, marker: Date): Promise<{ met: number; missed: number; pending: number; finalized: number }> {
    const [row] = await this.q(
      `SELECT SUM(status = 'met') AS met, SUM(status = 'missed') AS missed, SUM(status = 'pending') AS pending, SUM(final) AS finalized
       FROM checklist_item
       WHERE id BETWEEN ? AND ? AND status <> 'waived' AND period_start <= ? AND (final = 0 OR finalized_at = ?)`,
      [idFrom, idTo, asOfDate, marker],
    );
    return { met: num(row?.met), missed: num(row?.missed), pending: num(row?.pending), finalized: num(row?.finalized) };
  }

  /** Final misses not yet handed to rectification, with what a task title needs; oldest first. */
  findUnrecordedMisses(limit: number): Promise<UnrecordedMissRow[]> {
    return this.q(
      `SELECT i.id, i.requirement_code, i.subject_type, i.unit_id, i.channel_id, i.period_start, i.period_end, i.window_start,
              i.observed, i.required, COALESCE(u.short_name, u.name) AS unit_name, c.name AS channel_name, c.platform_label,
              pd.title AS document_title, cd.name AS holiday_name, r.problem_category AS category,
              r.title AS requirement_title, r.severity, i.params, m.category AS message_category
       FROM checklist_item i
       JOIN unit u ON u.id = i.unit_id
       LEFT JOIN channel c ON c.id = i.channel_id
       LEFT JOIN policy_document pd ON i.subject_type = 'policy_document' AND pd.id = i.subject_id
       LEFT JOIN message m ON i.subject_type = 'message' AND m.id = i.subject_id
       LEFT JOIN calendar_day cd ON cd.date = i.holiday_start
       LEFT JOIN requirement r ON r.code = i.requirement_code
       WHERE i.unrecorded_miss = 1
       ORDER BY i.id
       LIMIT ?`,
      [limit],
    );
  }

  /** Marks misses as handed over and links each to the task that now holds it (task_occurrence). */
  async markMissesRecorded(ids: number[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.q(
      `UPDATE checklist_item i
       LEFT JOIN task_occurrence o ON o.checklist_item_id = i.id
       SET i.miss_recorded_at = ?, i.task_id = o.task_id
       WHERE i.id IN (?)`,
      [at, ids],
    );
  }

  // ---- views ------------------------------------------------------------------------------

  async findPageInScope(scope: UnitScope, filter: ItemFilter, offset: number, limit: number, sort: ItemSort = 'period'): Promise<[ChecklistItemRow[], number]> {
    const cond = scopeConditionRaw(scope, 'u');
    const where: string[] = [cond.sql];
    const params: unknown[] = [...cond.params];
    if (filter.unitPath) {
      where.push('u.path LIKE ?');
      params.push(`${filter.unitPath}%`);
    } else if (filter.unitId) {
      where.push('i.unit_id = ?');
      params.push(filter.unitId);
    }
    if (filter.channelId) {
      where.push('i.channel_id = ?');
      params.push(filter.channelId);
    }
    if (filter.requirement) {
      where.push('i.requirement_code = ?');
      params.push(filter.requirement);
    }
    if (filter.status) {
      where.push('i.status = ?');
      params.push(filter.status);
    }
    if (filter.from) {
      where.push('i.period_end >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('i.period_start <= ?');
      params.push(filter.to);
    }
    const from = `FROM checklist_item i JOIN unit u ON u.id = i.unit_id LEFT JOIN channel c ON c.id = i.channel_id WHERE ${where.join(' AND ')}`;
    const [items, [count]] = await Promise.all([
      this.q<ChecklistItemRow[]>(
        `SELECT ${ITEM_COLUMNS} ${from} ORDER BY ${sort === 'status' ? "FIELD(i.status, 'missed', 'pending', 'waived', 'met'), " : ''}i.period_start DESC, i.id DESC LIMIT ? OFFSET ?`,
        [...params, limit, offset],
      ),
      this.q(`SELECT COUNT(*) AS n ${from}`, params),
    ]);
    return [items, num(count?.n)];
  }

  /** A unit's own items whose period contains the date. */
  findUnitItemsOn(unitId: number, date: string): Promise<ChecklistItemRow[]> {
    return this.q(
      `SELECT ${ITEM_COLUMNS}
       FROM checklist_item i JOIN unit u ON u.id = i.unit_id LEFT JOIN channel c ON c.id = i.channel_id
       WHERE i.unit_id = ? AND i.period_start <= ? AND i.period_end >= ?
       ORDER BY i.requirement_code, c.name, i.id`,
      [unitId, date, date],
    );
  }

  async findItemInScope(scope: UnitScope, id: number, manager?: EntityManager, lock = false): Promise<(ChecklistItemRow & { task_status: string | null }) | null> {
    const cond = scopeConditionRaw(scope, 'u');
    const [row] = await this.q(
      `SELECT ${ITEM_COLUMNS}, t.status AS task_status
       FROM checklist_item i JOIN unit u ON u.id = i.unit_id LEFT JOIN channel c ON c.id = i.channel_id LEFT JOIN task t ON t.id = i.task_id
       WHERE i.id = ? AND ${cond.sql}${lock ? ' FOR UPDATE' : ''}`,
      [id, ...cond.params],
      manager,
    );
    return row ?? null;
  }

  async waiveItem(manager: EntityManager, id: number, by: number, at: Date, reason: string): Promise<void> {
    await this.q("UPDATE checklist_item SET status = 'waived', waived_by = ?, waived_at = ?, waive_reason = ? WHERE id = ?", [by, at, reason, id], manager);
  }

  /**
   * Counts for a dashboard over the subtree at `path`: by the child of the top unit that each
   * item's unit lies under (the path segment after the top's), so every child counts its whole
   * subtree in one pass; items of the top unit itself come back under key ''.
   */
  async countByChild(path: string, from: string, to: string, onlyUnitId?: number): Promise<CountRow[]> {
    const rows = await this.q(
      `SELECT SUBSTRING_INDEX(SUBSTRING(u.path, ?), '/', 1) AS \`key\`, ${COUNT_COLUMNS}
       FROM checklist_item i JOIN unit u ON u.id = i.unit_id
       WHERE u.path LIKE ? AND i.period_end BETWEEN ? AND ?${onlyUnitId ? ' AND u.id = ?' : ''}
       GROUP BY \`key\``,
      [path.length + 1, `${path}%`, from, to, ...(onlyUnitId ? [onlyUnitId] : [])],
    );
    return rows.map(toCountRow);
  }

  async countByRequirement(path: string, from: string, to: string, onlyUnitId?: number): Promise<(CountRow & { title: string })[]> {
    const rows = await this.q(
      `SELECT i.requirement_code AS \`key\`, MAX(r.title) AS title, ${COUNT_COLUMNS}
       FROM checklist_item i JOIN unit u ON u.id = i.unit_id LEFT JOIN requirement r ON r.code = i.requirement_code
       WHERE u.path LIKE ? AND i.period_end BETWEEN ? AND ?${onlyUnitId ? ' AND u.id = ?' : ''}
       GROUP BY i.requirement_code ORDER BY i.requirement_code`,
      [`${path}%`, from, to, ...(onlyUnitId ? [onlyUnitId] : [])],
    );
    return rows.map((r: any) => ({ ...toCountRow(r), title: r.title ?? r.key }));
  }

  /** The direct children of a unit, in display order. */
  findChildUnits(unitId: number): Promise<{ id: number; name: string }[]> {
    return this.q('SELECT id, COALESCE(short_name, name) AS name FROM unit WHERE parent_id = ? ORDER BY id', [unitId]);
  }
}

function toCountRow(r: any): CountRow {
  return { key: r.key, met: num(r.met), missed: num(r.missed), waived: num(r.waived), pending: num(r.pending) };
}

function dayTable(): string {
  return `JSON_TABLE(?, '$[*]' COLUMNS (d DATE PATH '$.d', s DATETIME(3) PATH '$.s', e DATETIME(3) PATH '$.e'))`;
}

function dayTableParam(days: { date: string; start: Date; end: Date }[]): string {
  return JSON.stringify(days.map((d) => ({ d: d.date, s: sqlInstant(d.start), e: sqlInstant(d.end) })));
}
