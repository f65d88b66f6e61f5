import { HOLIDAY_YEARS } from '../calendar/holiday-data';
import { parseInstant } from '../common/time/local-date';
import { buildYearDays, WorkingCalendar } from '../calendar/working-days';
import { DEFAULT_REMINDER_SETTINGS } from './reminder-settings';
import {
  dailyUnseenDay,
  digestDay,
  dueSoonWindow,
  escalationBounds,
  formatDueTime,
  latestFiredWorkingDay,
  notBefore,
  overdueUntil,
  overdueWorkingDays,
  unsendableDeadlines,
  weeklyUnseenWeek,
} from './reminder-times';

const TZ = 'Asia/Shanghai';
const calendar = new WorkingCalendar(Object.entries(HOLIDAY_YEARS).flatMap(([y, n]) => buildYearDays(Number(y), n.holidays, n.makeupWorkdays)));
const S = DEFAULT_REMINDER_SETTINGS;
const at = (s: string) => parseInstant(s, TZ)!;
/** 24:00 of a local day. */
const due = (day: string) => calendar.dueInstantOf(day, TZ);

describe('latestFiredWorkingDay', () => {
  it.each([
    ['2022-09-30 09:00', '2022-09-30'],
    ['2022-09-30 08:59', '2022-09-29'],
    ['2022-10-03 12:00', '2022-09-30'], // National Day holiday
    ['2022-10-08 09:30', '2022-10-08'], // make-up Saturday
  ])('as of %s → %s', (asOf, expected) => expect(latestFiredWorkingDay(calendar, at(asOf), '09:00', TZ)).toBe(expected));
});

describe('due soon: 09:00 on the working day before the due day', () => {
  const fires = (dueDay: string, asOf: string) => {
    const w = dueSoonWindow(calendar, at(asOf), S, TZ);
    return due(dueDay) > w.after && due(dueDay) <= w.until;
  };
  it.each([
    // due day 2022-10-08 (make-up Saturday after the holiday): reminded 2022-09-30 09:00
    ['2022-10-08', '2022-09-30 08:59', false],
    ['2022-10-08', '2022-09-30 09:00', true],
    ['2022-10-08', '2022-10-05 10:00', true], // caught up during the holiday
    ['2022-10-08', '2022-10-09 00:00', false], // the deadline has passed
    ['2022-10-11', '2022-10-09 09:00', false], // Sun 10-09 is a make-up day; the day before 10-11 is 10-10
    ['2022-10-11', '2022-10-10 09:00', true],
    ['2022-10-10', '2022-10-09 09:00', true],
  ])('due %s as of %s → %s', (dueDay, asOf, expected) => expect(fires(dueDay, asOf)).toBe(expected));
});

describe('overdue: 09:00 on the first working day after the due time', () => {
  it.each([
    ['2022-10-11', '2022-10-12 08:59', false],
    ['2022-10-11', '2022-10-12 09:00', true],
    ['2022-09-30', '2022-10-07 23:00', false], // holiday: waits for 10-08
    ['2022-09-30', '2022-10-08 09:00', true],
  ])('due %s as of %s → %s', (dueDay, asOf, expected) => expect(due(dueDay) <= overdueUntil(calendar, at(asOf), S, TZ)).toBe(expected));

  it('counts lateness in working days after the due day', () => {
    expect(overdueWorkingDays(calendar, due('2022-09-30'), '2022-10-08', TZ)).toBe(1);
    expect(overdueWorkingDays(calendar, due('2022-10-11'), '2022-10-14', TZ)).toBe(3);
  });
});

describe('escalation stages', () => {
  const stage = (dueDay: string, asOf: string) => escalationBounds(calendar, at(asOf), S, TZ).filter((b) => due(dueDay) <= b).length;
  it.each([
    ['2022-10-11', '2022-10-13 10:00', 0], // 2 working days late
    ['2022-10-11', '2022-10-14 08:00', 0], // the 3rd working day, before 09:00
    ['2022-10-11', '2022-10-14 09:00', 1],
    ['2022-10-11', '2022-10-15 09:00', 1], // Saturday: nothing new
    ['2022-10-11', '2022-10-17 09:00', 2],
    ['2022-10-11', '2022-10-18 09:00', 3],
    ['2022-10-11', '2022-10-28 09:00', 3], // at most maxRepeats
  ])('due %s as of %s → stage %s', (dueDay, asOf, expected) => expect(stage(dueDay, asOf)).toBe(expected));
});

describe('digest, daily and weekly notices', () => {
  it('plans the digest on a working day from 09:00 to the end of working hours', () => {
    expect(digestDay(calendar, at('2022-09-30 09:00'), S, TZ)).toBe('2022-09-30');
    expect(digestDay(calendar, at('2022-09-30 08:59'), S, TZ)).toBeNull();
    expect(digestDay(calendar, at('2022-09-30 18:00'), S, TZ)).toBeNull();
    expect(digestDay(calendar, at('2022-10-03 09:00'), S, TZ)).toBeNull();
  });
  it('reminds today’s daily items from 16:00 on working days', () => {
    expect(dailyUnseenDay(calendar, at('2022-09-29 16:00'), S, TZ)).toBe('2022-09-29');
    expect(dailyUnseenDay(calendar, at('2022-09-29 15:59'), S, TZ)).toBeNull();
    expect(dailyUnseenDay(calendar, at('2022-10-02 16:00'), S, TZ)).toBeNull();
  });
  it('checks weekly items from Thursday 09:00', () => {
    expect(weeklyUnseenWeek(at('2022-09-29 09:00'), S, TZ)).toBe('2022-09-26');
    expect(weeklyUnseenWeek(at('2022-09-29 08:59'), S, TZ)).toBeNull();
    expect(weeklyUnseenWeek(at('2022-09-28 12:00'), S, TZ)).toBeNull();
    expect(weeklyUnseenWeek(at('2022-10-02 12:00'), S, TZ)).toBe('2022-09-26');
  });
});

describe('working hours', () => {
  it.each([
    ['2022-09-30 10:00', false, '2022-09-30 10:00'],
    ['2022-09-30 07:00', false, '2022-09-30 08:30'],
    ['2022-09-30 19:00', false, '2022-10-08 08:30'], // next working morning after the holiday
    ['2022-10-03 10:00', false, '2022-10-08 08:30'],
    ['2022-10-03 10:00', true, '2022-10-03 10:00'], // due today: at once
    ['2022-09-30 23:00', true, '2022-09-30 23:00'],
  ])('planned %s (due today %s) → not before %s', (asOf, dueToday, expected) => {
    expect(notBefore(calendar, at(asOf), S, TZ, dueToday).toISOString()).toBe(at(expected).toISOString());
  });
});

describe('deadlines that pass before mail planned now could leave', () => {
  const unsendable = (dueDay: string, asOf: string) => {
    const w = unsendableDeadlines(calendar, at(asOf), S, TZ);
    return due(dueDay) > w.after && due(dueDay) <= w.until;
  };
  it.each([
    ['2022-11-13', '2022-11-12 10:00', true], // a week ending Sunday, planned Saturday: held until Monday 08:30
    ['2022-11-13', '2022-11-13 20:00', false], // planned Sunday evening: it ends today, so it goes at once
    ['2022-11-12', '2022-11-11 19:00', true], // due Saturday, planned after hours on Friday
    ['2022-11-14', '2022-11-11 19:00', false], // due Monday 24:00: Monday 08:30 is in time
    ['2022-11-12', '2022-11-11 10:00', false], // within working hours mail leaves now
    ['2022-10-07', '2022-10-03 10:00', true], // inside the National Day holiday, mail waits for 10-08
    ['2022-10-08', '2022-10-03 10:00', false], // the make-up Saturday 10-08: 08:30 that day is in time
  ])('due %s, planned %s → unsendable %s', (dueDay, asOf, expected) => expect(unsendable(dueDay, asOf)).toBe(expected));

  it('is empty while mail may leave now', () => {
    const w = unsendableDeadlines(calendar, at('2022-11-11 10:00'), S, TZ);
    expect(w.until.getTime()).toBe(w.after.getTime());
  });
});

describe('formatDueTime', () => {
  it('says 24:00 of the last day and the next day’s 00:00', () => {
    expect(formatDueTime(due('2022-10-11'), TZ)).toBe('2022年10月11日 24:00（即 2022-10-12 00:00）');
    expect(formatDueTime(at('2022-10-11 17:30'), TZ)).toBe('2022年10月11日 17:30');
  });
});
