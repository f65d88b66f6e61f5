import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { UnitsService } from '../org/units.service';
import { MonthlyReportQuery } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { formDto } from './forms';
import { requireRole } from './roles';

/** 月报: pick a month and a unit, read the report as a page, download it as DOCX or XLSX. */
@ConsolePage('console/reports')
export class ConsoleReportsPage {
  constructor(
    private readonly reports: ReportsService,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get('monthly')
  async monthly(@Req() req: ConsoleRequest, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req.actor, 'admin', 'supervisor', 'inspector');
    const today = this.calendar.localDateOf(this.clock.now());
    const units = (await this.units.pickable(req.actor)).filter((u) => u.kind === 'government' || u.kind === 'management_committee' || u.id === req.actor.unitId);
    if (!q.month) {
      return renderPage(req, res, 'console/reports/monthly.njk', { units, month: today.slice(0, 7), unitId: req.actor.unitId, maxMonth: today.slice(0, 7) });
    }
    const query = await formDto(MonthlyReportQuery, { month: q.month, ...(q.unitId ? { unitId: q.unitId } : {}), format: q.format || 'json' });
    if (query.format === 'docx' || query.format === 'xlsx') {
      const file = await this.reports.monthlyFile(req.actor, { ...query, format: query.format });
      res.setHeader('Content-Type', file.mime);
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return res.send(file.content);
    }
    const report = await this.reports.monthly(req.actor, query);
    const byCategory = new Map<string, typeof report.problems>();
    for (const p of report.problems) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
    renderPage(req, res, 'console/reports/monthly.njk', {
      units,
      month: query.month,
      unitId: query.unitId ?? req.actor.unitId,
      maxMonth: today.slice(0, 7),
      report,
      problemGroups: [...byCategory.entries()].map(([category, items]) => ({ category, items })),
      downloadQuery: new URLSearchParams({ month: query.month, unitId: String(query.unitId ?? req.actor.unitId) }).toString(),
    });
  }
}
