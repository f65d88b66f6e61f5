import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { ChecklistsService } from '../checklists/checklists.service';
import { ComplianceQuery } from '../checklists/checklists.dto';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { UnitsService } from '../org/units.service';
import { ListTasksQuery } from '../rectification/rectification.dto';
import { TasksService } from '../rectification/tasks.service';

/** Gathers the home page of each role from the modules' services (scope applies as in the API). */
@Injectable()
export class HomeData {
  constructor(
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly checklists: ChecklistsService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async forActor(actor: Actor, drillUnitId?: number): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const today = this.calendar.localDateOf(now);
    const unit = await this.units.get(actor, actor.unitId);
    const workingDay = await this.calendar.isWorkingDay(today).catch(() => null);
    const base = { today, unit, workingDay, now };

    if (actor.role === 'operator') {
      const [checklist, myTasks] = await Promise.all([
        this.checklists.unitChecklist(actor, actor.unitId, today),
        this.tasks.list(actor, Object.assign(new ListTasksQuery(), { status: ['open', 'rejected', 'submitted'], sort: 'dueAt', order: 'asc', page: 1, pageSize: 50 })),
      ]);
      return { ...base, checklist: checklist.items, myTasks };
    }

    const focus = drillUnitId ? await this.units.get(actor, drillUnitId) : unit;
    const monthStart = `${today.slice(0, 7)}-01`;
    const [overdueRows, awaiting, compliance] = await Promise.all([
      this.tasks.overdueDashboard(actor, focus.id),
      this.tasks.list(actor, Object.assign(new ListTasksQuery(), { status: ['submitted'], unitId: focus.id, includeSubunits: true, sort: 'dueAt', order: 'asc', page: 1, pageSize: 20 })),
      this.checklists.compliance(actor, Object.assign(new ComplianceQuery(), { unitId: focus.id, from: monthStart, to: today })),
    ]);
    const totals = overdueRows.reduce((sum, r) => ({ open: sum.open + r.open, overdue: sum.overdue + r.overdue, submitted: sum.submitted + r.submitted }), { open: 0, overdue: 0, submitted: 0 });
    const chart = {
      units: compliance.children.map((c) => c.unitName),
      rates: compliance.children.map((c) => (c.rate == null ? null : Math.round(c.rate * 1000) / 10)),
    };
    return { ...base, focus, overdueRows, totals, awaiting, compliance, chart, monthStart };
  }
}
