import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageQuery } from '../common/pagination';
import { AuditLogEntity } from './entities/audit-log.entity';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: number;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertEntries(entries: Omit<AuditLogEntity, 'id'>[], manager?: EntityManager): Promise<void> {
    if (!entries.length) return;
    const repo = (manager ?? this.dataSource.manager).getRepository(AuditLogEntity);
    for (let i = 0; i < entries.length; i += 1000) {
      await repo.insert(entries.slice(i, i + 1000) as never);
    }
  }

  async findPage(filter: AuditFilter, page: PageQuery): Promise<[AuditLogEntity[], number]> {
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    return qb.orderBy('a.id', 'DESC').skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
  }
}
