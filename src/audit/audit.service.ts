import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { Page, pageOf, PageQuery } from '../common/pagination';
import { AuditFilter, AuditRepository } from './audit.repository';
import { AuditLogEntity } from './entities/audit-log.entity';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Pass the transaction's manager so the audit row commits (or rolls back) with the change. */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(actor: Pick<Actor, 'id' | 'username'> | null, changes: AuditChange | AuditChange[], manager?: EntityManager): Promise<void> {
    const at = this.clock.now();
    const list = Array.isArray(changes) ? changes : [changes];
    await this.audit.insertEntries(
      list.map((c) => ({
        actorId: actor?.id ?? null,
        actorUsername: actor?.username ?? 'system',
        action: c.action,
        entityType: c.entityType,
        entityId: c.entityId == null ? null : String(c.entityId),
        before: c.before ?? null,
        after: c.after ?? null,
        at,
      })),
      manager,
    );
  }

  async list(filter: AuditFilter, page: PageQuery): Promise<Page<AuditLogEntity>> {
    const [items, total] = await this.audit.findPage(filter, page);
    return pageOf(items, total, page);
  }
}
