import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { DashboardQuery, FiguresQuery } from './rectification.dto';
import { TasksService } from './tasks.service';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class RectificationDashboardController {
  constructor(private readonly tasks: TasksService) {}

  @Get('overdue')
  overdue(@CurrentActor() actor: Actor, @Query() query: DashboardQuery) {
    return this.tasks.overdueDashboard(actor, query.unitId);
  }

  @Get('rectification-figures')
  figures(@CurrentActor() actor: Actor, @Query() query: FiguresQuery) {
    return this.tasks.figures(actor, query);
  }
}
