import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { addDays, startOfLocalDay } from '../common/time/local-date';
import { PeriodCount } from '../calendar/working-days';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { offsetOf, Page, pageOf } from '../common/pagination';
import { readScope } from '../common/scope';
import { RequirementsService } from '../requirements/requirements.service';
import { EvidenceError } from './evidence.errors';
import { EvidenceScope } from './evidence-scope';
import { CreateMessageDto, ListMessagesQuery, MESSAGE_REQUIREMENT, MessageResponse, ReplyMessageDto } from './messages.dto';
import { MessageRow, MessagesRepository } from './messages.repository';

@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly scope: EvidenceScope,
    private readonly calendar: CalendarService,
    private readonly requirements: RequirementsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a message with its due time: the day of receipt is not counted, the period ends at
   * 24:00 of its last day, and a calendar-day period ending on a rest day runs to the end of
   * the next working day (Civil Code arts. 201, 203). Days and count come from the requirement
   * in force now, so a later change of the catalogue does not move this message's deadline.
   */
  async create(actor: Actor, dto: CreateMessageDto): Promise<{ id: number; dueAt: Date; dueLastDay: string }> {
    const { channel } = await this.scope.writableChannel(actor, dto.channelId);
    const receivedAt = this.calendar.parseInstant(dto.receivedAt)!;
    if (dto.externalId && (await this.messages.existsExternalId(channel.id, dto.externalId))) {
      throw new EvidenceError('MESSAGE_DUPLICATE', `externalId ${dto.externalId} 的留言已在该载体登记过`);
    }
    const requirementCode = MESSAGE_REQUIREMENT[dto.category];
    const { days, count } = await this.requirements.paramsOf<{ days: number; count: PeriodCount }>(requirementCode);
    const { lastDay, dueAt } = await this.calendar.deadline(receivedAt, days, count);
    let id: number;
    try {
      id = await this.messages.insertMessage({
        channelId: channel.id,
        unitId: channel.unitId,
        category: dto.category,
        requirementCode,
        subject: dto.subject ?? null,
        externalId: dto.externalId ?? null,
        receivedAt,
        dueLastDay: lastDay,
        dueAt,
        createdBy: actor.id,
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_DUP_ENTRY') throw new EvidenceError('MESSAGE_DUPLICATE', `externalId ${dto.externalId} 的留言已在该载体登记过`);
      throw error;
    }
    return { id, dueAt, dueLastDay: lastDay };
  }

  async reply(actor: Actor, id: number, dto: ReplyMessageDto): Promise<{ id: number; repliedAt: Date; onTime: boolean }> {
    const scope = this.scope.writeScopeOrFail(actor);
    const message = await this.messages.findOneInScope(scope, id);
    if (!message) throw new EvidenceError('MESSAGE_NOT_FOUND', `留言 ${id} 不存在`);
    const repliedAt = this.calendar.parseInstant(dto.repliedAt)!;
    if (repliedAt < message.receivedAt) {
      throw new EvidenceError('EVIDENCE_INVALID', [`repliedAt 不能早于留言收到时间 ${message.receivedAt.toISOString()}`]);
    }
    if (message.repliedAt || !(await this.messages.markReplied(id, repliedAt))) {
      throw new EvidenceError('MESSAGE_ALREADY_REPLIED', `留言 ${id} 已登记过答复`);
    }
    return { id, repliedAt, onTime: repliedAt < message.dueAt };
  }

  /** One message with how it stands now, within the caller's read scope (else 404). */
  async get(actor: Actor, id: number): Promise<MessageResponse> {
    const row = await this.messages.findOneInScope(readScope(actor), id);
    if (!row) throw new EvidenceError('MESSAGE_NOT_FOUND', `留言 ${id} 不存在`);
    return toMessageResponse(row, this.clock.now());
  }

  /** Whether the actor may record replies (inspectors read only); the scope is checked per message. */
  mayReply(actor: Actor): boolean {
    return this.scope.mayWrite(actor);
  }

  async list(actor: Actor, query: ListMessagesQuery): Promise<Page<MessageResponse>> {
    const tz = this.calendar.timeZone;
    const now = this.clock.now();
    const [rows, total] = await this.messages.findPageInScope(
      readScope(actor),
      {
        channelId: query.channelId,
        unitId: query.unitId,
        includeSubunits: query.includeSubunits,
        category: query.category,
        overdue: query.overdue,
        receivedFrom: query.from ? startOfLocalDay(query.from, tz) : undefined,
        receivedBefore: query.to ? startOfLocalDay(addDays(query.to, 1), tz) : undefined,
      },
      now,
      offsetOf(query),
      query.pageSize,
    );
    return pageOf(
      rows.map((r) => toMessageResponse(r, now)),
      total,
      query,
    );
  }
}

export function toMessageResponse(row: MessageRow, now: Date): MessageResponse {
  const onTime = row.repliedAt ? row.repliedAt < row.dueAt : null;
  return {
    ...row,
    onTime,
    overdue: row.repliedAt ? !onTime : row.dueAt <= now,
  };
}
