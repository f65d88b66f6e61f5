import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { addDays } from '../common/time/local-date';
import { ChannelsService } from '../channels/channels.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { readScope, scopeContains } from '../common/scope';
import { UnitsService } from '../org/units.service';
import { CreateFindingDto, FindingResponse, ListFindingsQuery, toFindingResponse } from './rectification.dto';
import { RectificationError } from './rectification.errors';
import { RectificationRepository } from './rectification.repository';
import { RectificationService } from './rectification.service';
import { CATEGORY_LABELS, FINDING_SOURCES, FindingSource, findingDefaultsFor, findingDueDays } from './rectification-settings';

/** A little slack for clocks of the inspectors' devices being ahead of the server. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

@Injectable()
export class FindingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: RectificationRepository,
    private readonly rectification: RectificationService,
    private readonly units: UnitsService,
    private readonly channels: ChannelsService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The sources a person of this role may record (the form offers these): an operator only self-check (自查). */
  sourcesFor(actor: Actor): FindingSource[] {
    return actor.role === 'operator' ? ['self_check'] : FINDING_SOURCES.filter((s) => s !== 'automatic');
  }

  /**
   * Inspectors (any unit), supervisors (their scope) and admins record findings; an operator
   * records only self-check findings of their own unit. The finding's task is opened in the
   * same transaction, due N working days after discovery (setting; default 5).
   */
  async create(actor: Actor, dto: CreateFindingDto): Promise<FindingResponse & { dueAt: Date }> {
    if (actor.role === 'operator' && dto.source !== 'self_check') {
      throw new RectificationError('FINDING_ROLE_NOT_ALLOWED', '您的角色（经办员）只能登记本单位的自查问题（来源须为“自查”，即 source 为 self_check）');
    }
    const [unit] = await this.units.findByIds([dto.unitId]);
    if (!unit || !scopeContains(readScope(actor), unit)) throw new RectificationError('FINDING_UNIT_NOT_FOUND', `unitId ${dto.unitId} 不存在或不在您的管理范围内`);
    if (dto.channelId !== undefined) {
      const [channel] = await this.channels.findByIds([dto.channelId]);
      if (!channel || channel.unitId !== unit.id) throw new RectificationError('FINDING_CHANNEL_NOT_FOUND', `channelId ${dto.channelId} 不存在或不属于单位 ${unit.name}`);
    }
    const foundAt = this.calendar.parseInstant(dto.foundAt);
    if (!foundAt) throw new RectificationError('FINDING_FOUND_AT_INVALID', 'foundAt 必须是 ISO 8601 时间，如 2022-09-29T10:00:00+08:00');
    if (foundAt.getTime() > this.clock.now().getTime() + FUTURE_TOLERANCE_MS) throw new RectificationError('FINDING_FOUND_AT_INVALID', 'foundAt 不能晚于当前时间');

    const settings = await this.rectification.settings();
    const defaults = findingDefaultsFor(settings, dto.source, dto.category);
    const { dueAt } = await this.calendar.deadline(foundAt, findingDueDays(settings, dto.source, dto.category), 'working');

    return this.dataSource.transaction(async (manager) => {
      const finding = {
        unitId: unit.id,
        channelId: dto.channelId ?? null,
        category: dto.category,
        source: dto.source,
        description: dto.description,
        foundAt,
        severity: dto.severity ?? defaults.severity,
        deductionPoints: dto.deductionPoints ?? defaults.deductionPoints,
        createdBy: actor.id,
      };
      const id = await this.repository.insertFinding(manager, finding);
      await this.rectification.openTaskForFinding(manager, actor, {
        findingId: id,
        unitId: unit.id,
        channelId: finding.channelId,
        title: `【${CATEGORY_LABELS[dto.category]}】${dto.description}`.slice(0, 500),
        category: dto.category,
        dueAt,
        veto: finding.severity === 'veto',
      });
      const created = toFindingResponse((await this.repository.findFindingInScope({ kind: 'all' }, id, manager))!);
      await this.audit.record(actor, { action: 'finding.create', entityType: 'finding', entityId: id, after: created }, manager);
      return { ...created, dueAt };
    });
  }

  async list(actor: Actor, query: ListFindingsQuery): Promise<Page<FindingResponse>> {
    const scope = readScope(actor);
    const unitPath = query.unitId && query.includeSubunits ? (await this.units.findInReadScope(actor, query.unitId)).path : undefined;
    const [rows, total] = await this.repository.findFindingPageInScope(
      scope,
      {
        unitId: query.unitId,
        unitPath,
        category: query.category,
        source: query.source,
        foundFrom: query.from ? this.calendar.parseInstant(query.from)! : undefined,
        foundBefore: query.to ? this.calendar.parseInstant(addDays(query.to, 1))! : undefined,
      },
      query,
    );
    return pageOf(rows.map(toFindingResponse), total, query);
  }

  async get(actor: Actor, id: number): Promise<FindingResponse> {
    const row = await this.repository.findFindingInScope(readScope(actor), id);
    if (!row) throw new RectificationError('FINDING_NOT_FOUND', `问题 ${id} 不存在`);
    return toFindingResponse(row);
  }
}
