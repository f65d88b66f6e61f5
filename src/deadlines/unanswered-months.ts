// MESSAGE_UNANSWERED_3_MONTHS, the national index's 互动回应差 veto: a channel fails on a day
// when it holds a message received more than three months earlier and still unanswered
// (docs/deadlines.md "The 3-month veto").
//
// "Three months" is a period in months (Civil Code art. 200): the day of receipt is not counted
// (art. 201), and the period's last day is the day of the third month after that corresponds to
// the day of receipt, or that month's last day when it has none (art. 202); it ends at 24:00 of
// that day (art. 203). Received 2022-11-30 → 2023-02-28 → unanswered on 2023-03-01 is a miss.
// addMonths in src/calendar/local-date.ts is exactly that correspondence.
//
// Neither pauses nor extensions stop this clock: the index asks how long the citizen has waited.
// Nor does art. 203's roll-over off a rest day apply: the index counts elapsed time at a check,
// it sets no period for an act, and DESIGN's worked example fixes the day without consulting
// the calendar.
import { addDays, addMonths, localDateOf, startOfLocalDay, toEpochDay } from '../common/time/local-date';

export const UNANSWERED_MONTHS = 3;

export interface UnansweredPeriod {
  /** The last day of the three months, local. */
  lastDay: string;
  /** 24:00 local of `lastDay`: a message still unanswered at this instant has waited too long. */
  endsAt: Date;
  /** The first local day on which the message, if still unanswered, makes its channel miss. */
  firstMissDay: string;
}

export function unansweredPeriod(receivedAt: Date, timeZone: string): UnansweredPeriod {
  const lastDay = addMonths(localDateOf(receivedAt, timeZone), UNANSWERED_MONTHS);
  const firstMissDay = addDays(lastDay, 1);
  return { lastDay, endsAt: startOfLocalDay(firstMissDay, timeZone), firstMissDay };
}

/**
 * Whether the message counts against its channel on local day `day`: its three months ended
 * before the day began and it had no reply when the day began. A reply at the very instant the
 * period ends is too late, as a reply at a message's due time is (checklist items are met only by
 * a reply before the due time), so the channel misses that day; from the next day on it does not.
 */
export function isUnansweredOn(message: { receivedAt: Date; repliedAt: Date | null }, day: string, timeZone: string): boolean {
  toEpochDay(day); // throws for anything that is not a real YYYY-MM-DD date
  const { firstMissDay } = unansweredPeriod(message.receivedAt, timeZone);
  if (day < firstMissDay) return false;
  return message.repliedAt === null || message.repliedAt.getTime() >= startOfLocalDay(day, timeZone).getTime();
}
