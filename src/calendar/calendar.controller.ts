import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { badRequest, CommonErrorStatus } from '../common/errors';
import { ApiErrors, ApiOk } from '../common/openapi';
import { CalendarErrorStatus } from './calendar.errors';
import { CalendarDay, CalendarYear, Deadline } from './calendar.openapi';
import { DaysQuery, DeadlineQuery, UpdateDayDto, YearNoticeDto } from './calendar.dto';
import { CalendarService } from './calendar.service';
import { isLocalDate } from '../common/time/local-date';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('days')
  @ApiOperation({ summary: 'List the days of a range with their kind', description: 'Days of a year without calendar data are left out, never guessed.' })
  @ApiOk([CalendarDay])
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_INVALID_DAY', 'CALENDAR_RANGE_TOO_LARGE')
  days(@Query() query: DaysQuery) {
    return this.calendar.listDays(query.from, query.to);
  }

  @Put('days/:date')
  @ApiOperation({ summary: 'Correct one day of the calendar', description: 'The kind must fit the weekday (a make-up working day falls on a weekend); audited.' })
  @ApiOk(CalendarDay)
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_ROLE_NOT_ALLOWED', 'CALENDAR_INVALID_DAY', 'CALENDAR_YEAR_MISSING')
  @ApiErrors(CommonErrorStatus, 'BAD_REQUEST')
  updateDay(@CurrentActor() actor: Actor, @Param('date') date: string, @Body() dto: UpdateDayDto) {
    if (!isLocalDate(date)) throw badRequest('date 必须是有效日期，格式 YYYY-MM-DD');
    return this.calendar.updateDay(actor, date, dto);
  }

  @Get('deadline')
  @ApiOperation({ summary: 'Compute a deadline', description: 'The day the period starts is not counted; a period counted in calendar days whose last day is a rest day ends on the next working day.' })
  @ApiOk(Deadline)
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_INVALID_DAY', 'CALENDAR_YEAR_MISSING')
  deadline(@Query() query: DeadlineQuery) {
    return this.calendar.deadlineFor(query.from, query.days, query.count);
  }

  @Put('years/:year')
  @ApiOperation({ summary: 'Load a whole year from the State Council\'s notice', description: 'Replaces the year, all or nothing; audited.' })
  @ApiOk(CalendarYear)
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_ROLE_NOT_ALLOWED', 'CALENDAR_INVALID_NOTICE')
  loadYear(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number, @Body() dto: YearNoticeDto) {
    return this.calendar.loadYear(actor, year, dto);
  }
}
