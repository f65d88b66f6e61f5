import { civilToEpochDay, daysInMonth, fromEpochDay, localDateOf, parseInstant } from '../common/time/local-date';

// The dates a list page or a feed gives its items. A list page gives a day; a feed or a
// <time datetime> may give an instant. Both end up as a local date, because that is what the
// checklist counts (a day's update, the 14 days before a check).

/** When an item was published: always its local date, and the instant when the source gives one. */
export interface ItemDate {
  localDate: string;
  /** Null when only the day is known (`datePrecision: day`: 00:00 local is stored). */
  instant: Date | null;
}

// A list entry's date stands on its own: `2022-08-29`, `[08-29]`, `发布时间：2022年8月29日`,
// `(2022.08.29 10:30)`. A date inside a sentence ("今天是2022年8月29日 星期一", a summary
// that mentions a meeting, a title "关于2022年8月1日起施行…") is not the entry's date: taking
// it would date navigation links by a header's date widget and would make a page look updated
// when it is not.
const LABEL = String.raw`(?:(?:(?:发布|更新|发文|成文|公开|印发|上传)?(?:时间|日期)|发布于)\s*[：:]?\s*)?`;
const OPEN = String.raw`[\[【(（]?\s*`;
const CLOSE = String.raw`\s*[\]】)）]?`;
const TIME = String.raw`(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?`;
const FULL_DATE = String.raw`(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)`;
const MONTH_DAY = String.raw`(\d{2})-(\d{2})`;
const STANDALONE_DATE = new RegExp(`^${LABEL}${OPEN}(?:${FULL_DATE}|${MONTH_DAY})${TIME}${CLOSE}$`);

/**
 * The date a text that is only a date names, or null. A month-day without a year (`08-29`,
 * `[08-29]`) is the most recent such day not after `today`: on 2023-01-03, `12-30` is
 * 2022-12-30. Dates after `today` are returned as written; the caller decides what a future
 * date means.
 */
export function readStandaloneDate(text: string, today: string): string | null {
  const m = STANDALONE_DATE.exec(text.trim());
  if (m === null) return null;
  if (m[1] !== undefined) {
    const month = Number(m[3] ?? m[5]);
    const day = Number(m[4] ?? m[6]);
    return calendarDate(Number(m[1]), month, day);
  }
  return mostRecentMonthDay(Number(m[7]), Number(m[8]), today);
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return fromEpochDay(civilToEpochDay(year, month, day));
}

function mostRecentMonthDay(month: number, day: number, today: string): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let year = Number(today.slice(0, 4));
  if (month * 100 + day > Number(today.slice(5, 7)) * 100 + Number(today.slice(8, 10))) year--;
  // 02-29 is the most recent leap day, up to eight years back (1900 and 2100 skip one).
  for (let back = 0; back <= 8; back++) {
    const date = calendarDate(year - back, month, day);
    if (date !== null) return date;
  }
  return null;
}

/**
 * An ISO 8601 date or date-time (a `<time datetime>`, an Atom or JSON Feed date): a bare date
 * is that day; a date-time with `Z` or an offset is that instant; one without is wall-clock
 * time in `timeZone`.
 */
export function readIsoDateTime(datetime: string, timeZone: string): ItemDate | null {
  const value = datetime.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = calendarDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
    return date === null ? null : { localDate: date, instant: null };
  }
  const instant = parseInstant(value, timeZone);
  return instant === null ? null : { localDate: localDateOf(instant, timeZone), instant };
}
