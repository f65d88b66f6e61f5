import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { offsetOf, PageQuery } from '../common/pagination';
import { scopeCondition, scopeConditionRaw, UnitScope } from '../common/scope';
import { ChannelEntity, ChannelKind } from './entities/channel.entity';

export interface ChannelListFilter {
  unitId?: number;
  includeSubunits?: boolean;
  kind?: ChannelKind;
  active?: boolean;
}

export interface ChannelUpsert {
  code: string;
  unitId: number;
  kind: ChannelKind;
  name: string;
  url: string | null;
  platformLabel: string;
}

@Injectable()
export class ChannelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ChannelEntity);
  }

  async findPageInScope(scope: UnitScope, filter: ChannelListFilter, page: PageQuery): Promise<[ChannelEntity[], number]> {
    const cond = scopeCondition(scope, 'u');
    const qb = this.repo().createQueryBuilder('c').innerJoin('unit', 'u', 'u.id = c.unit_id').where(cond.sql, cond.params);
    if (filter.unitId && filter.includeSubunits) {
      qb.andWhere('u.path LIKE CONCAT((SELECT f.path FROM unit f WHERE f.id = :filterUnitId), :pct)', { filterUnitId: filter.unitId, pct: '%' });
    } else if (filter.unitId) {
      qb.andWhere('c.unit_id = :unitId', { unitId: filter.unitId });
    }
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.active !== undefined) qb.andWhere('c.active = :active', { active: filter.active });
    return qb.orderBy('c.id', 'ASC').skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
  }

  findOneInScope(scope: UnitScope, id: number, manager?: EntityManager): Promise<ChannelEntity | null> {
    const cond = scopeCondition(scope, 'u');
    return this.repo(manager).createQueryBuilder('c').innerJoin('unit', 'u', 'u.id = c.unit_id').where('c.id = :id', { id }).andWhere(cond.sql, cond.params).getOne();
  }

  findByCode(code: string, manager?: EntityManager): Promise<ChannelEntity | null> {
    return this.repo(manager).findOneBy({ code });
  }

  findByCodes(codes: string[], manager?: EntityManager): Promise<ChannelEntity[]> {
    if (!codes.length) return Promise.resolve([]);
    return this.repo(manager).findBy({ code: In(codes) });
  }

  findByIds(ids: number[], manager?: EntityManager): Promise<ChannelEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo(manager).findBy({ id: In(ids) });
  }

  /** Of `ids`, those that exist and whose unit is in `scope`: one statement, no entities (it runs per ingested batch). */
  async findIdsInScope(scope: UnitScope, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const cond = scopeConditionRaw(scope, 'u');
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT c.id FROM channel c JOIN unit u ON u.id = c.unit_id WHERE c.id IN (${ids.map(() => '?').join(',')}) AND ${cond.sql}`,
      [...ids, ...cond.params],
    );
    return new Set(rows.map((r) => Number(r.id)));
  }

  async insertChannel(manager: EntityManager, channel: ChannelUpsert): Promise<ChannelEntity> {
    const result = await this.repo(manager).insert({ ...channel, active: true });
    return (await this.repo(manager).findOneBy({ id: result.identifiers[0].id }))!;
  }

  async updateChannel(manager: EntityManager, id: number, changes: Partial<ChannelEntity>): Promise<ChannelEntity> {
    if (Object.keys(changes).length) await this.repo(manager).update({ id }, changes);
    return (await this.repo(manager).findOneBy({ id }))!;
  }

  /** Bulk upsert by code, 1,000 rows a statement. */
  async upsertChannels(manager: EntityManager, rows: ChannelUpsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await manager.query(
        `INSERT INTO channel (code, unit_id, kind, name, url, platform_label) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE unit_id = VALUES(unit_id), kind = VALUES(kind), name = VALUES(name), url = VALUES(url), platform_label = VALUES(platform_label)`,
        chunk.flatMap((r) => [r.code, r.unitId, r.kind, r.name, r.url, r.platformLabel]),
      );
    }
  }
}
