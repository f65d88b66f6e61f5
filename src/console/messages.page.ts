import { Body, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReplyMessageDto } from '../evidence/messages.dto';
import { MessagesService } from '../evidence/messages.service';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { attempt, formDto } from './forms';

/** 网民留言: one message (what the reminder emails link to) and recording its reply. */
@ConsolePage('console/messages')
export class ConsoleMessagesPage {
  constructor(private readonly messages: MessagesService) {}

  @Get(':id')
  async detail(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number) {
    const message = await this.messages.get(req.actor, id);
    renderPage(req, res, 'console/messages/detail.njk', { message, canReply: !message.repliedAt && this.messages.mayReply(req.actor) });
  }

  @Post(':id/reply')
  async reply(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>) {
    await attempt(res, `/console/messages/${id}`, '已登记答复', async () =>
      this.messages.reply(req.actor, id, await formDto(ReplyMessageDto, { repliedAt: body.repliedAt?.replace('T', ' ') })),
    );
  }
}
