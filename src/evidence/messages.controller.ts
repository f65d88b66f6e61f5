import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { ApiCreated, ApiErrors, ApiOk, ApiPage } from '../common/openapi';
import { CalendarErrorStatus } from '../calendar/calendar.errors';
import { EvidenceErrorStatus } from './evidence.errors';
import { Message, MessageReply, RecordedWithDeadline } from './evidence.openapi';
import { CreateMessageDto, ListMessagesQuery, ReplyMessageDto } from './messages.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @ApiOperation({ summary: 'Record a citizen message (网民留言)', description: 'Answers its due time from the calendar and the requirement of its category (simple: 3 days; general: 5 working days).' })
  @ApiCreated(RecordedWithDeadline)
  @ApiErrors(EvidenceErrorStatus, 'EVIDENCE_READ_ONLY_ROLE', 'CHANNEL_NOT_FOUND', 'MESSAGE_DUPLICATE')
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_YEAR_MISSING')
  @Roles('admin', 'supervisor', 'operator')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMessageDto) {
    return this.messages.create(actor, dto);
  }

  /** Admins, supervisors and operators within their scope (the service decides, as for the console). */
  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the reply to a message' })
  @ApiOk(MessageReply)
  @ApiErrors(EvidenceErrorStatus, 'EVIDENCE_READ_ONLY_ROLE', 'MESSAGE_NOT_FOUND', 'EVIDENCE_INVALID', 'MESSAGE_ALREADY_REPLIED')
  reply(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ReplyMessageDto) {
    return this.messages.reply(actor, id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List messages in scope', description: 'With their due time, reply time and whether they were answered on time.' })
  @ApiPage(Message)
  list(@CurrentActor() actor: Actor, @Query() query: ListMessagesQuery) {
    return this.messages.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a message in scope', description: 'With its due time, reply time and whether it was answered on time.' })
  @ApiOk(Message)
  @ApiErrors(EvidenceErrorStatus, 'MESSAGE_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.messages.get(actor, id);
  }
}
