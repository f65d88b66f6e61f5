import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { CreateMessageDto, ListMessagesQuery, ReplyMessageDto } from './messages.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @Roles('admin', 'supervisor', 'operator')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMessageDto) {
    return this.messages.create(actor, dto);
  }

  /** Admins, supervisors and operators within their scope (the service decides, as for the console). */
  @Post(':id/reply')
  @HttpCode(200)
  reply(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ReplyMessageDto) {
    return this.messages.reply(actor, id, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListMessagesQuery) {
    return this.messages.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.messages.get(actor, id);
  }
}
