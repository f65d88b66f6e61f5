import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { scopeConditionRaw, UnitScope } from '../common/scope';
import { AttestationResponse } from './attestations.dto';

export interface AttestationInsert {
  unitId: number;
  requirementCode: string;
  holidayName: string;
  holidayStart: string;
  note: string;
  file: { name: string; mime: string; size: number; sha256: string; path: string } | null;
  filedBy: number;
  filedAt: Date;
}

export interface AttestationFilter {
  unitId?: number;
  from?: string;
  to?: string;
}

const SELECT = `SELECT a.id, a.unit_id, u.name AS unit_name, a.requirement_code, a.holiday_name, a.holiday_start, a.note,
  a.file_name, a.file_mime, a.file_size, a.file_sha256, a.filed_by, a.filed_at
  FROM attestation a JOIN unit u ON u.id = a.unit_id`;

function toAttestation(r: any): AttestationResponse {
  return {
    id: Number(r.id),
    unitId: r.unit_id,
    unitName: r.unit_name,
    requirementCode: r.requirement_code,
    holidayName: r.holiday_name,
    holidayStart: r.holiday_start,
    note: r.note,
    file: r.file_sha256 ? { name: r.file_name, mime: r.file_mime, size: r.file_size, sha256: r.file_sha256 } : null,
    filedBy: r.filed_by,
    filedAt: r.filed_at,
  };
}

@Injectable()
export class AttestationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertAttestation(a: AttestationInsert): Promise<number> {
    const result = await this.dataSource.query(
      `INSERT INTO attestation (unit_id, requirement_code, holiday_name, holiday_start, note, file_name, file_mime, file_size, file_sha256, file_path, filed_by, filed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [a.unitId, a.requirementCode, a.holidayName, a.holidayStart, a.note, a.file?.name ?? null, a.file?.mime ?? null, a.file?.size ?? null, a.file?.sha256 ?? null, a.file?.path ?? null, a.filedBy, a.filedAt],
    );
    return Number(result.insertId);
  }

  async findById(id: number): Promise<AttestationResponse | null> {
    const rows = await this.dataSource.query(`${SELECT} WHERE a.id = ?`, [id]);
    return rows.length ? toAttestation(rows[0]) : null;
  }

  async findPageInScope(scope: UnitScope, filter: AttestationFilter, offset: number, limit: number): Promise<[AttestationResponse[], number]> {
    const cond = scopeConditionRaw(scope, 'u');
    const where = [cond.sql];
    const params: unknown[] = [...cond.params];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.unitId) add('a.unit_id = ?', filter.unitId);
    if (filter.from) add('a.holiday_start >= ?', filter.from);
    if (filter.to) add('a.holiday_start <= ?', filter.to);
    const sqlWhere = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.dataSource.query(`${SELECT} WHERE ${sqlWhere} ORDER BY a.holiday_start DESC, a.id DESC LIMIT ? OFFSET ?`, [...params, limit, offset]),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM attestation a JOIN unit u ON u.id = a.unit_id WHERE ${sqlWhere}`, params),
    ]);
    return [rows.map(toAttestation), Number(count[0].n)];
  }
}
