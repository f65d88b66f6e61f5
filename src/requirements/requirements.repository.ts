import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequirementParams, Severity } from './built-in-requirements';
import { RequirementResponse } from './requirements.dto';

interface RequirementRow {
  code: string;
  title: string;
  kind: string;
  params: unknown;
  applies_to: unknown;
  problem_category: string;
  source_document: string;
  source_clause: string;
  severity: string;
  deduction_points: string | number;
  enabled: number;
  built_in: number;
  updated_at: Date;
}

const COLUMNS = 'code, title, kind, params, applies_to, problem_category, source_document, source_clause, severity, deduction_points, enabled, built_in, updated_at';

// mysql2 returns JSON columns parsed on MySQL and as text on MariaDB (where JSON is LONGTEXT).
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

function toRequirement(row: RequirementRow): RequirementResponse {
  return {
    code: row.code,
    title: row.title,
    kind: row.kind as RequirementResponse['kind'],
    params: json(row.params),
    appliesTo: json(row.applies_to),
    problemCategory: row.problem_category as RequirementResponse['problemCategory'],
    sourceDocument: row.source_document,
    sourceClause: row.source_clause,
    severity: row.severity as Severity,
    deductionPoints: Number(row.deduction_points),
    enabled: !!row.enabled,
    builtIn: !!row.built_in,
    updatedAt: row.updated_at,
  };
}

export interface RequirementChanges {
  enabled?: boolean;
  params?: RequirementParams;
  severity?: Severity;
  deductionPoints?: number;
}

@Injectable()
export class RequirementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findAll(): Promise<RequirementResponse[]> {
    const rows: RequirementRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM requirement ORDER BY built_in DESC, code`);
    return rows.map(toRequirement);
  }

  async findEnabled(): Promise<RequirementResponse[]> {
    const rows: RequirementRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM requirement WHERE enabled = 1 ORDER BY code`);
    return rows.map(toRequirement);
  }

  async findByCode(code: string, manager?: EntityManager, forUpdate = false): Promise<RequirementResponse | null> {
    const rows: RequirementRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM requirement WHERE code = ?${forUpdate ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return rows.length ? toRequirement(rows[0]) : null;
  }

  async updateRequirement(manager: EntityManager, code: string, changes: RequirementChanges): Promise<void> {
    const columns: [string, unknown][] = [];
    if (changes.enabled !== undefined) columns.push(['enabled', changes.enabled ? 1 : 0]);
    if (changes.params !== undefined) columns.push(['params', JSON.stringify(changes.params)]);
    if (changes.severity !== undefined) columns.push(['severity', changes.severity]);
    if (changes.deductionPoints !== undefined) columns.push(['deduction_points', changes.deductionPoints]);
    const sets = columns.map(([column]) => `${column} = ?`);
    const params = columns.map(([, value]) => value);
    if (!sets.length) return;
    await manager.query(`UPDATE requirement SET ${sets.join(', ')} WHERE code = ?`, [...params, code]);
  }
}
