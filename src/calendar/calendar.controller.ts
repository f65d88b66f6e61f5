import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { badRequest } from '../common/errors';
import { DaysQuery, DeadlineQuery, UpdateDayDto, YearNoticeDto } from './calendar.dto';
import { CalendarService } from './calendar.service';
import { isLocalDate } from './local-date';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('days')
  days(@Query() query: DaysQuery) {
    return this.calendar.listDays(query.from, query.to);
  }

  @Put('days/:date')
  updateDay(@CurrentActor() actor: Actor, @Param('date') date: string, @Body() dto: UpdateDayDto) {
    if (!isLocalDate(date)) throw badRequest('date 必须是有效日期，格式 YYYY-MM-DD');
    return this.calendar.updateDay(actor, date, dto);
  }

  @Get('deadline')
  deadline(@Query() query: DeadlineQuery) {
    return this.calendar.deadlineFor(query.from, query.days, query.count);
  }

  @Put('years/:year')
  loadYear(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number, @Body() dto: YearNoticeDto) {
    return this.calendar.loadYear(actor, year, dto);
  }
}
