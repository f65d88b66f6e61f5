import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { badRequest } from '../common/errors';
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
  @Roles('admin')
  generate(@Body() dto: GenerateChecklistsDto) {
    return this.checklists.generate(dto.from, dto.to);
  }

  @Post('evaluate')
  @HttpCode(200)
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
  list(@CurrentActor() actor: Actor, @Query() query: ListItemsQuery) {
    return this.checklists.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.checklists.get(actor, id);
  }

  /** Admins and supervisors (the service decides, as for the console). */
  @Post(':id/waive')
  @HttpCode(200)
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
  compliance(@CurrentActor() actor: Actor, @Query() query: ComplianceQuery) {
    return this.checklists.compliance(actor, query);
  }
}
