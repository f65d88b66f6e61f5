// China's working-day calendar and the Civil Code's rules for periods (民法典 第二百零一条、
// 第二百零三条), as DESIGN.md "Time" states them. The calendar is data: each year is the State
// Council's notice expanded into every day of the year, and a year without data is an error,
// never a guess, because a guessed Spring Festival would silently move deadlines by a week.
import { CalendarError } from './calendar.errors';
import {
  daysInYear,
  fromEpochDay,
  isLocalDate,
  isoWeekdayOfEpochDay,
  localEpochDayOf,
  startOfEpochDay,
  toEpochDay,
  weekdayName,
  yearOfEpochDay,
  civilToEpochDay,
} from '../common/time/local-date';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export const DAY_KINDS: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];

export interface CalendarDayRecord {
  date: string;
  kind: DayKind;
  name?: string | null;
}

export interface HolidayEntry {
  date: string;
  name: string;
}

export type PeriodCount = 'working' | 'calendar';

/** The console page where an admin loads a year's holiday notice; every message about a missing year names it. */
export function calendarPagePath(year: number): string {
  return `/console/admin/calendar?year=${year}`;
}

/** A deadline reached a year whose holiday schedule has not been loaded: never guessed (422). */
export class CalendarYearMissingError extends CalendarError {
  constructor(readonly year: number) {
    super('CALENDAR_YEAR_MISSING', `缺少 ${year} 年的工作日历数据：请管理员在“管理 → 工作日历”页面（${calendarPagePath(year)}）录入国务院办公厅公布的当年放假安排`, { year });
    this.name = 'CalendarYearMissingError';
  }
}

export function isWorkingKind(kind: DayKind): boolean {
  return kind === 'workday' || kind === 'makeup_workday';
}

function isWeekendEpochDay(epochDay: number): boolean {
  return isoWeekdayOfEpochDay(epochDay) >= 6;
}

/**
 * Problems with one year's notice, one message per offending field, empty when it is sound:
 * dates are real and in `year`, holiday names are non-empty, a make-up working day falls on a
 * weekend (a weekday is already a working day), and no day is listed twice or as both kinds.
 */
export function validateYearNotice(year: number, holidays: HolidayEntry[], makeupWorkdays: string[]): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(year) || year < 1970 || year > 9999) {
    return [`year: ${year} must be a whole year between 1970 and 9999`];
  }
  if (!Array.isArray(holidays)) problems.push('holidays: must be a list of { date, name }');
  if (!Array.isArray(makeupWorkdays)) problems.push('makeupWorkdays: must be a list of dates');
  if (problems.length > 0) return problems;

  const checkDate = (field: string, date: unknown): boolean => {
    if (!isLocalDate(date)) {
      problems.push(`${field}: ${JSON.stringify(date)} is not a real date in the form YYYY-MM-DD`);
      return false;
    }
    if (Number(date.slice(0, 4)) !== year) {
      problems.push(`${field}: ${date} is not in ${year}; list each year's days under that year`);
      return false;
    }
    return true;
  };

  const holidayIndex = new Map<string, number>();
  holidays.forEach((entry, i) => {
    const field = `holidays[${i}]`;
    if (entry === null || typeof entry !== 'object') {
      problems.push(`${field}: must be an object { date, name }`);
      return;
    }
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      problems.push(`${field}.name: must not be empty; give the holiday's name as in the notice, e.g. 春节`);
    }
    if (!checkDate(`${field}.date`, entry.date)) return;
    const earlier = holidayIndex.get(entry.date);
    if (earlier !== undefined) {
      problems.push(`${field}.date: ${entry.date} is already listed as holidays[${earlier}]`);
    } else {
      holidayIndex.set(entry.date, i);
    }
  });

  const makeupIndex = new Map<string, number>();
  makeupWorkdays.forEach((date, i) => {
    const field = `makeupWorkdays[${i}]`;
    if (!checkDate(field, date)) return;
    const asHoliday = holidayIndex.get(date);
    if (asHoliday !== undefined) {
      problems.push(`${field}: ${date} is also listed as holidays[${asHoliday}]; a day cannot be both`);
    }
    const earlier = makeupIndex.get(date);
    if (earlier !== undefined) {
      problems.push(`${field}: ${date} is already listed as makeupWorkdays[${earlier}]`);
    } else {
      makeupIndex.set(date, i);
    }
    if (!isWeekendEpochDay(toEpochDay(date))) {
      problems.push(
        `${field}: ${date} is a ${weekdayName(date)}; a make-up working day must fall on a Saturday or Sunday`,
      );
    }
  });
  return problems;
}

/**
 * Expands one year's notice into all of its days: listed holidays and make-up working days as
 * given, other Saturdays and Sundays as weekend, other days as workday. Throws if the notice
 * fails validateYearNotice.
 */
export function buildYearDays(year: number, holidays: HolidayEntry[], makeupWorkdays: string[]): CalendarDayRecord[] {
  const problems = validateYearNotice(year, holidays, makeupWorkdays);
  if (problems.length > 0) throw new RangeError(`invalid notice for ${year}: ${problems.join('; ')}`);
  const holidayNames = new Map(holidays.map((h) => [h.date, h.name.trim()]));
  const makeup = new Set(makeupWorkdays);
  const first = civilToEpochDay(year, 1, 1);
  const days: CalendarDayRecord[] = [];
  for (let d = first; d < first + daysInYear(year); d++) {
    const date = fromEpochDay(d);
    const name = holidayNames.get(date);
    if (name !== undefined) days.push({ date, kind: 'holiday', name });
    else if (makeup.has(date)) days.push({ date, kind: 'makeup_workday', name: null });
    else days.push({ date, kind: isWeekendEpochDay(d) ? 'weekend' : 'workday', name: null });
  }
  return days;
}

// Kind codes in the precomputed array; MISSING marks days of years the calendar does not cover.
const MISSING = 0;
const KIND_CODES: Record<DayKind, number> = { workday: 1, weekend: 2, holiday: 3, makeup_workday: 4 };
const KIND_BY_CODE: DayKind[] = ['workday', 'workday', 'weekend', 'holiday', 'makeup_workday'];

export interface DayInfo {
  date: string;
  kind: DayKind;
  name: string | null;
  workday: boolean;
}

/**
 * The working-day calendar over a set of complete years. Everything a query needs is
 * precomputed over the covered epoch-day range — the kind of each day, a prefix count of
 * working days and the ordered list of working days — so each query is a few array reads,
 * whatever the length of the period.
 */
export class WorkingCalendar {
  private readonly years: number[];
  private readonly yearSet: Set<number>;
  private readonly base: number; // epoch day of index 0
  private readonly last: number; // last epoch day in range (inclusive)
  private readonly kinds: Uint8Array;
  private readonly names = new Map<number, string>();
  // workingBefore[i] = number of working days with index < i (length = range + 1).
  private readonly workingBefore: Int32Array;
  private readonly missingBefore: Int32Array;
  private readonly workingDays: Int32Array;

  constructor(records: Iterable<CalendarDayRecord>) {
    const byYear = new Map<number, Map<number, CalendarDayRecord>>();
    for (const record of records) {
      const epochDay = toEpochDay(record.date);
      if (!(record.kind in KIND_CODES)) throw new RangeError(`${record.date}: unknown day kind ${record.kind}`);
      const year = yearOfEpochDay(epochDay);
      let days = byYear.get(year);
      if (days === undefined) byYear.set(year, (days = new Map()));
      days.set(epochDay, record);
    }
    // A year is covered only when every one of its days is present: a partial year would let a
    // deadline silently count its missing days as nothing at all.
    this.years = [...byYear.entries()]
      .filter(([year, days]) => days.size === daysInYear(year))
      .map(([year]) => year)
      .sort((a, b) => a - b);
    this.yearSet = new Set(this.years);

    if (this.years.length === 0) {
      this.base = 0;
      this.last = -1;
    } else {
      this.base = civilToEpochDay(this.years[0], 1, 1);
      this.last = civilToEpochDay(this.years[this.years.length - 1], 12, 31);
    }
    const size = this.last - this.base + 1;
    this.kinds = new Uint8Array(size);
    for (const year of this.years) {
      for (const [epochDay, record] of byYear.get(year)!) {
        this.kinds[epochDay - this.base] = KIND_CODES[record.kind];
        if (record.name) this.names.set(epochDay, record.name);
      }
    }
    this.workingBefore = new Int32Array(size + 1);
    this.missingBefore = new Int32Array(size + 1);
    let working = 0;
    for (let i = 0; i < size; i++) {
      const code = this.kinds[i];
      if (code === KIND_CODES.workday || code === KIND_CODES.makeup_workday) working++;
      this.workingBefore[i + 1] = working;
      this.missingBefore[i + 1] = this.missingBefore[i] + (code === MISSING ? 1 : 0);
    }
    this.workingDays = new Int32Array(working);
    for (let i = 0, w = 0; i < size; i++) {
      if (this.workingBefore[i + 1] !== this.workingBefore[i]) this.workingDays[w++] = this.base + i;
    }
  }

  coveredYears(): number[] {
    return [...this.years];
  }

  hasYear(year: number): boolean {
    return this.yearSet.has(year);
  }

  kindOf(date: string): DayInfo {
    const d = toEpochDay(date);
    this.requireCovered(d, d);
    const kind = KIND_BY_CODE[this.kinds[d - this.base]];
    return { date, kind, name: this.names.get(d) ?? null, workday: isWorkingKind(kind) };
  }

  /** Workdays and make-up working days (调休上班) are working days; weekends and holidays are rest days. */
  isWorkingDay(date: string): boolean {
    const d = toEpochDay(date);
    this.requireCovered(d, d);
    return this.isWorkingIndex(d - this.base);
  }

  nextWorkingDay(date: string): string {
    return fromEpochDay(this.addWorkingDaysToEpochDay(toEpochDay(date), 1));
  }

  previousWorkingDay(date: string): string {
    const d = toEpochDay(date);
    const before = this.workingBefore[clamp(d - this.base, 0, this.last - this.base + 1)];
    if (before === 0) throw new CalendarYearMissingError(yearOfEpochDay(Math.min(d, this.base) - 1));
    const result = this.workingDays[before - 1];
    this.requireCovered(result, d - 1);
    return fromEpochDay(result);
  }

  /**
   * The n-th working day after `date`. The day the period starts is not counted; counting
   * begins the next day (Civil Code art. 201), so n = 1 is the next working day and n = 0
   * is `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    return fromEpochDay(this.addWorkingDaysToEpochDay(toEpochDay(date), n));
  }

  /**
   * `date` + n calendar days (the start day not counted, Civil Code art. 201); if that last day
   * is a rest day, the period ends on the first working day after it (Civil Code art. 203).
   */
  addCalendarDays(date: string, n: number): string {
    return fromEpochDay(this.addCalendarDaysToEpochDay(toEpochDay(date), n));
  }

  /** Working days d with from < d ≤ to; 0 when to ≤ from. */
  workingDaysBetween(from: string, to: string): number {
    const f = toEpochDay(from);
    const t = toEpochDay(to);
    if (t <= f) return 0;
    this.requireCovered(f + 1, t);
    return this.workingBefore[t - this.base + 1] - this.workingBefore[f + 1 - this.base];
  }

  /**
   * The deadline of a period of `days` starting at `start`: the start day is its local date in
   * `timeZone` and is not counted (art. 201); the period ends at 24:00 local of its last day
   * (art. 203), which is the instant the next local day begins.
   */
  deadline(start: Date, days: number, count: PeriodCount, timeZone: string): { lastDay: string; dueAt: Date } {
    const startDay = localEpochDayOf(start, timeZone);
    const last =
      count === 'working'
        ? this.addWorkingDaysToEpochDay(startDay, days)
        : count === 'calendar'
          ? this.addCalendarDaysToEpochDay(startDay, days)
          : invalidCount(count);
    return { lastDay: fromEpochDay(last), dueAt: startOfEpochDay(last + 1, timeZone) };
  }

  /** 24:00 local time of `lastDay`, i.e. the start of the following local day. */
  dueInstantOf(lastDay: string, timeZone: string): Date {
    return startOfEpochDay(toEpochDay(lastDay) + 1, timeZone);
  }

  private addWorkingDaysToEpochDay(d: number, n: number): number {
    checkCount(n);
    if (n === 0) return d;
    const next = d + 1;
    if (next < this.base || next > this.last) throw new CalendarYearMissingError(yearOfEpochDay(next));
    const index = this.workingBefore[next - this.base] + n - 1;
    if (index >= this.workingDays.length) {
      this.requireCovered(next, this.last + 1); // throws for the first year without data
    }
    const result = this.workingDays[index];
    this.requireCovered(next, result);
    return result;
  }

  private addCalendarDaysToEpochDay(d: number, n: number): number {
    checkCount(n);
    const end = d + n;
    this.requireCovered(end, end);
    if (this.isWorkingIndex(end - this.base)) return end;
    // The last day is a rest day: roll forward to the first working day after it (art. 203).
    return this.addWorkingDaysToEpochDay(end, 1);
  }

  private isWorkingIndex(i: number): boolean {
    const code = this.kinds[i];
    return code === KIND_CODES.workday || code === KIND_CODES.makeup_workday;
  }

  /** Throws CalendarYearMissingError naming the first year in [from, to] the calendar lacks. */
  private requireCovered(from: number, to: number): void {
    if (from >= this.base && to <= this.last) {
      if (this.missingBefore[to - this.base + 1] === this.missingBefore[from - this.base]) return;
    }
    for (let year = yearOfEpochDay(from); year <= yearOfEpochDay(to); year++) {
      if (!this.yearSet.has(year)) throw new CalendarYearMissingError(year);
    }
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a period length must be a whole number ≥ 0, got ${n}`);
}

function invalidCount(count: never): never {
  throw new RangeError(`count must be 'working' or 'calendar', got ${String(count)}`);
}

/**
 * Reference implementation for property tests and the benchmark baseline: walks day by day
 * (the start day not counted, Civil Code art. 201).
 */
export function naiveAddWorkingDays(isWorkingDay: (date: string) => boolean, date: string, n: number): string {
  let d = toEpochDay(date);
  for (let counted = 0; counted < n; ) {
    d++;
    if (isWorkingDay(fromEpochDay(d))) counted++;
  }
  return fromEpochDay(d);
}

/** Reference implementation of a calendar-day period rolled forward off rest days (art. 203). */
export function naiveAddCalendarDays(isWorkingDay: (date: string) => boolean, date: string, n: number): string {
  let d = toEpochDay(date) + n;
  while (!isWorkingDay(fromEpochDay(d))) d++;
  return fromEpochDay(d);
}
