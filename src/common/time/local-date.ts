// Local dates are `YYYY-MM-DD` strings and instants are UTC `Date`s (STYLE.md, DESIGN.md
// "Time"). Date arithmetic here is integer arithmetic on epoch days (days since 1970-01-01,
// proleptic Gregorian) so a local date never passes through a JS Date at local midnight,
// where the host's time zone or a DST gap could shift it by a day. The functions at the end
// of this file are the only place where a time zone turns an instant into a local date or
// back.

export const MS_PER_DAY = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

// Parses by char codes rather than a regex: this sits on the hot path of every calendar query.
// Returns NaN when `s` is not a real calendar date.
function parseEpochDay(s: unknown): number {
  if (typeof s !== 'string' || s.length !== 10) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y0 = s.charCodeAt(0) - 48, y1 = s.charCodeAt(1) - 48, y2 = s.charCodeAt(2) - 48, y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48, m1 = s.charCodeAt(6) - 48, d0 = s.charCodeAt(8) - 48, d1 = s.charCodeAt(9) - 48;
  if (!isDigit(y0) || !isDigit(y1) || !isDigit(y2) || !isDigit(y3)) return NaN;
  if (!isDigit(m0) || !isDigit(m1) || !isDigit(d0) || !isDigit(d1)) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return civilToEpochDay(y, m, d);
}

function isDigit(n: number): boolean {
  return n >= 0 && n <= 9;
}

// Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date.
export function civilToEpochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function epochDayToCivil(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Strict: `YYYY-MM-DD` naming a day that exists (2023-02-29 and 2022-13-45 are not dates). */
export function isLocalDate(s: unknown): s is string {
  return !Number.isNaN(parseEpochDay(s));
}

/** Days since 1970-01-01. Throws RangeError for anything that is not a real `YYYY-MM-DD` date. */
export function toEpochDay(date: string): number {
  const n = parseEpochDay(date);
  if (Number.isNaN(n)) throw new RangeError(`${JSON.stringify(date)} is not a date in the form YYYY-MM-DD`);
  return n;
}

// Deadlines and reports turn the same few thousand epoch days back into strings millions of
// times, so the strings for 1900–2199 are built once on first use and kept.
const STRING_CACHE_FIRST = -25_567; // 1900-01-01
const STRING_CACHE_SIZE = 109_573; // through 2199-12-31
const dateStrings: (string | undefined)[] = new Array(STRING_CACHE_SIZE);

export function fromEpochDay(epochDay: number): string {
  const i = epochDay - STRING_CACHE_FIRST;
  if (i >= 0 && i < STRING_CACHE_SIZE) {
    const cached = dateStrings[i];
    if (cached !== undefined) return cached;
  }
  if (!Number.isInteger(epochDay)) throw new RangeError(`epoch day must be an integer, got ${epochDay}`);
  const { year, month, day } = epochDayToCivil(epochDay);
  if (year < 0 || year > 9999) throw new RangeError(`epoch day ${epochDay} is outside years 0000-9999`);
  const s = `${year < 1000 ? String(year).padStart(4, '0') : year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
  if (i >= 0 && i < STRING_CACHE_SIZE) dateStrings[i] = s;
  return s;
}

export function yearOf(date: string): number {
  toEpochDay(date);
  return Number(date.slice(0, 4));
}

export function yearOfEpochDay(epochDay: number): number {
  return epochDayToCivil(epochDay).year;
}

export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/**
 * `date` moved by `n` calendar months, the day of month kept; when the target month has no
 * such day, its last day (Civil Code art. 202: "到期月的对应日为期间的最后一日；没有对应日的，
 * 月末日为期间的最后一日"). So 2022-08-31 + 6 months = 2023-02-28 and 2024-08-31 + 6 = 2025-02-28.
 * Like addDays it never passes through a JS Date.
 */
export function addMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`months must be an integer, got ${n}`);
  toEpochDay(date);
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return fromEpochDay(civilToEpochDay(year, month, day));
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function isoWeekday(date: string): number {
  return isoWeekdayOfEpochDay(toEpochDay(date));
}

export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[isoWeekday(date) - 1];
}

/** The Monday of the ISO week containing `date` (a week starts Monday, DESIGN.md "Time"). */
export function mondayOf(date: string): string {
  const d = toEpochDay(date);
  return fromEpochDay(d - isoWeekdayOfEpochDay(d) + 1);
}

export function compareLocalDates(a: string, b: string): number {
  const d = toEpochDay(a) - toEpochDay(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

// Time zones. A zone's UTC offset is read from Intl once per UTC day and cached; a day whose
// two ends disagree holds a transition, which is located to the second once and cached too,
// so the result is exact for DST zones while a lookup stays an array read (days in 1900–2199;
// others go through a Map). This assumes a zone changes offset at most once within any 24
// hours, which holds for the tz database since 1970.

interface OffsetDay {
  before: number; // offset in ms for instants < switchAt
  after: number; // offset in ms for instants >= switchAt
  switchAt: number;
}

const DENSE_FIRST_DAY = STRING_CACHE_FIRST;
const DENSE_DAYS = STRING_CACHE_SIZE;

class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly loaded = new Uint8Array(DENSE_DAYS);
  private readonly before = new Int32Array(DENSE_DAYS);
  private readonly after = new Int32Array(DENSE_DAYS);
  private readonly switchAt = new Float64Array(DENSE_DAYS);
  private readonly farDays = new Map<number, OffsetDay>();
  // Start instant (UTC ms) of each local day once computed; NaN until then.
  readonly dayStarts = new Float64Array(DENSE_DAYS).fill(NaN);

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetAt(ms: number): number {
    const key = Math.floor(ms / MS_PER_DAY);
    const i = key - DENSE_FIRST_DAY;
    if (i >= 0 && i < DENSE_DAYS) {
      if (this.loaded[i] === 0) {
        const day = this.loadDay(key);
        this.before[i] = day.before;
        this.after[i] = day.after;
        this.switchAt[i] = day.switchAt;
        this.loaded[i] = 1;
      }
      return ms < this.switchAt[i] ? this.before[i] : this.after[i];
    }
    const day = this.farDay(key);
    return ms < day.switchAt ? day.before : day.after;
  }

  /** The instant within [lo, hi] at which the offset changes, if there is one. */
  transitionWithin(lo: number, hi: number): number | undefined {
    for (let key = Math.floor(lo / MS_PER_DAY); key <= Math.floor(hi / MS_PER_DAY); key++) {
      const day = this.farDay(key);
      if (day.switchAt >= lo && day.switchAt <= hi) return day.switchAt;
    }
    return undefined;
  }

  private farDay(key: number): OffsetDay {
    let day = this.farDays.get(key);
    if (day === undefined) {
      day = this.loadDay(key);
      this.farDays.set(key, day);
    }
    return day;
  }

  private loadDay(key: number): OffsetDay {
    // Work in whole seconds: Intl reports wall time to the second, and transitions fall on one.
    let lo = key * 86_400;
    let hi = lo + 86_399;
    const before = this.rawOffsetAtSecond(lo);
    const after = this.rawOffsetAtSecond(hi);
    if (before === after) return { before, after, switchAt: Infinity };
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.rawOffsetAtSecond(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, switchAt: hi * 1000 };
  }

  private rawOffsetAtSecond(second: number): number {
    const ms = second * 1000;
    let year = 0, month = 0, day = 0, hour = 0, minute = 0, sec = 0, bc = false;
    for (const part of this.format.formatToParts(ms)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value); break;
        case 'minute': minute = Number(part.value); break;
        case 'second': sec = Number(part.value); break;
        case 'era': bc = part.value.startsWith('B'); break;
      }
    }
    if (bc) year = 1 - year;
    const wall = civilToEpochDay(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + sec) * 1000;
    return wall - ms;
  }
}

const zones = new Map<string, ZoneOffsets>();
let lastZone: ZoneOffsets | undefined;

function zoneOffsets(timeZone: string): ZoneOffsets {
  if (lastZone !== undefined && lastZone.timeZone === timeZone) return lastZone;
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = new ZoneOffsets(timeZone); // throws RangeError for an unknown zone
    zones.set(timeZone, zone);
  }
  lastZone = zone;
  return zone;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Asia/Shanghai: 28 800 000). */
export function utcOffsetMs(instant: Date | number, timeZone: string): number {
  return zoneOffsets(timeZone).offsetAt(typeof instant === 'number' ? instant : instant.getTime());
}

/** The local day (as an epoch day) that `instant` falls on in `timeZone`. */
export function localEpochDayOf(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid instant');
  return Math.floor((ms + zoneOffsets(timeZone).offsetAt(ms)) / MS_PER_DAY);
}

/** The local date that `instant` falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return fromEpochDay(localEpochDayOf(instant, timeZone));
}

// Wall-clock ms (local time read as if it were UTC) → instant. An ambiguous wall time (the
// hour repeated when clocks go back) resolves to the earlier instant; a wall time skipped by
// a spring-forward gap is read with the offset from before the gap, landing just after it —
// the same "compatible" choice as Temporal and most calendars.
function wallToInstant(zone: ZoneOffsets, wall: number): { ms: number; inGap: boolean } {
  const early = zone.offsetAt(wall - MS_PER_DAY);
  const late = zone.offsetAt(wall + MS_PER_DAY);
  const earlyOk = zone.offsetAt(wall - early) === early;
  if (early === late) {
    if (earlyOk) return { ms: wall - early, inGap: false };
  } else {
    const lateOk = zone.offsetAt(wall - late) === late;
    if (earlyOk && lateOk) return { ms: Math.min(wall - early, wall - late), inGap: false };
    if (earlyOk) return { ms: wall - early, inGap: false };
    if (lateOk) return { ms: wall - late, inGap: false };
  }
  return { ms: wall - Math.min(early, late), inGap: true };
}

/** The UTC instant at which the local day `epochDay` begins in `timeZone`. */
export function startOfEpochDay(epochDay: number, timeZone: string): Date {
  const zone = zoneOffsets(timeZone);
  const i = epochDay - DENSE_FIRST_DAY;
  if (i >= 0 && i < DENSE_DAYS) {
    let start = zone.dayStarts[i];
    if (Number.isNaN(start)) zone.dayStarts[i] = start = computeStartOfDay(zone, epochDay);
    return new Date(start);
  }
  return new Date(computeStartOfDay(zone, epochDay));
}

function computeStartOfDay(zone: ZoneOffsets, epochDay: number): number {
  const wall = epochDay * MS_PER_DAY;
  const { ms, inGap } = wallToInstant(zone, wall);
  if (!inGap) return ms;
  // Midnight itself was skipped (e.g. America/Santiago springs forward at 00:00): the day
  // begins at the transition, the first instant whose local date is this day.
  return zone.transitionWithin(ms - 2 * 3_600_000, ms) ?? ms;
}

/** The UTC instant of 00:00 local time on `date` in `timeZone` (start of the day [00:00, 24:00)). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return startOfEpochDay(toEpochDay(date), timeZone);
}

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Reads an ISO 8601 date-time. With `Z` or an offset it names that instant; without one it is
 * wall-clock time in `timeZone` (`2022-09-29 10:00` in Asia/Shanghai is 02:00Z); a bare date is
 * the start of that local day. Returns null for anything else, including impossible dates.
 */
export function parseInstant(s: string, timeZone: string): Date | null {
  if (typeof s !== 'string') return null;
  const m = INSTANT_PATTERN.exec(s.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, sec, frac, z, sign, oh, om] = m;
  const epochDay = parseEpochDay(`${y}-${mo}-${d}`);
  if (Number.isNaN(epochDay)) return null;
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = sec === undefined ? 0 : Number(sec);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const wall = epochDay * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  if (z !== undefined) return new Date(wall);
  if (sign !== undefined) {
    const offH = Number(oh);
    const offM = om === undefined ? 0 : Number(om);
    if (offH > 23 || offM > 59) return null;
    const offset = (sign === '-' ? -1 : 1) * (offH * 60 + offM) * 60_000;
    return new Date(wall - offset);
  }
  if (h === undefined) return startOfEpochDay(epochDay, timeZone);
  return new Date(wallToInstant(zoneOffsets(timeZone), wall).ms);
}
