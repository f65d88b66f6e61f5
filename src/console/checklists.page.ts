import { Body, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CalendarService } from '../calendar/calendar.service';
import { addDays, isLocalDate, mondayOf } from '../calendar/local-date';
import { ChecklistsService } from '../checklists/checklists.service';
import { ListItemsQuery, WaiveItemDto } from '../checklists/checklists.dto';
import { Clock } from '../common/clock';
import { UnitsService } from '../org/units.service';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { attempt, formDto } from './forms';

/** 检查清单: a unit's items for a day or a week, with waive for supervisors. */
@ConsolePage('console/checklists')
export class ConsoleChecklistsPage {
  constructor(
    private readonly checklists: ChecklistsService,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async index(@Req() req: ConsoleRequest, @Res() res: Response, @Query() q: Record<string, string>) {
    const today = this.calendar.localDateOf(this.clock.now());
    const date = isLocalDate(q.date) ? q.date : today;
    const week = q.range === 'week';
    const from = week ? mondayOf(date) : date;
    const to = week ? addDays(from, 6) : date;
    const units = await this.units.list(req.actor);
    const unitId = Number(q.unitId) || req.actor.unitId;
    const includeSubunits = q.includeSubunits === 'true';
    const page = await this.checklists.list(
      req.actor,
      Object.assign(new ListItemsQuery(), { unitId, includeSubunits, from, to, status: q.status || undefined, page: Math.max(1, Number(q.page) || 1), pageSize: 200 }),
    );
    const query = new URLSearchParams(Object.entries({ unitId: String(unitId), date, range: week ? 'week' : 'day', includeSubunits: includeSubunits ? 'true' : '', status: q.status ?? '' }).filter(([, v]) => v)).toString();
    renderPage(req, res, 'console/checklists.njk', { units, unitId, date, week, from, to, includeSubunits, status: q.status, page, query, canWaive: this.checklists.mayWaive(req.actor) });
  }

  @Post(':id/waive')
  async waive(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>) {
    const back = typeof body.back === 'string' && /^\/console\/(checklists|checklist-items\/)/.test(body.back) ? body.back : '/console/checklists';
    await attempt(res, back, '已豁免该项', async () => this.checklists.waive(req.actor, id, await formDto(WaiveItemDto, { reason: body.reason })));
  }
}

/** One checklist item (what the reminder emails link to), with waive for those who may. */
@ConsolePage('console/checklist-items')
export class ConsoleChecklistItemPage {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get(':id')
  async detail(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number) {
    const item = await this.checklists.get(req.actor, id);
    const range = item.periodEnd === item.periodStart ? 'day' : 'week';
    const listQuery = new URLSearchParams({ unitId: String(item.unitId), date: item.periodStart, range }).toString();
    const canWaive = this.checklists.mayWaive(req.actor) && (item.status === 'pending' || item.status === 'missed');
    renderPage(req, res, 'console/checklists/item.njk', { item, listQuery, canWaive });
  }
}
