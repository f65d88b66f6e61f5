import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { badRequest } from '../common/errors';
import { CalendarService } from '../calendar/calendar.service';
import { NotificationsQuery, RunRemindersDto, UpdateReminderSettingsDto } from './notifications.dto';
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
  run(@CurrentActor() actor: Actor, @Body() dto: RunRemindersDto) {
    const asOf = dto.asOf === undefined ? undefined : this.calendar.parseInstant(dto.asOf);
    if (asOf === null) throw badRequest('asOf 必须是 ISO 8601 时间，如 2022-09-30T09:00:00+08:00');
    return this.reminders.planFor(actor, asOf);
  }

  @Get('settings')
  @Roles('admin')
  getSettings() {
    return this.settings.current();
  }

  @Put('settings')
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
  @Roles('admin')
  list(@Query() query: NotificationsQuery) {
    return this.notifications.list(query);
  }

  @Get(':id')
  @Roles('admin')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.notifications.get(id);
  }
}
