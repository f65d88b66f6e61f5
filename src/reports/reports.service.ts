import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { startOfLocalDay } from '../common/time/local-date';
import { CalendarYearMissingError, WorkingCalendar } from '../calendar/working-days';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { UnitsService } from '../org/units.service';
import { DisclosureStatsRepository } from './disclosure-stats.repository';
import { monthDays, monthOf, nextMonth } from './month';
import { assembleReport } from './monthly-report';
import { renderReportDocx, reportTitle } from './report-docx';
import { renderReportXlsx } from './report-xlsx';
import { MonthlyReport, MonthlyReportQuery, OverdueTaskRow } from './reports.dto';
import { ReportError } from './reports.errors';
import { ReportsRepository } from './reports.repository';
import { fieldName } from '../common/field-labels';

/** The JSON lists at most this many overdue tasks (most overdue first); the count is always whole. */
const OVERDUE_LIST_LIMIT = 500;

export interface ReportFile {
  content: Buffer;
  mime: string;
  fileName: string;
}

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly stats: DisclosureStatsRepository,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /**
   * The monthly report (政务公开月报) for `month` over the subtree of `unitId` (default: the
   * caller's unit). A month after the current local month is refused; the current month is
   * reported up to now. Missing statistics become a note, never a failure.
   */
  async monthly(actor: Actor, query: Pick<MonthlyReportQuery, 'month' | 'unitId'>): Promise<MonthlyReport> {
    const top = await this.units.findInReadScope(actor, query.unitId ?? actor.unitId);
    const now = this.clock.now();
    const today = this.calendar.localDateOf(now);
    if (query.month > monthOf(today)) throw new ReportError('REPORT_MONTH_IN_FUTURE', `${fieldName('month')}${query.month} 晚于本月（${monthOf(today)}），不能生成未来月份的月报`);

    const { first, last } = monthDays(query.month);
    const tz = this.calendar.timeZone;
    const monthStart = startOfLocalDay(first, tz);
    const monthEnd = startOfLocalDay(`${nextMonth(query.month)}-01`, tz);
    const partial = monthEnd.getTime() > now.getTime();
    const asOf = partial ? now : monthEnd;
    const asOfDate = partial ? today : last;
    const scope = { unitId: top.id, path: top.path, wholeTree: top.parentId === null };

    const [children, stats, channelsByKind, checklist, checklistProblems, findings, overdue, calendar] = await Promise.all([
      this.reports.findChildUnits(top.id),
      this.stats.findFiguresOfUnitAndChildren(top.id, query.month),
      this.reports.countActiveChannelsByKind(scope),
      this.reports.rollUpChecklistByChild(scope, first, last),
      this.reports.findMissedByRequirementAndChannel(scope, first, last),
      this.reports.findFindingsBetween(scope, monthStart, asOf),
      this.reports.findTasksOverdueAt(scope, asOf),
      this.calendar.calendar(),
    ]);

    const overdueTaskList: OverdueTaskRow[] = overdue.slice(0, OVERDUE_LIST_LIMIT).map((t) => {
      // The due instant is 24:00 local of the period's last day; the day itself is not overdue.
      const dueDate = this.calendar.localDateOf(new Date(new Date(t.dueAt).getTime() - 1));
      return { ...t, dueAt: new Date(t.dueAt), dueDate, overdueWorkingDays: workingDaysAfter(calendar, dueDate, asOfDate) };
    });

    return assembleReport({
      month: query.month,
      top: { id: top.id, name: top.name, shortName: top.shortName, kind: top.kind, level: top.level },
      children,
      stats,
      channelsByKind,
      checklist,
      checklistProblems,
      findings,
      overdueTasks: overdue.length,
      overdueTaskList,
      generatedOn: today,
      asOf,
      asOfDate,
      partial,
      overdueListLimit: OVERDUE_LIST_LIMIT,
    });
  }

  async monthlyFile(actor: Actor, query: MonthlyReportQuery & { format: 'docx' | 'xlsx' }): Promise<ReportFile> {
    const report = await this.monthly(actor, query);
    const content = query.format === 'docx' ? await renderReportDocx(report) : await renderReportXlsx(report);
    return { content, mime: MIME[query.format], fileName: `${reportTitle(report)}-${query.month}.${query.format}` };
  }
}

function workingDaysAfter(calendar: WorkingCalendar, from: string, to: string): number | null {
  try {
    return calendar.workingDaysBetween(from, to);
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return null;
    throw error;
  }
}
