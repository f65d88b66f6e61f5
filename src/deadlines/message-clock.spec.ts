import fc from 'fast-check';
import { HOLIDAY_YEARS } from '../calendar/holiday-data';
import { isoWeekday, localDateOf, parseInstant, startOfLocalDay, toEpochDay, fromEpochDay } from '../common/time/local-date';
import { buildYearDays, WorkingCalendar } from '../calendar/working-days';
import { DeadlineError } from './deadlines.errors';
import { messageClock, MessageClockEvent, MessageClockInput, MessageRule } from './message-clock';

const SHANGHAI = 'Asia/Shanghai';
const calendar = new WorkingCalendar(
  Object.entries(HOLIDAY_YEARS).flatMap(([year, notice]) => buildYearDays(Number(year), notice.holidays, notice.makeupWorkdays)),
);
const GENERAL: MessageRule = { days: 5, count: 'working' };
const SIMPLE: MessageRule = { days: 3, count: 'calendar' };

function at(local: string): Date {
  const instant = parseInstant(local, SHANGHAI);
  if (instant === null) throw new Error(`bad instant ${local}`);
  return instant;
}

const pause = (when: string, reason = '需网民补充材料'): MessageClockEvent => ({ action: 'pause', at: at(when), reason });
const resume = (when: string): MessageClockEvent => ({ action: 'resume', at: at(when) });
const extend = (when: string, days: number, reason = '需协调多个部门'): MessageClockEvent => ({ action: 'extend', at: at(when), days, reason });

function clock(rule: MessageRule, received: string, events: MessageClockEvent[], asOf = '2030-01-01 00:00') {
  return messageClock(calendar, { rule, receivedAt: at(received), events, timeZone: SHANGHAI }, at(asOf));
}

function thrown(fn: () => unknown): DeadlineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeadlineError) return error;
    throw error;
  }
  throw new Error('expected a DeadlineError');
}

// Every expected day below was counted by hand on the State Council's notices:
// 2022 National Day 10-01…10-07 off, Sat 10-08 and Sun 10-09 worked; New Year 2022-12-31…2023-01-02
// off; 2023 Spring Festival 01-21…01-27 off, Sat 01-28 and Sun 01-29 worked.
describe('messageClock: worked examples', () => {
  it.each<[string, MessageRule, string, MessageClockEvent[], string, string]>([
    [
      'DESIGN: general, received before National Day: 09-30 (1), 10-08 (2), 10-09 (3), 10-10 (4), 10-11 (5)',
      GENERAL, '2022-09-29 10:00', [], '2022-10-11', '2022-10-12 00:00',
    ],
    [
      'the task: due 10-12 00:00 extended by 5 working days: 10-12, 13, 14, 17, 18',
      GENERAL, '2022-09-29 10:00', [extend('2022-10-10 09:00', 5)], '2022-10-18', '2022-10-19 00:00',
    ],
    [
      'paused on 09-30, resumed on the make-up Saturday 10-08: counted anew from 10-08: 10-09 (1), 10-10 … 10-13 (5)',
      GENERAL, '2022-09-29 10:00', [pause('2022-09-30 09:00'), resume('2022-10-08 14:00')], '2022-10-13', '2022-10-14 00:00',
    ],
    [
      'simple, 3 calendar days: 09-30, 10-01, 10-02 is a holiday → first working day after, 10-08; +3 calendar days from 10-08 → 10-11',
      SIMPLE, '2022-09-29 10:00', [extend('2022-10-08 10:00', 3)], '2022-10-11', '2022-10-12 00:00',
    ],
    [
      'simple: 09-29, 09-30, 10-01 → 10-08; +1 calendar day → Sun 10-09, a make-up working day, so no roll-over',
      SIMPLE, '2022-09-28 10:00', [extend('2022-09-30 10:00', 1)], '2022-10-09', '2022-10-10 00:00',
    ],
    [
      'general across the New Year holiday: 12-30 (1), 01-03 (2) … 01-06 (5)',
      GENERAL, '2022-12-29 16:00', [], '2023-01-06', '2023-01-07 00:00',
    ],
    [
      'simple received 12-30: 12-31, 01-01, 01-02 all holiday → 01-03',
      SIMPLE, '2022-12-30 15:00', [], '2023-01-03', '2023-01-04 00:00',
    ],
    [
      'general before Spring Festival: 01-19 (1), 01-20 (2), Sat 01-28 (3), Sun 01-29 (4), 01-30 (5)',
      GENERAL, '2023-01-18 11:00', [], '2023-01-30', '2023-01-31 00:00',
    ],
    [
      'paused 01-19, resumed 01-20 17:00: 01-28 (1), 01-29 (2), 01-30 (3), 01-31 (4), 02-01 (5); +2 working days → 02-03',
      GENERAL, '2023-01-18 11:00', [pause('2023-01-19 10:00'), resume('2023-01-20 17:00'), extend('2023-01-31 09:00', 2)], '2023-02-03', '2023-02-04 00:00',
    ],
    [
      'an extension granted before a pause stays: resumed 10-10 → 10-17, then +3 → 10-18, 10-19, 10-20',
      GENERAL, '2022-09-26 09:00', [extend('2022-09-28 10:00', 3), pause('2022-09-29 10:00'), resume('2022-10-10 09:00')], '2022-10-20', '2022-10-21 00:00',
    ],
    [
      'two extensions count one after the other from the current last day: 10-11 +2 → 10-13, +1 → 10-14',
      GENERAL, '2022-09-29 10:00', [extend('2022-10-10 09:00', 2), extend('2022-10-12 09:00', 1)], '2022-10-14', '2022-10-15 00:00',
    ],
    [
      'paused and resumed twice: the last resumption (Fri 10-14 16:00) counts: 10-17 … 10-21',
      GENERAL, '2022-09-29 10:00', [pause('2022-09-30 09:00'), resume('2022-10-08 14:00'), pause('2022-10-10 09:00'), resume('2022-10-14 16:00')], '2022-10-21', '2022-10-22 00:00',
    ],
  ])('%s', (_case, rule, received, events, lastDay, due) => {
    const state = clock(rule, received, events);
    expect(state).toMatchObject({ status: 'open', dueLastDay: lastDay, pausedAt: null });
    expect(state.dueAt).toEqual(at(due));
  });

  it('reports the period it counts from and the days of extension', () => {
    const state = clock(GENERAL, '2022-09-26 09:00', [extend('2022-09-28 10:00', 3), pause('2022-09-29 10:00'), resume('2022-10-10 09:00')]);
    expect(state.countedFrom).toEqual(at('2022-10-10 09:00'));
    expect(state.extendedBy).toBe(3);
  });
});

describe('messageClock: as of an instant', () => {
  const events = [pause('2022-09-30 09:00'), resume('2022-10-08 14:00'), extend('2022-10-11 10:00', 2)];
  it.each<[string, string, string | null, string | null]>([
    ['2022-09-29 12:00', 'open', '2022-10-11', null],
    ['2022-09-30 08:59', 'open', '2022-10-11', null],
    ['2022-09-30 09:00', 'paused', null, '2022-09-30 09:00'],
    ['2022-10-05 12:00', 'paused', null, '2022-09-30 09:00'],
    ['2022-10-08 14:00', 'open', '2022-10-13', null],
    ['2022-10-11 10:00', 'open', '2022-10-17', null],
  ])('as of %s: %s, last day %s', (asOf, status, lastDay, pausedAt) => {
    const state = clock(GENERAL, '2022-09-29 10:00', events, asOf);
    expect(state.status).toBe(status);
    expect(state.dueLastDay).toBe(lastDay);
    expect(state.dueAt).toEqual(lastDay === null ? null : startOfLocalDay(fromEpochDay(toEpochDay(lastDay) + 1), SHANGHAI));
    expect(state.pausedAt).toEqual(pausedAt === null ? null : at(pausedAt));
  });

  it('checks the whole history even as of an instant before a bad event', () => {
    const error = thrown(() => clock(GENERAL, '2022-09-29 10:00', [pause('2022-09-30 09:00'), pause('2022-10-08 09:00')], '2022-09-29 12:00'));
    expect(error.code).toBe('MESSAGE_ALREADY_PAUSED');
  });
});

describe('messageClock: impossible histories', () => {
  it.each<[string, MessageRule, MessageClockEvent[], string, number, RegExp]>([
    ['a resume without a pause', GENERAL, [resume('2022-09-30 09:00')], 'MESSAGE_NOT_PAUSED', 0, /留言没有暂停计时，不能恢复计时/],
    ['a second resume', GENERAL, [pause('2022-09-30 09:00'), resume('2022-10-08 09:00'), resume('2022-10-09 09:00')], 'MESSAGE_NOT_PAUSED', 2, /不能恢复计时/],
    ['a pause while paused', GENERAL, [pause('2022-09-30 09:00'), pause('2022-10-08 09:00')], 'MESSAGE_ALREADY_PAUSED', 1, /已于 2022年9月30日 09:00 暂停计时，不能再次暂停/],
    ['a pause before the receipt', GENERAL, [pause('2022-09-29 09:59')], 'MESSAGE_EVENT_BEFORE_RECEIPT', 0, /暂停计时时间（at）2022年9月29日 09:59 早于留言收到时间 2022年9月29日 10:00/],
    ['an extension before the receipt', GENERAL, [extend('2022-09-28 10:00', 1)], 'MESSAGE_EVENT_BEFORE_RECEIPT', 0, /延期时间（at）/],
    ['events out of order', GENERAL, [pause('2022-10-08 09:00'), resume('2022-09-30 09:00')], 'MESSAGE_EVENT_OUT_OF_ORDER', 1, /早于上一次操作（暂停计时，2022年10月8日 09:00）/],
    ['an extension while paused', GENERAL, [pause('2022-09-30 09:00'), extend('2022-10-08 09:00', 2)], 'MESSAGE_EXTEND_WHILE_PAUSED', 1, /恢复计时后才能延期/],
    ['a pause at the due time', GENERAL, [pause('2022-10-12 00:00')], 'MESSAGE_PAST_DUE', 0, /答复期限已于 2022年10月11日 24:00 届满，不能再暂停计时/],
    ['an extension after the due time', SIMPLE, [extend('2022-10-09 08:00', 2)], 'MESSAGE_PAST_DUE', 0, /2022年10月8日 24:00 届满，不能再延期/],
    ['an extension of 0 days', GENERAL, [extend('2022-09-30 09:00', 0)], 'MESSAGE_EVENT_INVALID', 0, /延期天数（days）必须是正整数/],
    ['an extension of 1.5 days', GENERAL, [extend('2022-09-30 09:00', 1.5)], 'MESSAGE_EVENT_INVALID', 0, /延期天数（days）必须是正整数/],
    ['a pause without a reason', GENERAL, [pause('2022-09-30 09:00', '  ')], 'MESSAGE_EVENT_INVALID', 0, /暂停计时原因（reason）不能为空/],
    ['an extension without a reason', GENERAL, [extend('2022-09-30 09:00', 2, '')], 'MESSAGE_EVENT_INVALID', 0, /延期原因（reason）不能为空/],
    ['an unknown action', GENERAL, [{ action: 'stop', at: at('2022-09-30 09:00') } as unknown as MessageClockEvent], 'MESSAGE_EVENT_INVALID', 0, /操作（action）必须是以下之一：pause（暂停计时）、resume（恢复计时）、extend（延期）/],
    ['an invalid instant', GENERAL, [{ action: 'resume', at: new Date(NaN) }], 'MESSAGE_EVENT_INVALID', 0, /恢复计时时间（at）必须是有效的时刻/],
  ])('refuses %s', (_case, rule, events, code, index, message) => {
    const error = thrown(() => clock(rule, '2022-09-29 10:00', events));
    expect(error.code).toBe(code);
    expect(error.eventIndex).toBe(index);
    expect(error.message).toMatch(message);
  });

  it('maps every refusal to a 400 or a 409', () => {
    expect(thrown(() => clock(GENERAL, '2022-09-29 10:00', [resume('2022-09-30 09:00')])).status).toBe(409);
    expect(thrown(() => clock(GENERAL, '2022-09-29 10:00', [pause('2022-09-28 09:00')])).status).toBe(400);
  });

  it('accepts a pause one minute before the due time, and events at the receipt instant', () => {
    expect(clock(GENERAL, '2022-09-29 10:00', [pause('2022-10-11 23:59')]).status).toBe('paused');
    expect(clock(GENERAL, '2022-09-29 10:00', [pause('2022-09-29 10:00'), resume('2022-09-29 10:00')]).dueLastDay).toBe('2022-10-11');
  });
});

// A naive model of the same rules, day by day over a working-day set built straight from the
// notices (not through WorkingCalendar), and histories generated to be valid under it.
const workingDays = new Set<string>();
for (const [year, notice] of Object.entries(HOLIDAY_YEARS)) {
  const holidays = new Set(notice.holidays.map((h) => h.date));
  for (let d = toEpochDay(`${year}-01-01`); d <= toEpochDay(`${year}-12-31`); d++) {
    const date = fromEpochDay(d);
    if (notice.makeupWorkdays.includes(date) || (isoWeekday(date) <= 5 && !holidays.has(date))) workingDays.add(date);
  }
}

function naiveAdd(rule: MessageRule, from: string, days: number): string {
  let d = toEpochDay(from);
  if (rule.count === 'working') {
    for (let counted = 0; counted < days; ) if (workingDays.has(fromEpochDay(++d))) counted++;
  } else {
    d += days;
    while (!workingDays.has(fromEpochDay(d))) d++;
  }
  return fromEpochDay(d);
}

interface Step {
  pauseOrExtend: boolean;
  fraction: number;
  days: number;
  pausedHours: number;
}

/** Turns random steps into a valid history, with the naive model's last day after each event. */
function history(rule: MessageRule, receivedAt: Date, steps: Step[]) {
  const events: MessageClockEvent[] = [];
  const extensions: number[] = [];
  const lastDayFrom = (from: Date) => extensions.reduce((day, n) => naiveAdd(rule, day, n), naiveAdd(rule, localDateOf(from, SHANGHAI), rule.days));
  let lastDay: string | null = lastDayFrom(receivedAt);
  let previous = receivedAt;
  const lastDays: (string | null)[] = [];
  for (const step of steps) {
    if (lastDay === null) {
      const when = new Date(previous.getTime() + step.pausedHours * 3_600_000);
      events.push({ action: 'resume', at: when });
      lastDay = lastDayFrom(when);
      previous = when;
    } else {
      const due = startOfLocalDay(fromEpochDay(toEpochDay(lastDay) + 1), SHANGHAI).getTime();
      const when = new Date(previous.getTime() + Math.floor((due - 1 - previous.getTime()) * step.fraction));
      if (step.pauseOrExtend) {
        events.push({ action: 'pause', at: when, reason: '补充材料' });
        lastDay = null;
      } else {
        events.push({ action: 'extend', at: when, days: step.days, reason: '延期' });
        extensions.push(step.days);
        lastDay = naiveAdd(rule, lastDay, step.days);
      }
      previous = when;
    }
    lastDays.push(lastDay);
  }
  return { events, lastDays, extensions };
}

describe('messageClock: properties', () => {
  const rule = fc.record({ days: fc.integer({ min: 1, max: 10 }), count: fc.constantFrom('working' as const, 'calendar' as const) });
  const received = fc.integer({ min: at('2019-01-01 00:00').getTime(), max: at('2025-06-30 00:00').getTime() }).map((ms) => new Date(ms));
  const steps = fc.array(
    fc.record({
      pauseOrExtend: fc.boolean(),
      fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      days: fc.integer({ min: 1, max: 10 }),
      pausedHours: fc.integer({ min: 0, max: 24 * 20 }),
    }),
    { maxLength: 6 },
  );
  const run = (r: MessageRule, receivedAt: Date, events: MessageClockEvent[], asOf = at('2030-01-01 00:00')) =>
    messageClock(calendar, { rule: r, receivedAt, events, timeZone: SHANGHAI } satisfies MessageClockInput, asOf);

  it('agrees with the naive day-by-day model after every event', () => {
    fc.assert(
      fc.property(rule, received, steps, (r, receivedAt, s) => {
        const { events, lastDays } = history(r, receivedAt, s);
        events.forEach((event) => {
          const state = run(r, receivedAt, events, event.at);
          // Several events may share an instant; as of it, all of them have happened.
          const lastAtSameInstant = events.findLastIndex((e) => e.at.getTime() === event.at.getTime());
          expect(state.dueLastDay).toBe(lastDays[lastAtSameInstant]);
          expect(state.status).toBe(lastDays[lastAtSameInstant] === null ? 'paused' : 'open');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('never brings the due time forward: each event leaves it later or unchanged, and a pause only delays', () => {
    fc.assert(
      fc.property(rule, received, steps, (r, receivedAt, s) => {
        const { events, extensions } = history(r, receivedAt, s);
        let due = run(r, receivedAt, []).dueAt!.getTime();
        for (const event of events) {
          const state = run(r, receivedAt, events, event.at);
          if (state.dueAt === null) continue;
          expect(state.dueAt.getTime()).toBeGreaterThanOrEqual(due);
          due = state.dueAt.getTime();
        }
        // The same extensions without any pause end no later than the history with its pauses.
        const final = run(r, receivedAt, events);
        if (final.dueAt !== null) {
          const withoutPauses = extensions.reduce((day, n) => naiveAdd(r, day, n), naiveAdd(r, localDateOf(receivedAt, SHANGHAI), r.days));
          expect(final.dueLastDay! >= withoutPauses).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a pause and a resumption at the same instant restart the period there, and change nothing on the day of receipt', () => {
    fc.assert(
      fc.property(rule, received, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (r, receivedAt, fraction) => {
        const untouched = run(r, receivedAt, []);
        const span = untouched.dueAt!.getTime() - 1 - receivedAt.getTime();
        const instant = new Date(receivedAt.getTime() + Math.floor(span * fraction));
        const restarted = run(r, receivedAt, [
          { action: 'pause', at: instant, reason: '补充材料' },
          { action: 'resume', at: instant },
        ]);
        expect(restarted.dueLastDay).toBe(run(r, instant, []).dueLastDay);
        if (localDateOf(instant, SHANGHAI) === localDateOf(receivedAt, SHANGHAI)) expect(restarted).toEqual({ ...untouched, countedFrom: instant });
      }),
      { numRuns: 1000 },
    );
  });

  it('the last day is always a working day', () => {
    fc.assert(
      fc.property(rule, received, steps, (r, receivedAt, s) => {
        const final = run(r, receivedAt, history(r, receivedAt, s).events);
        if (final.dueLastDay !== null) expect(workingDays.has(final.dueLastDay)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
