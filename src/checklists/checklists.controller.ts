import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { badRequest, CommonErrorStatus } from '../common/errors';
import { ApiErrors, ApiOk, ApiPage } from '../common/openapi';
import { CalendarErrorStatus } from '../calendar/calendar.errors';
import { OrgErrorStatus } from '../org/org.errors';
import { ChecklistErrorStatus } from './checklists.errors';
import { ChecklistItem, Compliance, EvaluateResult, GenerateResult, UnitChecklist } from './checklists.openapi';
import { CalendarService } from '../calendar/calendar.service';
import { ComplianceQuery, EvaluateChecklistsDto, GenerateChecklistsDto, ListItemsQuery, UnitChecklistQuery, WaiveItemDto } from './checklists.dto';
import { ChecklistsService } from './checklists.service';

@ApiTags('checklists')
@ApiBearerAuth()
@Controller('checklists')
export class ChecklistsController {
  constructor(
    private readonly checklists: ChecklistsService,
    private readonly calendar: CalendarService,
  ) {}

  @Post('generate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Generate the checklist items of a range', description: 'Idempotent: items that exist are counted as `existing`, never duplicated. At most 366 days at once.' })
  @ApiOk(GenerateResult)
  @ApiErrors(ChecklistErrorStatus, 'CHECKLIST_RANGE_INVALID')
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_YEAR_MISSING')
  @Roles('admin')
  generate(@Body() dto: GenerateChecklistsDto) {
    return this.checklists.generate(dto.from, dto.to);
  }

  @Post('evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Evaluate the open checklist items as of an instant', description: 'Judges items against the evidence as of `asOf` (default now); final misses become rectification tasks.' })
  @ApiOk(EvaluateResult)
  @ApiErrors(CommonErrorStatus, 'BAD_REQUEST')
  @Roles('admin')
  evaluate(@Body() dto: EvaluateChecklistsDto) {
    const asOf = dto.asOf === undefined ? undefined : this.calendar.parseInstant(dto.asOf);
    if (asOf === null) throw badRequest('asOf 必须是 ISO 8601 时间，如 2022-09-29T10:00:00+08:00');
    return this.checklists.evaluate(asOf);
  }
}

@ApiTags('checklists')
@ApiBearerAuth()
@Controller('checklist-items')
export class ChecklistItemsController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get()
  @ApiOperation({ summary: 'List checklist items in scope' })
  @ApiPage(ChecklistItem)
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Query() query: ListItemsQuery) {
    return this.checklists.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a checklist item in scope' })
  @ApiOk(ChecklistItem)
  @ApiErrors(ChecklistErrorStatus, 'CHECKLIST_ITEM_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.checklists.get(actor, id);
  }

  /** Admins and supervisors (the service decides, as for the console). */
  @Post(':id/waive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Waive a checklist item', description: 'With a reason; a waived item counts neither for nor against its unit. Audited.' })
  @ApiOk(ChecklistItem)
  @ApiErrors(ChecklistErrorStatus, 'CHECKLIST_ROLE_NOT_ALLOWED', 'CHECKLIST_ITEM_NOT_FOUND', 'CHECKLIST_ITEM_ALREADY_WAIVED', 'CHECKLIST_ITEM_MET', 'CHECKLIST_ITEM_TASK_ACCEPTED')
  waive(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: WaiveItemDto) {
    return this.checklists.waive(actor, id, dto);
  }
}

@ApiTags('checklists')
@ApiBearerAuth()
@Controller('units')
export class UnitChecklistController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get(':id/checklist')
  @ApiOperation({ summary: 'A unit\'s checklist for a day', description: 'The unit\'s items whose period contains the date (default today).' })
  @ApiOk(UnitChecklist)
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  checklist(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() query: UnitChecklistQuery) {
    return this.checklists.unitChecklist(actor, id, query.date);
  }
}

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class ComplianceDashboardController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get('compliance')
  @ApiOperation({ summary: 'Compliance per child unit and per requirement', description: 'Met, missed, waived and pending items whose period ends in the range, and the rate met ÷ (met + missed).' })
  @ApiOk(Compliance)
  @ApiErrors(ChecklistErrorStatus, 'CHECKLIST_RANGE_INVALID')
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  compliance(@CurrentActor() actor: Actor, @Query() query: ComplianceQuery) {
    return this.checklists.compliance(actor, query);
  }
}
