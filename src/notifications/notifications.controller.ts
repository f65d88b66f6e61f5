import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { badRequest, CommonErrorStatus } from '../common/errors';
import { ApiErrors, ApiOk, ApiPage } from '../common/openapi';
import { CalendarService } from '../calendar/calendar.service';
import { NotificationsQuery, RunRemindersDto, UpdateReminderSettingsDto } from './notifications.dto';
import { NotificationsErrorStatus } from './notifications.errors';
import { Notification, ReminderPlan, ReminderSettings } from './notifications.openapi';
import { NotificationsService } from './notifications.service';
import { ReminderSettingsService } from './reminder-settings.service';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly settings: ReminderSettingsService,
    private readonly calendar: CalendarService,
  ) {}

  @Post('run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Plan and queue the reminders due as of an instant', description: 'Writes each email due as of `asOf` (default now) to the outbox once (dedupe keys) and queues its send after the commit; a job scheduler runs the same every 15 minutes.' })
  @ApiOk(ReminderPlan)
  @ApiErrors(CommonErrorStatus, 'BAD_REQUEST')
  @ApiErrors(NotificationsErrorStatus, 'REMINDERS_ROLE_NOT_ALLOWED')
  run(@CurrentActor() actor: Actor, @Body() dto: RunRemindersDto) {
    const asOf = dto.asOf === undefined ? undefined : this.calendar.parseInstant(dto.asOf);
    if (asOf === null) throw badRequest('asOf 必须是 ISO 8601 时间，如 2022-09-30T09:00:00+08:00');
    return this.reminders.planFor(actor, asOf);
  }

  @Get('settings')
  @ApiOperation({ summary: 'The reminder settings' })
  @ApiOk(ReminderSettings)
  @Roles('admin')
  getSettings() {
    return this.settings.current();
  }

  @Put('settings')
  @ApiOperation({ summary: 'Change the reminder settings', description: 'Each key given replaces that setting whole; audited.' })
  @ApiOk(ReminderSettings)
  @ApiErrors(NotificationsErrorStatus, 'REMINDERS_ROLE_NOT_ALLOWED', 'REMINDER_SETTINGS_INVALID')
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: UpdateReminderSettingsDto) {
    return this.settings.update(actor, dto as Record<string, unknown>);
  }
}

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'List the outbox (every email Duban decided to send)' })
  @ApiPage(Notification)
  @Roles('admin')
  list(@Query() query: NotificationsQuery) {
    return this.notifications.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an outbox email with its text and HTML bodies' })
  @ApiOk(Notification)
  @ApiErrors(NotificationsErrorStatus, 'NOTIFICATION_NOT_FOUND')
  @Roles('admin')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.notifications.get(id);
  }
}
