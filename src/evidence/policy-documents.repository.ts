import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { scopeConditionRaw, UnitScope } from '../common/scope';
import { InterpretationResponse } from './policy-documents.dto';

export interface PolicyDocumentRow {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  url: string;
  publishedAt: Date;
  dueLastDay: string;
  dueAt: Date;
  documentLinksToInterpretation: number | null;
  interpretationLinksToDocument: number | null;
  linksVerifiedAt: Date | null;
  lastCheckedAt: Date | null;
  lastCheckError: string | null;
}

export interface PolicyDocumentFilter {
  unitId?: number;
  includeSubunits?: boolean;
  linked?: boolean;
}

const SELECT = `SELECT d.id, d.unit_id AS unitId, u.name AS unitName, d.title, d.url, d.published_at AS publishedAt,
  d.due_last_day AS dueLastDay, d.due_at AS dueAt, d.document_links_to_interpretation AS documentLinksToInterpretation,
  d.interpretation_links_to_document AS interpretationLinksToDocument, d.links_verified_at AS linksVerifiedAt,
  d.last_checked_at AS lastCheckedAt, d.last_check_error AS lastCheckError
  FROM policy_document d JOIN unit u ON u.id = d.unit_id`;

const toRow = (r: PolicyDocumentRow): PolicyDocumentRow => ({ ...r, id: Number(r.id) });

@Injectable()
export class PolicyDocumentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertDocument(d: { unitId: number; title: string; url: string; publishedAt: Date; dueLastDay: string; dueAt: Date; createdBy: number }): Promise<number> {
    const result = await this.dataSource.query(
      'INSERT INTO policy_document (unit_id, title, url, published_at, due_last_day, due_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [d.unitId, d.title, d.url, d.publishedAt, d.dueLastDay, d.dueAt, d.createdBy],
    );
    return Number(result.insertId);
  }

  async insertInterpretation(i: { policyDocumentId: number; title: string; url: string; publishedAt: Date; createdBy: number }): Promise<number> {
    const result = await this.dataSource.query(
      'INSERT INTO policy_interpretation (policy_document_id, title, url, published_at, created_by) VALUES (?, ?, ?, ?, ?)',
      [i.policyDocumentId, i.title, i.url, i.publishedAt, i.createdBy],
    );
    return Number(result.insertId);
  }

  async findOneInScope(scope: UnitScope, id: number): Promise<PolicyDocumentRow | null> {
    const cond = scopeConditionRaw(scope, 'u');
    const rows = await this.dataSource.query(`${SELECT} WHERE d.id = ? AND ${cond.sql}`, [id, ...cond.params]);
    return rows.length ? toRow(rows[0]) : null;
  }

  async findById(id: number): Promise<PolicyDocumentRow | null> {
    const rows = await this.dataSource.query(`${SELECT} WHERE d.id = ?`, [id]);
    return rows.length ? toRow(rows[0]) : null;
  }

  /** Newest first. */
  async findInterpretations(policyDocumentId: number): Promise<InterpretationResponse[]> {
    const rows = await this.dataSource.query(
      `SELECT id, policy_document_id AS policyDocumentId, title, url, published_at AS publishedAt, created_at AS createdAt
         FROM policy_interpretation WHERE policy_document_id = ? ORDER BY published_at DESC, id DESC`,
      [policyDocumentId],
    );
    return rows.map((r: InterpretationResponse) => ({ ...r, id: Number(r.id), policyDocumentId: Number(r.policyDocumentId) }));
  }

  async findPageInScope(scope: UnitScope, filter: PolicyDocumentFilter, offset: number, limit: number): Promise<[PolicyDocumentRow[], number]> {
    const cond = scopeConditionRaw(scope, 'u');
    const where = [cond.sql];
    const params: unknown[] = [...cond.params];
    if (filter.unitId && filter.includeSubunits) {
      where.push("u.path LIKE CONCAT((SELECT f.path FROM unit f WHERE f.id = ?), '%')");
      params.push(filter.unitId);
    } else if (filter.unitId) {
      where.push('d.unit_id = ?');
      params.push(filter.unitId);
    }
    if (filter.linked !== undefined) where.push(`d.links_verified_at IS ${filter.linked ? 'NOT ' : ''}NULL`);
    const sqlWhere = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.dataSource.query(`${SELECT} WHERE ${sqlWhere} ORDER BY d.published_at DESC, d.id DESC LIMIT ? OFFSET ?`, [...params, limit, offset]),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM policy_document d JOIN unit u ON u.id = d.unit_id WHERE ${sqlWhere}`, params),
    ]);
    return [rows.map(toRow), Number(count[0].n)];
  }

  /** Stores a check; the first check that finds both links sets links_verified_at, later ones keep it. */
  async saveCheck(id: number, check: { documentLinksToInterpretation: boolean; interpretationLinksToDocument: boolean; verified: boolean; error: string | null }, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE policy_document SET document_links_to_interpretation = ?, interpretation_links_to_document = ?, last_checked_at = ?, last_check_error = ?,
              links_verified_at = CASE WHEN ? AND links_verified_at IS NULL THEN ? ELSE links_verified_at END
        WHERE id = ?`,
      [check.documentLinksToInterpretation, check.interpretationLinksToDocument, at, check.error?.slice(0, 1000) ?? null, check.verified, at, id],
    );
  }

  /**
   * Documents the scheduled re-check should look at: not verified, with an interpretation, due
   * in the future or less than `graceMs` ago; by id, `limit` at a time after `afterId`.
   */
  async findIdsToRecheck(now: Date, graceMs: number, afterId: number, limit: number): Promise<number[]> {
    const rows = await this.dataSource.query(
      `SELECT d.id FROM policy_document d
        WHERE d.links_verified_at IS NULL AND d.due_at > ? AND d.id > ?
          AND EXISTS (SELECT 1 FROM policy_interpretation i WHERE i.policy_document_id = d.id)
        ORDER BY d.id LIMIT ?`,
      [new Date(now.getTime() - graceMs), afterId, limit],
    );
    return rows.map((r: { id: number | string }) => Number(r.id));
  }
}
