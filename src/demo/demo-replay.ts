import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { addDays, mondayOf, startOfLocalDay } from '../common/time/local-date';
import { CalendarYearMissingError } from '../calendar/working-days';
import { ChecklistsService } from '../checklists/checklists.service';
import { Actor } from '../common/actor';
import { Clock, FixedClock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnitEntity } from '../org/entities/unit.entity';
import { UnitsService } from '../org/units.service';
import { ListUsersQuery } from '../org/users.dto';
import { UsersService } from '../org/users.service';
import { AcceptTaskDto, ListTasksQuery, ReasonDto, SubmitTaskDto, TaskResponse } from '../rectification/rectification.dto';
import { TasksService } from '../rectification/tasks.service';
import { DemoAction, DemoTask, fateOf, nextDemoAction } from './demo-actions';
import { DemoClock } from './demo-clock';
import { adminActor, DEMO_CODE_PREFIX, DEMO_PASSWORD_DEFAULT, DEMO_ROOT_CODE, ensureDemoUser } from './demo-data';
import { DEMO_EVIDENCE_DAYS } from './demo-evidence';

/**
 * The demo's history, lived day by day: for each day of the demo's 60, the clock is set to
 * 00:10 of that day and the checklists are evaluated as of then, as the worker's 00:10 run
 * would, so a miss becomes a task on the day it became final, due three working days later;
 * then the units and supervisors act on their tasks at that day's office hours (demo-actions.ts)
 * through TasksService, as the task's unit's operator or the supervisor above it. Tasks are
 * opened, submitted, sent back with a reason, submitted again, accepted or left overdue, with
 * the dates they would have had. Last, the clock returns to now and one evaluation as of now
 * brings today up to date.
 *
 * A second start does not repeat history: it resumes from the day of the latest evaluation of
 * the demo's items (the day itself again: evaluating as of an instant twice changes nothing,
 * and each action depends on the task's state, so one already taken is not taken again) and
 * never acts later than now.
 */

export interface DemoReplayOptions {
  /** The local date the demo is "today"; default today by the app's clock. */
  today?: string;
  /** Days of history before today (default 60). */
  days?: number;
  /** Password of the unit operators the replay creates (existing users keep theirs). */
  password?: string;
}

export interface DemoReplaySummary {
  /** The days replayed by this call ([] when there was nothing to replay). */
  from: string | null;
  to: string | null;
  days: number;
  tasks: { opened: number; submitted: number; rejected: number; accepted: number };
  /** Operator accounts created for units that had none. */
  operatorsCreated: number;
  /** Why the replay stopped before today, if it did (a year without calendar data). */
  stopped: string | null;
  /** Seconds spent evaluating the days, and acting on tasks (accounts created included). */
  seconds: { evaluation: number; actions: number };
}

/** Moves the app's clock: the demo's DemoClock, or a test's FixedClock (restored afterwards). */
function clockControl(clock: Clock): { now: Date; at: (instant: Date) => void; release: () => void } {
  const now = clock.now();
  if (clock instanceof DemoClock) return { now, at: (i) => clock.replayAt(i), release: () => clock.replayAt(null) };
  if (clock instanceof FixedClock) return { now, at: (i) => clock.set(i), release: () => clock.set(now) };
  throw new Error('The demo replay needs a clock it can move: start the app with a DemoClock');
}

export async function replayDemo(app: INestApplication, options: DemoReplayOptions = {}): Promise<DemoReplaySummary> {
  const dataSource = app.get(DataSource);
  const calendarService = app.get(CalendarService);
  const checklists = app.get(ChecklistsService);
  const tasks = app.get(TasksService);
  const units = app.get(UnitsService);
  const users = app.get(UsersService);
  const control = clockControl(app.get(Clock));
  const tz = calendarService.timeZone;
  const now = control.now;
  const today = options.today ?? calendarService.localDateOf(now);
  const from = mondayOf(addDays(today, -(options.days ?? DEMO_EVIDENCE_DAYS)));
  const summary: DemoReplaySummary = { from: null, to: null, days: 0, tasks: { opened: 0, submitted: 0, rejected: 0, accepted: 0 }, operatorsCreated: 0, stopped: null, seconds: { evaluation: 0, actions: 0 } };
  const timed = async <T>(part: keyof DemoReplaySummary['seconds'], work: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await work();
    } finally {
      summary.seconds[part] += (Date.now() - start) / 1000;
    }
  };

  const [latest] = await dataSource.query(`SELECT MAX(i.finalized_at) AS at FROM checklist_item i JOIN unit u ON u.id = i.unit_id WHERE u.code LIKE ?`, [`${DEMO_CODE_PREFIX}%`]);
  const lastDay = latest?.at ? calendarService.localDateOf(new Date(latest.at)) : null;
  const resume = lastDay && lastDay > from ? lastDay : from;

  const admin = await adminActor(app.get<AppConfig>(APP_CONFIG), users, units);
  const root = await units.findByCode(DEMO_ROOT_CODE);
  if (!root) throw new Error(`Demo unit ${DEMO_ROOT_CODE} is missing: load the demo data first`);
  const people = new DemoPeople(users, units, admin, options.password ?? DEMO_PASSWORD_DEFAULT);
  const calendar = await calendarService.calendar();
  const workingDaysAfter = (date: string, n: number) => {
    try {
      return calendar.addWorkingDays(date, n);
    } catch (error) {
      if (error instanceof CalendarYearMissingError) return null;
      throw error;
    }
  };
  const localDate = (instant: Date) => calendarService.localDateOf(instant);

  /** The demo's active checklist tasks, each with what happens next. */
  const plan = async (day: string): Promise<{ task: TaskResponse; action: DemoAction; unit: UnitEntity }[]> => {
    const planned: { task: TaskResponse; action: DemoAction; unit: UnitEntity }[] = [];
    for (let page = 1; ; page++) {
      const query = Object.assign(new ListTasksQuery(), { status: ['open', 'submitted', 'rejected'], source: 'checklist', unitId: root.id, includeSubunits: true, page, pageSize: 500 });
      const result = await tasks.list(admin, query);
      for (const task of result.items) {
        const unit = await people.unit(task.unitId);
        const state: DemoTask = {
          id: task.id,
          status: task.status as DemoTask['status'],
          category: task.category,
          opened: localDate(task.openedAt),
          dueLastDay: localDate(new Date(task.dueAt.getTime() - 1)),
          submitted: task.submittedAt ? localDate(task.submittedAt) : null,
          rejected: task.status === 'rejected' ? await lastRejection(task.id) : null,
          reworkCount: task.reworkCount,
        };
        const action = nextDemoAction(state, fateOf(task.id, unit.code), workingDaysAfter);
        if (action && action.day <= day) planned.push({ task, action, unit });
      }
      if (page * result.pageSize >= result.total) break;
    }
    return planned.sort((a, b) => a.action.minute - b.action.minute || a.task.id - b.task.id);
  };
  const lastRejection = async (taskId: number) => {
    const history = (await tasks.get(admin, taskId)).history;
    const rejected = [...history].reverse().find((h) => h.to === 'rejected');
    return rejected ? localDate(new Date(rejected.at)) : null;
  };

  /** The day's actions, in the order of their time of day, none later than now. */
  const act = async (day: string): Promise<void> => {
    const actions = await plan(day);
    // Units that hand something in for the first time get their operator first, a few at a
    // time: each account costs a password hash (argon2id, deliberately slow).
    await people.ensureOperators(actions.filter((a) => a.action.action === 'submit').map((a) => a.unit));
    for (const { task, action, unit } of actions) {
      const at = new Date(startOfLocalDay(day, tz).getTime() + action.minute * 60_000);
      if (at > now) continue;
      control.at(at);
      if (action.action === 'submit') {
        await tasks.submit(await people.operatorOf(unit), task.id, Object.assign(new SubmitTaskDto(), { note: action.text, version: task.version }));
        summary.tasks.submitted++;
      } else if (action.action === 'reject') {
        await tasks.reject(await people.supervisorOf(unit), task.id, Object.assign(new ReasonDto(), { reason: action.text, version: task.version }));
        summary.tasks.rejected++;
      } else {
        await tasks.accept(await people.supervisorOf(unit), task.id, Object.assign(new AcceptTaskDto(), { comment: action.text, version: task.version }));
        summary.tasks.accepted++;
      }
    }
  };

  try {
    for (let day = resume; day <= today; day = addDays(day, 1)) {
      const asOf = new Date(startOfLocalDay(day, tz).getTime() + 10 * 60_000);
      if (asOf > now) break;
      control.at(asOf);
      const evaluated = await timed('evaluation', () => checklists.evaluate(asOf));
      summary.tasks.opened += evaluated.tasks.created;
      summary.from ??= day;
      summary.to = day;
      summary.days++;
      await timed('actions', () => act(day));
    }
  } catch (error) {
    // A year whose holiday schedule is not loaded yet: history stops there, the demo still starts.
    if (!(error instanceof CalendarYearMissingError)) throw error;
    summary.stopped = error.message;
  } finally {
    control.release();
  }
  if (!summary.stopped) summary.tasks.opened += (await timed('evaluation', () => checklists.evaluate(now))).tasks.created;
  summary.operatorsCreated = people.created;
  return summary;
}

/** argon2 runs in libuv's thread pool (4 threads by default). */
const HASHES_AT_ONCE = 4;

/** Who acts for a unit: its operator (one is created when the unit has none) and the nearest supervisor above it. */
class DemoPeople {
  created = 0;
  private readonly units = new Map<number, UnitEntity>();
  private readonly operators = new Map<number, Actor>();
  private supervisors: Map<number, Actor> | null = null;

  constructor(
    private readonly users: UsersService,
    private readonly unitsService: UnitsService,
    private readonly admin: Actor,
    private readonly password: string,
  ) {}

  async unit(id: number): Promise<UnitEntity> {
    let unit = this.units.get(id);
    if (!unit) {
      [unit] = await this.unitsService.findByIds([id]);
      this.units.set(id, unit);
    }
    return unit;
  }

  async ensureOperators(units: UnitEntity[]): Promise<void> {
    const missing = [...new Map(units.filter((u) => !this.operators.has(u.id)).map((u) => [u.id, u])).values()];
    for (let i = 0; i < missing.length; i += HASHES_AT_ONCE) await Promise.all(missing.slice(i, i + HASHES_AT_ONCE).map((u) => this.operatorOf(u)));
  }

  async operatorOf(unit: UnitEntity): Promise<Actor> {
    const known = this.operators.get(unit.id);
    if (known) return known;
    const find = async () => (await this.users.list(this.admin, Object.assign(new ListUsersQuery(), { unitId: unit.id, role: 'operator', active: true, pageSize: 1 }))).items[0];
    let user = await find();
    if (!user) {
      const spec = { username: `operator.${unit.code.toLowerCase()}`, role: 'operator' as const, unitCode: unit.code, displayName: `${unit.shortName ?? unit.name}信息员` };
      if ((await ensureDemoUser(this.admin, this.users, this.unitsService, spec, this.password)).created) this.created++;
      user = await find();
    }
    const actor: Actor = { id: user.id, username: user.username, role: 'operator', unitId: unit.id, unitPath: unit.path };
    this.operators.set(unit.id, actor);
    return actor;
  }

  /** The supervisor of the nearest unit at or above this one that has one; else the admin. */
  async supervisorOf(unit: UnitEntity): Promise<Actor> {
    if (!this.supervisors) {
      this.supervisors = new Map();
      const list = await this.users.list(this.admin, Object.assign(new ListUsersQuery(), { role: 'supervisor', active: true, pageSize: 500 }));
      for (const user of list.items) {
        if (this.supervisors.has(user.unitId)) continue;
        const own = await this.unit(user.unitId);
        this.supervisors.set(user.unitId, { id: user.id, username: user.username, role: 'supervisor', unitId: own.id, unitPath: own.path });
      }
    }
    const ancestors = unit.path.split('/').filter(Boolean).map(Number).reverse();
    for (const id of ancestors) {
      const supervisor = this.supervisors.get(id);
      if (supervisor) return supervisor;
    }
    return this.admin;
  }
}
