import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { ApiErrors, ApiOk } from '../common/openapi';
import { OrgErrorStatus } from '../org/org.errors';
import { DashboardQuery, FiguresQuery } from './rectification.dto';
import { RectificationErrorStatus } from './rectification.errors';
import { OverdueRow, RectificationFigures } from './rectification.openapi';
import { TasksService } from './tasks.service';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class RectificationDashboardController {
  constructor(private readonly tasks: TasksService) {}

  @Get('overdue')
  @ApiOperation({ summary: 'Open, overdue and submitted task counts for a unit and per child unit', description: 'Each child row counts its whole subtree; the unit\'s own tasks are the row with `self: true`.' })
  @ApiOk([OverdueRow])
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  overdue(@CurrentActor() actor: Actor, @Query() query: DashboardQuery) {
    return this.tasks.overdueDashboard(actor, query.unitId);
  }

  @Get('rectification-figures')
  @ApiOperation({ summary: 'On-time rate, first-pass acceptance rate and average days to rectify per unit' })
  @ApiOk([RectificationFigures])
  @ApiErrors(RectificationErrorStatus, 'FIGURES_RANGE_INVALID')
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  figures(@CurrentActor() actor: Actor, @Query() query: FiguresQuery) {
    return this.tasks.figures(actor, query);
  }
}
