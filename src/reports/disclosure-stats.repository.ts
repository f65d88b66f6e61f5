import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageQuery } from '../common/pagination';
import { scopeConditionRaw, UnitScope } from '../common/scope';
import { DisclosureStatRow } from './reports.dto';
import { StatFigures } from './monthly-report';

export interface StatUpsert {
  unitId: number;
  month: string;
  cumulativeTotal: number;
  monthCount: number;
  applicationCount: number | null;
}

export interface StatListFilter {
  month?: string;
  unitId?: number;
  includeSubunits?: boolean;
}

const BATCH = 1000;
const STAT_COLUMNS = `s.id, s.unit_id AS unitId, u.code AS unitCode, COALESCE(u.short_name, u.name) AS unitName, s.month,
  s.cumulative_total AS cumulativeTotal, s.month_count AS monthCount, s.application_count AS applicationCount, s.imported_at AS importedAt`;

@Injectable()
export class DisclosureStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findPageInScope(scope: UnitScope, filter: StatListFilter, page: PageQuery): Promise<[DisclosureStatRow[], number]> {
    const cond = scopeConditionRaw(scope, 'u');
    const where = [cond.sql];
    const params: unknown[] = [...cond.params];
    if (filter.month) {
      where.push('s.month = ?');
      params.push(filter.month);
    }
    if (filter.unitId && filter.includeSubunits) {
      where.push("u.path LIKE CONCAT((SELECT f.path FROM unit f WHERE f.id = ?), '%')");
      params.push(filter.unitId);
    } else if (filter.unitId) {
      where.push('s.unit_id = ?');
      params.push(filter.unitId);
    }
    const from = `FROM disclosure_stat s JOIN unit u ON u.id = s.unit_id WHERE ${where.join(' AND ')}`;
    const [{ n }] = await this.dataSource.query(`SELECT COUNT(*) AS n ${from}`, params);
    const rows = await this.dataSource.query(`SELECT ${STAT_COLUMNS} ${from} ORDER BY s.month DESC, s.unit_id ASC LIMIT ? OFFSET ?`, [
      ...params,
      page.pageSize,
      offsetOf(page),
    ]);
    return [rows, Number(n)];
  }

  /** The rows an import is about to replace, for the audit's before. */
  async findByUnitMonths(manager: EntityManager, keys: { unitId: number; month: string }[]): Promise<DisclosureStatRow[]> {
    const rows: DisclosureStatRow[] = [];
    for (let i = 0; i < keys.length; i += BATCH) {
      const chunk = keys.slice(i, i + BATCH);
      rows.push(
        ...(await manager.query(
          `SELECT ${STAT_COLUMNS} FROM disclosure_stat s JOIN unit u ON u.id = s.unit_id WHERE (s.unit_id, s.month) IN (${chunk.map(() => '(?, ?)').join(', ')})`,
          chunk.flatMap((k) => [k.unitId, k.month]),
        )),
      );
    }
    return rows;
  }

  /** Re-importing a (unit, month) replaces its figures. */
  async upsertStats(manager: EntityManager, rows: StatUpsert[], importedBy: number, importedAt: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      await manager.query(
        `INSERT INTO disclosure_stat (unit_id, month, cumulative_total, month_count, application_count, imported_by, imported_at)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE cumulative_total = VALUES(cumulative_total), month_count = VALUES(month_count),
           application_count = VALUES(application_count), imported_by = VALUES(imported_by), imported_at = VALUES(imported_at)`,
        chunk.flatMap((r) => [r.unitId, r.month, r.cumulativeTotal, r.monthCount, r.applicationCount, importedBy, importedAt]),
      );
    }
  }

  /** A month's figures of one unit and its direct children (the report's two tables and its own row). */
  async findFiguresOfUnitAndChildren(unitId: number, month: string): Promise<Map<number, StatFigures>> {
    const rows: { unitId: number; cumulativeTotal: string; monthCount: string; applicationCount: string | null }[] = await this.dataSource.query(
      `SELECT s.unit_id AS unitId, s.cumulative_total AS cumulativeTotal, s.month_count AS monthCount, s.application_count AS applicationCount
         FROM disclosure_stat s JOIN unit u ON u.id = s.unit_id
        WHERE s.month = ? AND (u.parent_id = ? OR u.id = ?)`,
      [month, unitId, unitId],
    );
    return new Map(
      rows.map((r) => [
        Number(r.unitId),
        { cumulativeTotal: Number(r.cumulativeTotal), monthCount: Number(r.monthCount), applicationCount: r.applicationCount == null ? null : Number(r.applicationCount) },
      ]),
    );
  }
}
