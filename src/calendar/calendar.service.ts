import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, Role, roleRefusal } from '../common/actor';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HealthRegistry } from '../health/health.registry';
import { CalendarError } from './calendar.errors';
import { CalendarDayResponse, UpdateDayDto, YearNoticeDto } from './calendar.dto';
import { CalendarRepository } from './calendar.repository';
import { addDays, isoWeekday, localDateOf, parseInstant, toEpochDay, yearOf } from '../common/time/local-date';
import { buildYearDays, CalendarDayRecord, calendarPagePath, isWorkingKind, PeriodCount, validateYearNotice, WorkingCalendar } from './working-days';

const MAX_RANGE_DAYS = 1100;
/** Only admins change the calendar: every deadline of every unit depends on it. */
const CALENDAR_WRITE_ROLES: readonly Role[] = ['admin'];

/**
 * The working-day calendar as every module uses it: an in-memory WorkingCalendar built from
 * `calendar_day`, rebuilt when the table changes. An edit on this instance applies at once;
 * other instances see it within CALENDAR_REFRESH_SECONDS (30; a fingerprint poll), so every deadline computed
 * after a change, anywhere, uses it within a minute.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CalendarService.name);
  private snapshot: WorkingCalendar | null = null;
  private fingerprint = '';
  private checkedAt = 0;
  private loading: Promise<WorkingCalendar> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly days: CalendarRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly health: HealthRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How often this instance checks the database for calendar edits made elsewhere. */
  private get refreshMs(): number {
    return this.config.calendarRefreshSeconds * 1000;
  }

  get timeZone(): string {
    return this.config.timeZone;
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.health.register({ warnings: async () => this.missingNextYearWarnings() });
    for (const warning of await this.missingNextYearWarnings()) this.logger.warn(warning);
    this.timer = setInterval(() => void this.calendar().catch((e) => this.logger.error(e)), this.refreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The current calendar; re-reads the table when another instance has changed it. */
  async calendar(): Promise<WorkingCalendar> {
    if (this.snapshot && Date.now() - this.checkedAt < this.refreshMs) return this.snapshot;
    const fingerprint = await this.days.findFingerprint();
    this.checkedAt = Date.now();
    if (this.snapshot && fingerprint === this.fingerprint) return this.snapshot;
    return this.reload();
  }

  localDateOf(instant: Date): string {
    return localDateOf(instant, this.config.timeZone);
  }

  /** Parses an API instant; without an offset it is local time in APP_TIMEZONE. */
  parseInstant(value: string): Date | null {
    return parseInstant(value, this.config.timeZone);
  }

  /** The due instant of a period that starts at `start` (Civil Code arts. 201 and 203). */
  async deadline(start: Date, days: number, count: PeriodCount): Promise<{ lastDay: string; dueAt: Date }> {
    return (await this.calendar()).deadline(start, days, count, this.config.timeZone);
  }

  async workingDaysBetween(from: string, to: string): Promise<number> {
    return (await this.calendar()).workingDaysBetween(from, to);
  }

  async isWorkingDay(date: string): Promise<boolean> {
    return (await this.calendar()).isWorkingDay(date);
  }

  async listDays(from: string, to: string): Promise<CalendarDayResponse[]> {
    if (to < from) throw new CalendarError('CALENDAR_INVALID_DAY', 'to 不能早于 from');
    if (toEpochDay(to) - toEpochDay(from) > MAX_RANGE_DAYS) throw new CalendarError('CALENDAR_RANGE_TOO_LARGE', `from 到 to 最多 ${MAX_RANGE_DAYS} 天`);
    const calendar = await this.calendar();
    const rows: CalendarDayResponse[] = [];
    // Days of years without data are reported as missing rather than guessed.
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (!calendar.hasYear(yearOf(d))) continue;
      const info = calendar.kindOf(d);
      rows.push({ date: d, workday: isWorkingKind(info.kind), kind: info.kind, ...(info.name ? { name: info.name } : {}) });
    }
    return rows;
  }

  async deadlineFor(from: string, days: number, count: PeriodCount) {
    const start = this.parseInstant(from);
    if (!start) throw new CalendarError('CALENDAR_INVALID_DAY', 'from 必须是 ISO 8601 时间，如 2022-09-29T10:00:00+08:00');
    const { lastDay, dueAt } = await this.deadline(start, days, count);
    return { from: start, days, count, lastDay, dueAt };
  }

  /** An admin corrects one day; the kind must fit the weekday (a make-up working day is a weekend day). */
  async updateDay(actor: Actor, date: string, dto: UpdateDayDto): Promise<CalendarDayResponse> {
    this.checkMayWrite(actor, '修改工作日历');
    const weekend = isoWeekday(date) >= 6;
    const problems: string[] = [];
    if (dto.kind === 'makeup_workday' && !weekend) problems.push(`kind: ${date} 不是周末，不能设为调休上班日（makeup_workday）`);
    if (dto.kind === 'weekend' && !weekend) problems.push(`kind: ${date} 不是周六或周日，不能设为 weekend`);
    if (dto.kind === 'workday' && weekend) problems.push(`kind: ${date} 是周末；周末上班请用 makeup_workday`);
    if (dto.kind === 'holiday' && !dto.name) problems.push('name: 法定节假日必须填写名称，如 国庆节');
    if (problems.length) throw new CalendarError('CALENDAR_INVALID_DAY', problems);
    const calendar = await this.calendar();
    if (!calendar.hasYear(yearOf(date))) {
      throw new CalendarError('CALENDAR_YEAR_MISSING', `缺少 ${yearOf(date)} 年的工作日历：请先在“管理 → 工作日历”页面（${calendarPagePath(yearOf(date))}）录入全年放假安排`);
    }
    const before = calendar.kindOf(date);
    const day: CalendarDayRecord = { date, kind: dto.kind, name: dto.kind === 'holiday' ? dto.name! : (dto.name ?? null) };
    await this.dataSource.transaction(async (manager) => {
      await this.days.updateDay(manager, day);
      await this.audit.record(actor, { action: 'calendar.update_day', entityType: 'calendar_day', entityId: date, before, after: day }, manager);
    });
    await this.reload();
    return { date, workday: isWorkingKind(day.kind), kind: day.kind, ...(day.name ? { name: day.name } : {}) };
  }

  /** Loads (or replaces) a whole year from the State Council's notice; all or nothing. */
  async loadYear(actor: Actor, year: number, dto: YearNoticeDto) {
    this.checkMayWrite(actor, '录入全年放假安排');
    const problems = validateYearNotice(year, dto.holidays, dto.makeupWorkdays);
    if (problems.length) throw new CalendarError('CALENDAR_INVALID_NOTICE', problems);
    const days = buildYearDays(year, dto.holidays, dto.makeupWorkdays);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.days.findYearDays(year, manager);
      await this.days.replaceYear(manager, year, days);
      await this.audit.record(
        actor,
        {
          action: 'calendar.load_year',
          entityType: 'calendar_year',
          entityId: year,
          before: before.length ? summarise(before) : null,
          after: summarise(days),
        },
        manager,
      );
    });
    await this.reload();
    return { year, days: days.length, ...summarise(days) };
  }

  /**
   * Years that should be loaded and are not: this year, and from November on next year (the
   * State Council publishes its holiday notice then, and deadlines soon reach into it).
   */
  async missingYears(): Promise<number[]> {
    const today = this.localDateOf(this.clock.now());
    const year = yearOf(today);
    const calendar = this.snapshot ?? (await this.calendar());
    const missing: number[] = [];
    if (!calendar.hasYear(year)) missing.push(year);
    if (today.slice(5, 7) >= '11' && !calendar.hasYear(year + 1)) missing.push(year + 1);
    return missing;
  }

  async missingNextYearWarnings(): Promise<string[]> {
    const year = yearOf(this.localDateOf(this.clock.now()));
    return (await this.missingYears()).map((y) =>
      y === year
        ? `calendar: no working-day data for ${y} (this year); load it in the console (${calendarPagePath(y)}) or with PUT /api/v1/calendar/years/${y}`
        : `calendar: no working-day data for ${y}; load the State Council's holiday notice in the console (${calendarPagePath(y)}) or with PUT /api/v1/calendar/years/${y} before deadlines reach it`,
    );
  }

  private checkMayWrite(actor: Actor, action: string): void {
    if (!CALENDAR_WRITE_ROLES.includes(actor.role)) throw new CalendarError('CALENDAR_ROLE_NOT_ALLOWED', roleRefusal(actor, CALENDAR_WRITE_ROLES, action));
  }

  private reload(): Promise<WorkingCalendar> {
    this.loading ??= (async () => {
      try {
        const [fingerprint, days] = await Promise.all([this.days.findFingerprint(), this.days.findAllDays()]);
        this.snapshot = new WorkingCalendar(days);
        this.fingerprint = fingerprint;
        this.checkedAt = Date.now();
        return this.snapshot;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}

function summarise(days: CalendarDayRecord[]) {
  return {
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name })),
    makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date),
  };
}
