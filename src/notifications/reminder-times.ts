// When each reminder is due, as instants and deadline bounds the planner's SQL compares with.
// Reminders are decided from state as of an instant (asOf), never from "due date = today + N":
// for a kind that fires at a local time T on certain working days, the reminders due as of
// asOf are those whose firing instant is ≤ asOf and whose reason still holds, so a planner that
// missed a run (or a day) catches up on the next one, and one that runs twice plans nothing new.
import { addDays, isoWeekday, localDateOf, mondayOf, parseInstant, startOfLocalDay } from '../common/time/local-date';
import { WorkingCalendar } from '../calendar/working-days';
import { minutesOf, ReminderSettings } from './reminder-settings';

/** The instant of local `time` (HH:MM) on local `date`. */
export function atLocalTime(date: string, time: string, timeZone: string): Date {
  return parseInstant(`${date}T${time}`, timeZone)!;
}

/**
 * The latest working day whose `time` has passed as of `asOf` (today if today is a working day
 * and its `time` has come, else the working day before today).
 */
export function latestFiredWorkingDay(calendar: WorkingCalendar, asOf: Date, time: string, timeZone: string): string {
  const today = localDateOf(asOf, timeZone);
  if (calendar.isWorkingDay(today) && atLocalTime(today, time, timeZone) <= asOf) return today;
  return calendar.previousWorkingDay(today);
}

/** The local date a deadline belongs to: its due instant is 24:00 of that day (DESIGN.md "Time"). */
export function dueDayOf(dueAt: Date, timeZone: string): string {
  return localDateOf(new Date(dueAt.getTime() - 1), timeZone);
}

/**
 * Due soon: at `remindAt` on the n-th working day before the due day (n = 1: the working day
 * before; the due day 2022-10-08, a make-up Saturday after the National Day holiday, is
 * reminded on 2022-09-30). The reminder for due day D has fired iff that working day ≤ W (the
 * latest fired working day), i.e. iff D ≤ W + n working days; it is still worth sending while
 * the deadline has not passed. Returns the bounds: asOf < due_at ≤ until.
 */
export function dueSoonWindow(calendar: WorkingCalendar, asOf: Date, settings: ReminderSettings, timeZone: string): { after: Date; until: Date } {
  const fired = latestFiredWorkingDay(calendar, asOf, settings.remindAt, timeZone);
  const lastDueDay = calendar.addWorkingDays(fired, settings.dueSoonWorkingDays);
  return { after: asOf, until: calendar.dueInstantOf(lastDueDay, timeZone) };
}

/**
 * Overdue: at `remindAt` on the first working day after the due time (24:00 of the due day D).
 * That day is ≤ W iff D < W, i.e. iff due_at ≤ 00:00 of W. Returns that bound.
 */
export function overdueUntil(calendar: WorkingCalendar, asOf: Date, settings: ReminderSettings, timeZone: string): Date {
  return startOfLocalDay(latestFiredWorkingDay(calendar, asOf, settings.remindAt, timeZone), timeZone);
}

/**
 * Escalation stages. A task whose due day is D is overdue by k working days as of W when k
 * working days lie in (D, W]. Stage s (1 … maxRepeats) is due once k ≥ after + (s − 1)·every;
 * `bounds[s-1]` is the latest due_at for which stage s is due (due_at ≤ 00:00 of the m-th
 * working day counting back from W, W being the first). The planner plans the highest stage
 * due, so a missed day never sends two stages at once and at most maxRepeats are ever sent.
 */
export function escalationBounds(calendar: WorkingCalendar, asOf: Date, settings: ReminderSettings, timeZone: string): Date[] {
  const { afterWorkingDays, maxRepeats, everyWorkingDays } = settings.escalation;
  let day = latestFiredWorkingDay(calendar, asOf, settings.remindAt, timeZone);
  let m = 1;
  const bounds: Date[] = [];
  for (let s = 1; s <= maxRepeats; s++) {
    const needed = afterWorkingDays + (s - 1) * everyWorkingDays;
    while (m < needed) {
      day = calendar.previousWorkingDay(day);
      m++;
    }
    bounds.push(startOfLocalDay(day, timeZone));
  }
  return bounds;
}

/** Working days a deadline is overdue by on `today`: working days in (due day, today]. */
export function overdueWorkingDays(calendar: WorkingCalendar, dueAt: Date, today: string, timeZone: string): number {
  return calendar.workingDaysBetween(dueDayOf(dueAt, timeZone), today);
}

/** The digest is planned on a working day from `digestAt` until the end of working hours. */
export function digestDay(calendar: WorkingCalendar, asOf: Date, settings: ReminderSettings, timeZone: string): string | null {
  const today = localDateOf(asOf, timeZone);
  if (!calendar.isWorkingDay(today)) return null;
  if (asOf < atLocalTime(today, settings.digestAt, timeZone) || asOf >= atLocalTime(today, settings.workingHours.end, timeZone)) return null;
  return today;
}

/** Today's website/working-day items are reminded from `dailyAt` on a working day until the day ends. */
export function dailyUnseenDay(calendar: WorkingCalendar, asOf: Date, settings: ReminderSettings, timeZone: string): string | null {
  const today = localDateOf(asOf, timeZone);
  if (!calendar.isWorkingDay(today)) return null;
  return asOf >= atLocalTime(today, settings.updateUnseen.dailyAt, timeZone) ? today : null;
}

/** This week's Monday once the weekly check (Thursday 09:00 by default) has come, else null. */
export function weeklyUnseenWeek(asOf: Date, settings: ReminderSettings, timeZone: string): string | null {
  const today = localDateOf(asOf, timeZone);
  const monday = mondayOf(today);
  const checkDay = addDays(monday, settings.updateUnseen.weeklyWeekday - 1);
  if (isoWeekday(today) < settings.updateUnseen.weeklyWeekday) return null;
  return asOf >= atLocalTime(checkDay, settings.updateUnseen.weeklyAt, timeZone) ? monday : null;
}

/**
 * When a planned email may leave: at once inside working hours of a working day (or at once
 * whatever the hour when it is about something due today, which the next morning would be too
 * late for), else at the start of the next working morning.
 */
export function notBefore(calendar: WorkingCalendar, asOf: Date, settings: ReminderSettings, timeZone: string, dueToday = false): Date {
  if (dueToday) return asOf;
  const today = localDateOf(asOf, timeZone);
  const { start, end } = settings.workingHours;
  if (calendar.isWorkingDay(today)) {
    const opens = atLocalTime(today, start, timeZone);
    if (asOf < opens) return opens;
    if (asOf < atLocalTime(today, end, timeZone)) return asOf;
  }
  return atLocalTime(calendar.nextWorkingDay(today), start, timeZone);
}

/**
 * Deadlines that cannot be reminded of as of `asOf`, as the window (after, until]: mail planned
 * now leaves only at `until` (the next working morning), by which time a reason that ends at its
 * deadline (due soon, not yet updated) is over — the reminder would be held past its point and
 * then skipped. A deadline of today is not in it (that mail goes at once, see notBefore); while
 * mail may leave now the window is empty (until = after). Example: a weekly item (Monday to
 * Sunday 24:00) planned on Saturday is held until Monday 08:30 — not planned; planned on Sunday
 * evening it is due today — sent at once.
 */
export function unsendableDeadlines(calendar: WorkingCalendar, asOf: Date, settings: ReminderSettings, timeZone: string): { after: Date; until: Date } {
  const endOfToday = startOfLocalDay(addDays(localDateOf(asOf, timeZone), 1), timeZone);
  const leaves = notBefore(calendar, asOf, settings, timeZone);
  return { after: endOfToday, until: leaves > endOfToday ? leaves : endOfToday };
}

/** `2022年10月11日 24:00（即 2022-10-12 00:00）`: the deadline as people read it, explicit about 24:00. */
export function formatDueTime(dueAt: Date, timeZone: string): string {
  const local = localDateOf(dueAt, timeZone);
  const midnight = startOfLocalDay(local, timeZone).getTime() === dueAt.getTime();
  if (midnight) {
    const day = dueDayOf(dueAt, timeZone);
    return `${chineseDate(day)} 24:00（即 ${local} 00:00）`;
  }
  const minutes = Math.round((dueAt.getTime() - startOfLocalDay(local, timeZone).getTime()) / 60000);
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${chineseDate(local)} ${hhmm}`;
}

export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export { minutesOf };

/** `2022年9月30日 16:00`: an instant as local wall-clock time. */
export function formatLocalInstant(instant: Date, timeZone: string): string {
  const day = localDateOf(instant, timeZone);
  const minutes = Math.floor((instant.getTime() - startOfLocalDay(day, timeZone).getTime()) / 60000);
  return `${chineseDate(day)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
