// The periods of the checklist rules (DESIGN.md "Requirement catalogue" and "Checklist
// semantics"), as pure functions of local dates. Local dates stay `YYYY-MM-DD` strings; the
// only instants are the due and finalisation times, 24:00 local of a period's last day.
import { addDays, fromEpochDay, mondayOf, startOfLocalDay, toEpochDay } from '../common/time/local-date';
import { DayKind } from '../calendar/working-days';
import { MissWording, spanText } from '../rectification/task-title';

/** A checklist period: local dates, inclusive. `windowStart` is the first day whose publications count. */
export interface Period {
  start: string;
  end: string;
  windowStart: string;
}

/** What a rule's period needs to know about the calendar; WorkingCalendar satisfies it. */
export interface CalendarView {
  hasYear(year: number): boolean;
  isWorkingDay(date: string): boolean;
  kindOf(date: string): { kind: DayKind; name: string | null };
  previousWorkingDay(date: string): string;
}

export type FrequencyRule = { period: 'day' | 'workday' | 'week'; windowDays?: number };

export function* datesBetween(from: string, to: string): Generator<string> {
  for (let d = toEpochDay(from), last = toEpochDay(to); d <= last; d++) yield fromEpochDay(d);
}

/**
 * The periods of a frequency or silence rule that fall in [from, to]:
 *  - `day`: every calendar day; with `windowDays` (the silence rule) the day's item counts the
 *    `windowDays` local days ending that day (国办秘函〔2019〕19号: no update in the 2 weeks before a check);
 *  - `workday`: working days only (weekends and holidays have no item; 调休 make-up days do);
 *  - `week`: Monday–Sunday, every week that overlaps the range, keyed by its Monday, so a week
 *    that crosses a year end (2022-12-26 … 2023-01-01) is one period.
 */
export function frequencyPeriods(rule: FrequencyRule, from: string, to: string, calendar?: Pick<CalendarView, 'isWorkingDay'>): Period[] {
  const periods: Period[] = [];
  if (rule.period === 'week') {
    for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
      periods.push({ start: monday, end: addDays(monday, 6), windowStart: monday });
    }
    return periods;
  }
  for (const date of datesBetween(from, to)) {
    if (rule.period === 'workday' && !calendar!.isWorkingDay(date)) continue;
    const windowStart = rule.windowDays && rule.windowDays > 1 ? addDays(date, -(rule.windowDays - 1)) : date;
    periods.push({ start: date, end: date, windowStart });
  }
  return periods;
}

export interface HolidayRosterPeriod extends Period {
  holidayStart: string;
  holidayName: string;
}

/**
 * One period per statutory holiday whose roster is due in [from, to]: the last working day
 * before the holiday (the roster is filed by 24:00 of that day). A holiday is a run of days of
 * kind `holiday`; weekend days between the last working day and the holiday's first day
 * change nothing (the period is still that working day). Years without calendar data are not
 * looked at: the caller refuses ranges that reach them.
 */
export function holidayRosterPeriods(from: string, to: string, calendar: CalendarView): HolidayRosterPeriod[] {
  const periods: HolidayRosterPeriod[] = [];
  const seen = new Set<string>();
  // A holiday starts at most a few rest days after its roster day; two weeks is ample.
  for (const date of datesBetween(addDays(from, 1), addDays(to, 14))) {
    const previous = addDays(date, -1);
    if (!calendar.hasYear(Number(date.slice(0, 4))) || !calendar.hasYear(Number(previous.slice(0, 4)))) continue;
    const info = calendar.kindOf(date);
    if (info.kind !== 'holiday' || calendar.kindOf(previous).kind === 'holiday') continue;
    const rosterDay = calendar.previousWorkingDay(date);
    if (rosterDay < from || rosterDay > to || seen.has(rosterDay)) continue;
    seen.add(rosterDay);
    periods.push({ start: rosterDay, end: rosterDay, windowStart: rosterDay, holidayStart: date, holidayName: info.name ?? '法定节假日' });
  }
  return periods;
}

/** 24:00 local of `lastDay` (the instant the next local day begins), plus `extraDays` days. */
export function dueInstant(lastDay: string, timeZone: string, extraDays = 0): Date {
  return startOfLocalDay(addDays(lastDay, 1 + extraDays), timeZone);
}

/** met / (met + missed); waived and pending items count neither way. Null when nothing was judged. */
export function complianceRate(met: number, missed: number): number | null {
  return met + missed === 0 ? null : Math.round((met / (met + missed)) * 10000) / 10000;
}

export type ItemStatus = 'pending' | 'met' | 'missed' | 'waived';

/**
 * The status of a counted item as of an instant, the same rule the evaluation SQL applies:
 * met as soon as enough evidence falls in its period, missed once its due time has passed
 * without enough, pending before that.
 */
export function statusOf(observed: number, required: number, dueAt: Date, asOf: Date): Exclude<ItemStatus, 'waived'> {
  if (observed >= required) return 'met';
  return dueAt.getTime() <= asOf.getTime() ? 'missed' : 'pending';
}

export interface MissDescription {
  requirementCode: string;
  /** The requirement's own Chinese title: the words for a rule this function does not know. */
  requirementTitle: string | null;
  /** A 单项否决 requirement (severity veto). */
  veto: boolean;
  subjectType: string;
  /** The parameters the item was generated with. */
  params: { period?: string; windowDays?: number; days?: number; count?: string };
  /** simple or general, for a message item. */
  messageCategory: string | null;
  periodStart: string;
  periodEnd: string;
  windowStart: string;
  observed: number;
  required: number;
  unitName: string;
  channelName: string | null;
  platformLabel: string | null;
  documentTitle: string | null;
  holidayName: string | null;
}

const seen = (observed: number) => (observed === 0 ? '无更新' : `仅更新 ${observed} 次`);
const atLeast = (required: number) => (required > 1 ? `不少于${required}次` : '');
const dayCount = (count: string | undefined) => (count === 'working' ? '个工作日' : '日');

/**
 * How a final miss reads in its task's title, worded as the monthly report names problems
 * (`信丰交通(微信订阅号)`) with the rule in Chinese, never its code; see task-title.ts for how
 * the title combines the misses of one task.
 */
export function missWording(m: MissDescription): MissWording {
  const subject = m.channelName ? `${m.channelName}(${m.platformLabel ?? '其他'})` : m.unitName;
  const words = ((): Omit<MissWording, 'subject'> => {
    switch (m.subjectType) {
      case 'channel':
        if (m.windowStart !== m.periodStart) {
          const days = toEpochDay(m.periodEnd) - toEpochDay(m.windowStart) + 1;
          return { rule: `不得连续${days}天无更新`, countSuffix: '天未达标', summary: `${spanText(m.windowStart, m.periodEnd)} 无更新` };
        }
        if (m.params.period === 'week' || m.periodStart !== m.periodEnd) {
          return { rule: `每周更新${atLeast(m.required) || '不少于1次'}`, countSuffix: '周未达标', summary: `${spanText(m.periodStart, m.periodEnd)} ${seen(m.observed)}` };
        }
        if (m.params.period === 'workday') return { rule: `每个工作日更新${atLeast(m.required)}`, countSuffix: '个工作日未达标', summary: `${m.periodStart} ${seen(m.observed)}` };
        return { rule: `每天更新${atLeast(m.required)}`, countSuffix: '天未达标', summary: `${m.periodStart} ${seen(m.observed)}` };
      case 'message': {
        const kind = m.messageCategory === 'simple' ? '简单咨询类' : m.messageCategory === 'general' ? '一般性' : '';
        return {
          rule: `${kind}网民留言${m.params.days ?? ''}${dayCount(m.params.count)}内办结回复`,
          countSuffix: '条留言未按时回复',
          summary: `${m.periodStart} 收到，应于 ${m.periodEnd} 24:00 前回复`,
        };
      }
      case 'policy_document':
        return {
          rule: `政策文件${m.params.days ?? ''}${dayCount(m.params.count)}内完成解读并互链`,
          countSuffix: '份文件未按时完成',
          summary: `《${m.documentTitle ?? ''}》应于 ${m.periodEnd} 24:00 前完成`,
        };
      case 'unit':
        return { rule: '节假日值班表按时报送', countSuffix: '次未按时报送', summary: `${m.holidayName ?? '节假日'}值班表应于 ${m.periodEnd} 24:00 前报送` };
      default:
        return { rule: m.requirementTitle ?? '清单要求', countSuffix: '次未达标', summary: spanText(m.periodStart, m.periodEnd) };
    }
  })();
  return { subject, ...words, rule: m.veto ? `${words.rule}（单项否决）` : words.rule };
}
