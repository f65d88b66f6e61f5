import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUS_LABELS, NOTIFICATION_STATUSES } from '../notifications/notification-kinds';
import { NotificationsQuery } from '../notifications/notifications.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { ReminderSettingsService } from '../notifications/reminder-settings.service';
import { RemindersService } from '../notifications/reminders.service';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { attempt, formDto } from './forms';
import { requireRole } from './roles';

export const KIND_LABELS: Record<string, string> = {
  task_due_soon: '整改即将到期',
  task_overdue: '整改已逾期',
  message_due_soon: '留言即将到期',
  message_overdue: '留言已逾期',
  task_escalation: '逾期升级',
  supervisor_digest: '监督员每日汇总',
  update_unseen_daily: '当日未见更新',
  update_unseen_weekly: '本周更新不足',
};

/** 提醒设置与发件箱: reminder settings (admin, audited) and the outbox with its statuses. */
@ConsolePage('console/admin/reminders')
export class ConsoleRemindersPage {
  constructor(
    private readonly settings: ReminderSettingsService,
    private readonly notifications: NotificationsService,
    private readonly reminders: RemindersService,
  ) {}

  @Get()
  async index(@Req() req: ConsoleRequest, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req.actor, 'admin');
    const query = await formDto(NotificationsQuery, { status: q.status, kind: q.kind, page: q.page ?? '1', pageSize: '50' });
    query.page = Number(query.page) || 1;
    query.pageSize = 50;
    const [settings, outbox] = await Promise.all([this.settings.current(), this.notifications.list(query)]);
    renderPage(req, res, 'console/admin/reminders.njk', {
      settings,
      outbox,
      kinds: NOTIFICATION_KINDS,
      statuses: NOTIFICATION_STATUSES,
      statusLabels: NOTIFICATION_STATUS_LABELS,
      kindLabels: KIND_LABELS,
      status: q.status,
      kind: q.kind,
    });
  }

  @Post('settings')
  async save(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, string>) {
    const enabled = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, body[`enabled.${k}`] === 'on']));
    const int = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    await attempt(res, '/console/admin/reminders', '提醒设置已保存', () =>
      this.settings.update(req.actor, {
        enabled,
        dueSoonWorkingDays: int(body.dueSoonWorkingDays),
        remindAt: body.remindAt,
        workingHours: { start: body.workStart, end: body.workEnd },
        escalation: { afterWorkingDays: int(body.escAfter), maxRepeats: int(body.escRepeats), everyWorkingDays: int(body.escEvery) },
        digestAt: body.digestAt,
        updateUnseen: { dailyAt: body.dailyAt, weeklyWeekday: int(body.weeklyWeekday), weeklyAt: body.weeklyAt },
        ratePerSecond: int(body.ratePerSecond),
      }),
    );
  }

  @Post('run')
  async run(@Req() req: ConsoleRequest, @Res() res: Response) {
    let result: { planned: number; notice?: string } = { planned: 0 };
    await attempt(res, '/console/admin/reminders', () => `已计划 ${result.planned} 封提醒邮件${result.notice ? `；${result.notice}` : ''}`, async () => {
      result = await this.reminders.planFor(req.actor);
    });
  }
}
