import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { ApiCreated, ApiErrors, ApiOk, ApiPage } from '../common/openapi';
import { CalendarErrorStatus } from '../calendar/calendar.errors';
import { OrgErrorStatus } from '../org/org.errors';
import { FindingsService } from './findings.service';
import { CreateFindingDto, ListFindingsQuery } from './rectification.dto';
import { RectificationErrorStatus } from './rectification.errors';
import { CreatedFinding, Finding } from './rectification.openapi';

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('findings')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  /** Every role may call it; operators only for self-check findings of their own unit. */
  @Post()
  @ApiOperation({
    summary: 'Record a finding (问题), which opens a rectification task',
    description: 'Inspectors for any unit, supervisors in their scope, admins; operators only self-check findings of their own unit. The task is due N working days after discovery (rectification settings).',
  })
  @ApiCreated(CreatedFinding)
  @ApiErrors(RectificationErrorStatus, 'FINDING_ROLE_NOT_ALLOWED', 'FINDING_UNIT_NOT_FOUND', 'FINDING_CHANNEL_NOT_FOUND', 'FINDING_FOUND_AT_INVALID')
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_YEAR_MISSING')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFindingDto) {
    return this.findings.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List findings in scope' })
  @ApiPage(Finding)
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Query() query: ListFindingsQuery) {
    return this.findings.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a finding' })
  @ApiOk(Finding)
  @ApiErrors(RectificationErrorStatus, 'FINDING_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.findings.get(actor, id);
  }
}
