import { Body, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CalendarService } from '../calendar/calendar.service';
import { addDays, isLocalDate, mondayOf } from '../common/time/local-date';
import { ChecklistsService } from '../checklists/checklists.service';
import { ITEM_SORTS, ItemSort, ListItemsQuery, WaiveItemDto } from '../checklists/checklists.dto';
import { Clock } from '../common/clock';
import { UnitsService } from '../org/units.service';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { attempt, formDto } from './forms';

const RANGES = ['day', 'week', 'month'] as const;
type Range = (typeof RANGES)[number];
const PAGE_SIZE = 200;

/** The local dates a range around `date` covers: the day, its Monday–Sunday week, or its calendar month. */
export function rangeOf(range: Range, date: string): { from: string; to: string } {
  if (range === 'week') return { from: mondayOf(date), to: addDays(mondayOf(date), 6) };
  if (range === 'month') {
    const from = `${date.slice(0, 7)}-01`;
    const nextMonth = addDays(from, 31).slice(0, 7);
    return { from, to: addDays(`${nextMonth}-01`, -1) };
  }
  return { from: date, to: date };
}

/** 检查清单: a unit's items for a day, a week or a month, sortable by status, with waive for supervisors. */
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
    const range: Range = (RANGES as readonly string[]).includes(q.range) ? (q.range as Range) : 'day';
    const sort: ItemSort = (ITEM_SORTS as readonly string[]).includes(q.sort) ? (q.sort as ItemSort) : 'period';
    const { from, to } = rangeOf(range, date);
    const units = await this.units.pickable(req.actor);
    // The default is the user's own unit when a picker may offer it, else the first unit it offers.
    const unitId = Number(q.unitId) || (units.some((u) => u.id === req.actor.unitId) ? req.actor.unitId : (units[0]?.id ?? req.actor.unitId));
    const includeSubunits = q.includeSubunits === 'true';
    const pageNo = Math.max(1, Number(q.page) || 1);
    const page = await this.checklists.list(
      req.actor,
      Object.assign(new ListItemsQuery(), { unitId, includeSubunits, from, to, status: q.status || undefined, sort, page: pageNo, pageSize: PAGE_SIZE }),
    );
    const query = new URLSearchParams(
      Object.entries({ unitId: String(unitId), date, range, includeSubunits: includeSubunits ? 'true' : '', status: q.status ?? '', sort: sort === 'period' ? '' : sort }).filter(([, v]) => v),
    ).toString();
    renderPage(req, res, 'console/checklists.njk', {
      units,
      unitId,
      date,
      range,
      sort,
      from,
      to,
      includeSubunits,
      status: q.status,
      page,
      query,
      back: `/console/checklists?${query}${pageNo > 1 ? `&page=${pageNo}` : ''}`,
      canWaive: this.checklists.mayWaive(req.actor),
    });
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
