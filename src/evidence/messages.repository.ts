import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { scopeConditionRaw, UnitScope } from '../common/scope';
import { MessageCategory } from './messages.dto';

export interface MessageRow {
  id: number;
  channelId: number;
  channelName: string;
  unitId: number;
  unitName: string;
  category: MessageCategory;
  requirementCode: string;
  subject: string | null;
  externalId: string | null;
  receivedAt: Date;
  dueLastDay: string;
  dueAt: Date;
  repliedAt: Date | null;
}

export interface MessageFilter {
  channelId?: number;
  unitId?: number;
  includeSubunits?: boolean;
  category?: MessageCategory;
  /** Judged at `now`. */
  overdue?: boolean;
  receivedFrom?: Date;
  receivedBefore?: Date;
}

const SELECT = `SELECT m.id, m.channel_id AS channelId, c.name AS channelName, m.unit_id AS unitId, u.name AS unitName, m.category,
  m.requirement_code AS requirementCode, m.subject, m.external_id AS externalId, m.received_at AS receivedAt,
  m.due_last_day AS dueLastDay, m.due_at AS dueAt, m.replied_at AS repliedAt
  FROM message m JOIN channel c ON c.id = m.channel_id JOIN unit u ON u.id = m.unit_id`;

const toRow = (r: MessageRow): MessageRow => ({ ...r, id: Number(r.id) });

@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertMessage(message: Omit<MessageRow, 'id' | 'channelName' | 'unitName' | 'repliedAt'> & { createdBy: number }): Promise<number> {
    const result = await this.dataSource.query(
      `INSERT INTO message (channel_id, unit_id, category, requirement_code, subject, external_id, received_at, due_last_day, due_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [message.channelId, message.unitId, message.category, message.requirementCode, message.subject, message.externalId, message.receivedAt, message.dueLastDay, message.dueAt, message.createdBy],
    );
    return Number(result.insertId);
  }

  async existsExternalId(channelId: number, externalId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM message WHERE channel_id = ? AND external_id = ? LIMIT 1', [channelId, externalId]);
    return rows.length > 0;
  }

  async findOneInScope(scope: UnitScope, id: number): Promise<MessageRow | null> {
    const cond = scopeConditionRaw(scope, 'u');
    const rows: MessageRow[] = await this.dataSource.query(`${SELECT} WHERE m.id = ? AND ${cond.sql}`, [id, ...cond.params]);
    return rows.length ? toRow(rows[0]) : null;
  }

  /** Sets the reply once; false when the message already had one (a concurrent reply). */
  async markReplied(id: number, repliedAt: Date): Promise<boolean> {
    const result = await this.dataSource.query('UPDATE message SET replied_at = ? WHERE id = ? AND replied_at IS NULL', [repliedAt, id]);
    return result.affectedRows === 1;
  }

  async findPageInScope(scope: UnitScope, filter: MessageFilter, now: Date, offset: number, limit: number): Promise<[MessageRow[], number]> {
    const cond = scopeConditionRaw(scope, 'u');
    const where = [cond.sql];
    const params: unknown[] = [...cond.params];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (filter.channelId) add('m.channel_id = ?', filter.channelId);
    if (filter.unitId && filter.includeSubunits) add("u.path LIKE CONCAT((SELECT f.path FROM unit f WHERE f.id = ?), '%')", filter.unitId);
    else if (filter.unitId) add('m.unit_id = ?', filter.unitId);
    if (filter.category) add('m.category = ?', filter.category);
    if (filter.receivedFrom) add('m.received_at >= ?', filter.receivedFrom);
    if (filter.receivedBefore) add('m.received_at < ?', filter.receivedBefore);
    if (filter.overdue !== undefined) add(`${filter.overdue ? '' : 'NOT '}((m.replied_at IS NULL AND m.due_at <= ?) OR (m.replied_at IS NOT NULL AND m.replied_at >= m.due_at))`, now);
    const sqlWhere = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.dataSource.query(`${SELECT} WHERE ${sqlWhere} ORDER BY m.received_at DESC, m.id DESC LIMIT ? OFFSET ?`, [...params, limit, offset]),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM message m JOIN unit u ON u.id = m.unit_id WHERE ${sqlWhere}`, params),
    ]);
    return [rows.map(toRow), Number(count[0].n)];
  }
}
