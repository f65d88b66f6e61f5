// The monthly report's reads. Set-based engine (STYLE.md): this file reads other modules'
// tables in its own SQL, READ-ONLY — unit, channel (org, channels), checklist_item,
// requirement (checklists, requirements), finding, task, task_transition (rectification) —
// because one GROUP BY over the month's items beats a loop over those modules' services.
// Every query takes the top unit's path and stays inside that subtree.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelKind } from '../channels/entities/channel.entity';
import { ChecklistProblemInput, ChecklistRollup, FindingProblemInput, ReportUnitInput } from './monthly-report';

export interface ReportScope {
  /** The top unit's id and materialised path (`/1/5/`). */
  unitId: number;
  path: string;
  /** The top unit is a root: its subtree is every unit below it in the whole tree. */
  wholeTree: boolean;
}

export interface OverdueTaskAt {
  taskId: number;
  unitId: number;
  unitName: string;
  title: string;
  dueAt: Date;
}

const OVERDUE_STATES = "('open', 'rejected')";

/**
 * The child of the top unit a row belongs to: the path segment right after the top's path
 * (`/1/5/23/` under `/1/` → 5); '' for the top unit's own rows. Pure string work on the
 * joined unit row, so rolling a subtree up to its children needs no recursive query.
 */
const CHILD_OF = 'SUBSTRING_INDEX(SUBSTRING(u.path, ? + 1), \'/\', 1)';

/**
 * The report's heaviest statement: the month's items aggregated per unit first (one pass over
 * the month, no per-row unit lookups), then rolled up to the top unit's children. The month is
 * one range of the covering ix_item_month (period_start, unit_id, outcome, channel_id), however
 * many months the table holds; `outcome` is `status` once final or waived (migration
 * 1764140000600), named because MariaDB does not match the expression to the virtual column.
 * For a root unit (the whole tree) the inner pass needs no unit filter; below a root, it is
 * limited to the subtree's units.
 * Parameters, in order: the top's path length, [below a root: its path + '%'], the month's
 * first and last day, its path + '%'. Exported so the benchmark can time the raw SQL beside the report.
 */
export function checklistRollupSql(wholeTree: boolean): string {
  return `SELECT ${CHILD_OF} AS child, SUM(a.met) AS met, SUM(a.missed) AS missed, SUM(a.waived) AS waived, SUM(a.channels) AS channels, SUM(a.items) AS items
  FROM (SELECT i.unit_id,
               SUM(i.outcome = 'met') AS met,
               SUM(i.outcome = 'missed') AS missed,
               SUM(i.outcome = 'waived') AS waived,
               COUNT(DISTINCT i.channel_id) AS channels,
               COUNT(*) AS items
          FROM checklist_item i
         WHERE ${wholeTree ? '' : 'i.unit_id IN (SELECT s.id FROM unit s WHERE s.path LIKE ?) AND '}i.period_start BETWEEN ? AND ?
         GROUP BY i.unit_id) a
  JOIN unit u ON u.id = a.unit_id
 WHERE u.path LIKE ?
 GROUP BY child`;
}

@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Active direct children in display order (id order: the order they were created or imported). */
  async findChildUnits(unitId: number): Promise<ReportUnitInput[]> {
    return this.dataSource.query(
      `SELECT id, name, short_name AS shortName, kind, level FROM unit WHERE parent_id = ? AND active = 1 ORDER BY id`,
      [unitId],
    );
  }

  /** Channels monitored: active channels of active units in the subtree, by kind. */
  async countActiveChannelsByKind(scope: ReportScope): Promise<Partial<Record<ChannelKind, number>>> {
    const rows: { kind: ChannelKind; n: string }[] = await this.dataSource.query(
      `SELECT c.kind, COUNT(*) AS n FROM channel c JOIN unit u ON u.id = c.unit_id
        WHERE u.path LIKE ? AND u.active = 1 AND c.active = 1 GROUP BY c.kind`,
      [`${scope.path}%`],
    );
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  }

  /**
   * The month's checklist items rolled up to the top unit's children: final met and missed,
   * waived, distinct channels sampled (a channel belongs to one unit, so per-unit distinct
   * counts add up) and all items. Items belong to the month by their period start.
   */
  async rollUpChecklistByChild(scope: ReportScope, first: string, last: string): Promise<ChecklistRollup[]> {
    const rows: { child: string; met: string; missed: string; waived: string; channels: string; items: string }[] = await this.dataSource.query(checklistRollupSql(scope.wholeTree), [
      scope.path.length,
      ...(scope.wholeTree ? [] : [`${scope.path}%`]),
      first,
      last,
      `${scope.path}%`,
    ]);
    return rows.map((r) => ({
      childId: r.child === '' ? null : Number(r.child),
      met: Number(r.met),
      missed: Number(r.missed),
      waived: Number(r.waived),
      channels: Number(r.channels),
      items: Number(r.items),
    }));
  }

  /**
   * Final missed items of the month, one row per (requirement, channel) — or per
   * (requirement, unit) where there is no channel — as the report names a problem once.
   * `final_miss = 1` is `final = 1 AND status = 'missed'`, spelled so that the month's misses
   * are one range of the covering ix_item_final_miss (migration 1764140000310).
   */
  async findMissedByRequirementAndChannel(scope: ReportScope, first: string, last: string): Promise<ChecklistProblemInput[]> {
    const rows: (Omit<ChecklistProblemInput, 'missed'> & { missed: string })[] = await this.dataSource.query(
      `SELECT m.requirement_code AS requirementCode, r.title AS requirementTitle, r.problem_category AS category,
              m.unit_id AS unitId, COALESCE(u.short_name, u.name) AS unitName,
              m.channel_id AS channelId, c.name AS channelName, c.kind AS channelKind, c.platform_label AS platformLabel, m.missed
         FROM (SELECT i.requirement_code, i.unit_id, i.channel_id, COUNT(*) AS missed
                 FROM checklist_item i JOIN unit u ON u.id = i.unit_id
                WHERE u.path LIKE ? AND i.final_miss = 1 AND i.period_start BETWEEN ? AND ?
                GROUP BY i.requirement_code, i.unit_id, i.channel_id) m
         JOIN requirement r ON r.code = m.requirement_code
         JOIN unit u ON u.id = m.unit_id
         LEFT JOIN channel c ON c.id = m.channel_id
        ORDER BY m.unit_id, m.channel_id, m.requirement_code`,
      [`${scope.path}%`, first, last],
    );
    return rows.map((r) => ({ ...r, unitId: Number(r.unitId), channelId: r.channelId == null ? null : Number(r.channelId), missed: Number(r.missed) }));
  }

  /** Findings discovered in [from, to). */
  async findFindingsBetween(scope: ReportScope, from: Date, to: Date): Promise<FindingProblemInput[]> {
    const rows: FindingProblemInput[] = await this.dataSource.query(
      `SELECT f.id, f.category, f.unit_id AS unitId, COALESCE(u.short_name, u.name) AS unitName,
              f.channel_id AS channelId, c.name AS channelName, c.kind AS channelKind, c.platform_label AS platformLabel, f.description
         FROM finding f JOIN unit u ON u.id = f.unit_id LEFT JOIN channel c ON c.id = f.channel_id
        WHERE u.path LIKE ? AND f.found_at >= ? AND f.found_at < ?
        ORDER BY f.found_at, f.id`,
      [`${scope.path}%`, from, to],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id), unitId: Number(r.unitId), channelId: r.channelId == null ? null : Number(r.channelId) }));
  }

  /**
   * Tasks that were overdue at `asOf`: due by then, and open or rejected in the state their
   * transitions (never edited) give for that instant — so a task accepted later still counts
   * for the month it was overdue in. Most overdue (earliest due) first.
   */
  async findTasksOverdueAt(scope: ReportScope, asOf: Date): Promise<OverdueTaskAt[]> {
    const rows: OverdueTaskAt[] = await this.dataSource.query(
      `SELECT t.id AS taskId, t.unit_id AS unitId, COALESCE(u.short_name, u.name) AS unitName, t.title, t.due_at AS dueAt
         FROM task t
         JOIN unit u ON u.id = t.unit_id
         JOIN task_transition s ON s.id = (SELECT MAX(x.id) FROM task_transition x WHERE x.task_id = t.id AND x.at <= ?)
        WHERE u.path LIKE ? AND t.opened_at <= ? AND t.due_at <= ? AND (t.closed_at IS NULL OR t.closed_at > ?)
          AND s.to_status IN ${OVERDUE_STATES}
        ORDER BY t.due_at, t.id`,
      [asOf, `${scope.path}%`, asOf, asOf, asOf],
    );
    return rows.map((r) => ({ ...r, taskId: Number(r.taskId), unitId: Number(r.unitId) }));
  }
}
