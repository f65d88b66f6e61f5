import fc from 'fast-check';
import { HOLIDAY_YEARS } from '../calendar/holiday-data';
import { fromEpochDay, isoWeekday, parseInstant, startOfLocalDay, toEpochDay } from '../common/time/local-date';
import { buildYearDays, WorkingCalendar } from '../calendar/working-days';
import { OutcomeCode } from './annual-table';
import { ApplicationEvent, applicationClock, Consultation, mergeIntervals, replyLastDay } from './application-clock';
import { DeadlineError } from './deadlines.errors';

const SHANGHAI = 'Asia/Shanghai';
const calendar = new WorkingCalendar(
  Object.entries(HOLIDAY_YEARS).flatMap(([year, notice]) => buildYearDays(Number(year), notice.holidays, notice.makeupWorkdays)),
);

function at(local: string): Date {
  const instant = parseInstant(local, SHANGHAI);
  if (instant === null) throw new Error(`bad instant ${local}`);
  return instant;
}

const correctionRequested = (when: string): ApplicationEvent => ({ action: 'correction_requested', at: at(when) });
const correctionReceived = (on: string): ApplicationEvent => ({ action: 'correction_received', on });
const extension = (when: string, workingDays: number, approvedBy = '市政府办公室政务公开科 李科长'): ApplicationEvent => ({
  action: 'extension',
  workingDays,
  approvedBy,
  at: at(when),
});
const reply = (on: string, outcome: OutcomeCode = 'public'): ApplicationEvent => ({ action: 'reply', on, outcome });

function clock(receivedOn: string, events: ApplicationEvent[], consultations: Consultation[] = [], asOf = '2030-01-01 00:00') {
  return applicationClock(calendar, { receivedOn, events, consultations, timeZone: SHANGHAI }, at(asOf));
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

// Counted by hand on the notices: 2022 National Day 10-01…10-07 off, Sat 10-08 and Sun 10-09
// worked; New Year 2022-12-31…2023-01-02 off; Spring Festival 2023-01-21…01-27 off, Sat 01-28
// and Sun 01-29 worked.
//
// Received Tue 2022-09-20: 09-21 (1), 22, 23, 26, 27, 28, 29 (7), 30 (8); 10-08 (9), 10-09 (10),
// 10-10 (11) … 10-14 (15), 10-17 (16) … 10-21 (20).
describe('applicationClock: worked examples', () => {
  it('20 working days across National Day; a correction request is due within 7 (09-29)', () => {
    const state = clock('2022-09-20', []);
    expect(state).toMatchObject({
      status: 'open',
      receivedOn: '2022-09-20',
      countedFrom: '2022-09-20',
      dueLastDay: '2022-10-21',
      correctionDueLastDay: '2022-09-29',
      correctionRequestedAt: null,
      correctionRequestLate: false,
      extendedBy: 0,
      consultations: [],
      consultationWorkingDays: 0,
      repliedOn: null,
      outcome: null,
      late: null,
    });
    expect(state.dueAt).toEqual(at('2022-10-22 00:00'));
  });

  it.each<[string, string, ApplicationEvent[], Consultation[], string, string, Partial<ReturnType<typeof clock>>]>([
    [
      'a correction requested on the 8th working day (late) and received 10-10: 10-11 (1) … 10-14 (4), 10-17 … 10-21 (9), 10-24 … 10-28 (14), 10-31 (15), 11-01 … 11-04 (19), 11-07 (20)',
      '2022-09-20', [correctionRequested('2022-09-30 10:00'), correctionReceived('2022-10-10')], [], '2022-11-07', '2022-11-08 00:00',
      { countedFrom: '2022-10-10', correctionRequestLate: true, correctionReceivedOn: '2022-10-10' },
    ],
    [
      'a correction requested on the 7th working day is on time',
      '2022-09-20', [correctionRequested('2022-09-29 17:00'), correctionReceived('2022-10-10')], [], '2022-11-07', '2022-11-08 00:00',
      { correctionRequestLate: false },
    ],
    [
      'received Tue 2022-12-20 → 2023-01-18 (20: 12-21 … 12-30 are 8, 01-03 … 01-18 are 12); +10 working days: 01-19, 01-20, Sat 01-28, Sun 01-29, 01-30 … 02-03, 02-06',
      '2022-12-20', [extension('2023-01-10 09:00', 10)], [], '2023-02-06', '2023-02-07 00:00',
      { extendedBy: 10, consultationWorkingDays: 0 },
    ],
    [
      'a consultation 10-10 … 10-12 takes 3 working days out: 10-21 → 10-26',
      '2022-09-20', [], [{ from: '2022-10-10', to: '2022-10-12' }], '2022-10-26', '2022-10-27 00:00',
      { consultationWorkingDays: 3 },
    ],
    [
      'a consultation across the holiday, 09-29 … 10-09, takes 09-29, 09-30, 10-08, 10-09: 10-21 → 10-27',
      '2022-09-20', [], [{ from: '2022-09-29', to: '2022-10-09' }], '2022-10-27', '2022-10-28 00:00',
      { consultationWorkingDays: 4 },
    ],
    [
      'two overlapping consultations take the days of their union once: 10-10 … 10-14 → 10-28',
      '2022-09-20', [], [{ from: '2022-10-11', to: '2022-10-14' }, { from: '2022-10-10', to: '2022-10-12' }], '2022-10-28', '2022-10-29 00:00',
      { consultationWorkingDays: 5 },
    ],
    [
      'a consultation across the due day 10-20 … 10-25: 10-19 is the 18th day; 10-26 (19), 10-27 (20)',
      '2022-09-20', [], [{ from: '2022-10-20', to: '2022-10-25' }], '2022-10-27', '2022-10-28 00:00',
      { consultationWorkingDays: 4 },
    ],
    [
      'a consultation after the due day moves nothing',
      '2022-09-20', [], [{ from: '2022-10-24', to: '2022-10-25' }], '2022-10-21', '2022-10-22 00:00',
      { consultationWorkingDays: 0 },
    ],
    [
      'a consultation while awaiting correction is not in the period counted from the corrected application',
      '2022-09-20', [correctionRequested('2022-09-22 10:00'), correctionReceived('2022-10-10')], [{ from: '2022-09-26', to: '2022-09-28' }], '2022-11-07', '2022-11-08 00:00',
      { consultationWorkingDays: 0 },
    ],
    [
      'correction, extension and consultation together: from 10-10, 20 + 5 working days with 11-01 … 11-02 out: 11-07 +5 → 11-14, +2 → 11-16',
      '2022-09-20',
      [correctionRequested('2022-09-22 10:00'), correctionReceived('2022-10-10'), extension('2022-10-20 09:00', 5)],
      [{ from: '2022-11-01', to: '2022-11-02' }],
      '2022-11-16', '2022-11-17 00:00',
      { extendedBy: 5, consultationWorkingDays: 2 },
    ],
  ])('%s', (_case, receivedOn, events, consultations, lastDay, due, more) => {
    const state = clock(receivedOn, events, consultations);
    expect(state).toMatchObject({ status: 'open', dueLastDay: lastDay, overdue: true, ...more });
    expect(state.dueAt).toEqual(at(due));
  });

  it.each<[string, ApplicationEvent[], Partial<ReturnType<typeof clock>>]>([
    ['a reply on the last day is on time', [reply('2022-10-21')], { status: 'replied', repliedOn: '2022-10-21', outcome: 'public', late: false, overdue: false }],
    ['a reply the next working day is late', [reply('2022-10-24', 'withheld_4')], { status: 'replied', outcome: 'withheld_4', late: true, overdue: false }],
    [
      'closing an application whose applicant never corrected it is not late: nothing was due',
      [correctionRequested('2022-09-22 10:00'), reply('2022-12-01', 'other_1')],
      { status: 'replied', dueAt: null, dueLastDay: null, late: false, outcome: 'other_1' },
    ],
  ])('%s', (_case, events, expected) => {
    expect(clock('2022-09-20', events)).toMatchObject(expected);
  });

  it('keeps who approved the extension', () => {
    expect(clock('2022-12-20', [extension('2023-01-10 09:00', 10, '  王主任 ')]).extension).toEqual({ workingDays: 10, approvedBy: '王主任', at: at('2023-01-10 09:00') });
  });
});

describe('applicationClock: as of an instant', () => {
  const events = [correctionRequested('2022-09-30 10:00'), correctionReceived('2022-10-10'), extension('2022-10-20 09:00', 5), reply('2022-11-10', 'partial')];
  const consultations = [{ from: '2022-11-01', to: '2022-11-02' }];
  it.each<[string, string, string | null, boolean, number]>([
    ['2022-09-30 09:59', 'open', '2022-10-21', false, 0],
    ['2022-09-30 10:00', 'awaiting_correction', null, false, 0],
    ['2022-10-09 23:59', 'awaiting_correction', null, false, 0],
    ['2022-10-10 00:00', 'open', '2022-11-07', false, 0],
    ['2022-10-20 09:00', 'open', '2022-11-14', false, 5],
    ['2022-11-01 00:00', 'open', '2022-11-16', false, 5],
    ['2022-11-10 08:00', 'replied', '2022-11-16', false, 5],
  ])('as of %s: %s, last day %s', (asOf, status, lastDay, overdue, extendedBy) => {
    const state = clock('2022-09-20', events, consultations, asOf);
    expect(state).toMatchObject({ status, dueLastDay: lastDay, overdue, extendedBy });
    expect(state.dueAt).toEqual(lastDay === null ? null : startOfLocalDay(fromEpochDay(toEpochDay(lastDay) + 1), SHANGHAI));
  });

  it('is overdue from the due instant on', () => {
    expect(clock('2022-09-20', [], [], '2022-10-21 23:59').overdue).toBe(false);
    expect(clock('2022-09-20', [], [], '2022-10-22 00:00').overdue).toBe(true);
  });

  it('knows only the consultations begun by then', () => {
    expect(clock('2022-09-20', [], [{ from: '2022-10-10', to: '2022-10-12' }], '2022-10-09 12:00')).toMatchObject({ dueLastDay: '2022-10-21', consultations: [] });
    expect(clock('2022-09-20', [], [{ from: '2022-10-10', to: '2022-10-12' }], '2022-10-10 08:00')).toMatchObject({
      dueLastDay: '2022-10-26',
      consultations: [{ from: '2022-10-10', to: '2022-10-12' }],
    });
  });
});

describe('applicationClock: refusals', () => {
  it.each<[string, ApplicationEvent[], Consultation[], string, number | undefined, RegExp]>([
    ['a second extension', [extension('2022-09-26 09:00', 5), extension('2022-10-10 09:00', 5)], [], 'APPLICATION_SECOND_EXTENSION', 1, /已于 2022年9月26日 09:00 延长 5 个工作日；只能延长一次/],
    ['an extension of 21 working days', [extension('2022-09-26 09:00', 21)], [], 'APPLICATION_EXTENSION_TOO_LONG', 0, /最长不得超过 20 个工作日（《政府信息公开条例》第三十三条），收到 21/],
    ['an extension of 0 working days', [extension('2022-09-26 09:00', 0)], [], 'APPLICATION_EVENT_INVALID', 0, /延长的工作日数（workingDays）必须是 1 到 20 之间的整数/],
    ['an extension nobody approved', [extension('2022-09-26 09:00', 5, ' ')], [], 'APPLICATION_EVENT_INVALID', 0, /批准人（approvedBy）不能为空/],
    ['an extension while awaiting correction', [correctionRequested('2022-09-22 10:00'), extension('2022-09-26 09:00', 5)], [], 'APPLICATION_AWAITING_CORRECTION', 1, /收到补正后才能延长答复期限/],
    ['an extension at the due time', [extension('2022-10-22 00:00', 5)], [], 'APPLICATION_PAST_DUE', 0, /答复期限已于 2022年10月21日 24:00 届满，不能再延长答复期限/],
    ['a correction request after the due time', [correctionRequested('2022-10-24 09:00')], [], 'APPLICATION_PAST_DUE', 0, /不能再要求补正/],
    ['a second correction request', [correctionRequested('2022-09-22 10:00'), correctionReceived('2022-09-26'), correctionRequested('2022-09-27 10:00')], [], 'APPLICATION_CORRECTION_ALREADY_REQUESTED', 2, /补正须一次性告知（《政府信息公开条例》第三十条）/],
    ['a correction received without a request', [correctionReceived('2022-09-26')], [], 'APPLICATION_NOT_AWAITING_CORRECTION', 0, /没有要求过补正/],
    ['a correction received twice', [correctionRequested('2022-09-22 10:00'), correctionReceived('2022-09-26'), correctionReceived('2022-09-27')], [], 'APPLICATION_NOT_AWAITING_CORRECTION', 2, /已于 2022年9月26日 收到补正/],
    ['a reply before receipt', [reply('2022-09-19')], [], 'APPLICATION_EVENT_BEFORE_RECEIPT', 0, /答复（2022年9月19日）早于收到申请之日 2022年9月20日/],
    ['a correction request before receipt', [correctionRequested('2022-09-19 18:00')], [], 'APPLICATION_EVENT_BEFORE_RECEIPT', 0, /要求补正（2022年9月19日 18:00）早于收到申请之日/],
    ['an unknown outcome', [{ action: 'reply', on: '2022-10-10', outcome: 'refused' as OutcomeCode }], [], 'APPLICATION_OUTCOME_UNKNOWN', 0, /办理结果（outcome）必须是年度报告表“三、本年度办理结果”中的一项：public、partial、withheld_1、/],
    ['an event after the reply', [reply('2022-10-10'), extension('2022-10-11 09:00', 5)], [], 'APPLICATION_ALREADY_REPLIED', 1, /申请已于 2022年10月10日 答复，不能再延长答复期限/],
    ['a second reply', [reply('2022-10-10'), reply('2022-10-11')], [], 'APPLICATION_ALREADY_REPLIED', 1, /不能再答复/],
    ['events out of order', [correctionRequested('2022-09-26 10:00'), correctionReceived('2022-09-23')], [], 'APPLICATION_EVENT_OUT_OF_ORDER', 1, /收到补正（2022年9月23日）早于上一项办理（要求补正，2022年9月26日 10:00）/],
    ['instants out of order on one day', [extension('2022-09-26 10:00', 3), correctionRequested('2022-09-26 09:00')], [], 'APPLICATION_EVENT_OUT_OF_ORDER', 1, /早于上一项办理/],
    ['a date that does not exist', [reply('2022-09-31')], [], 'APPLICATION_EVENT_INVALID', 0, /答复日期（on）必须是 YYYY-MM-DD 格式的真实日期/],
    ['an unknown action', [{ action: 'withdrawn', on: '2022-09-26' } as unknown as ApplicationEvent], [], 'APPLICATION_EVENT_INVALID', 0, /办理事项（action）必须是以下之一：correction_requested（要求补正）/],
    ['a consultation that ends before it begins', [], [{ from: '2022-10-12', to: '2022-10-10' }], 'APPLICATION_CONSULTATION_INVALID', undefined, /征求意见（consultations\[0\]）：结束日期（to）2022年10月10日 早于开始日期（from）2022年10月12日/],
    ['a consultation before receipt', [], [{ from: '2022-09-19', to: '2022-09-22' }], 'APPLICATION_CONSULTATION_INVALID', undefined, /早于收到申请之日/],
    ['a consultation begun after the reply', [reply('2022-10-10')], [{ from: '2022-10-11', to: '2022-10-12' }], 'APPLICATION_CONSULTATION_INVALID', undefined, /晚于答复日期/],
    ['a consultation without real dates', [], [{ from: '2022-10-10', to: '10/12' }], 'APPLICATION_CONSULTATION_INVALID', undefined, /结束日期（to）必须是 YYYY-MM-DD/],
  ])('refuses %s', (_case, events, consultations, code, index, message) => {
    const error = thrown(() => clock('2022-09-20', events, consultations));
    expect(error.code).toBe(code);
    expect(error.eventIndex).toBe(index);
    expect(error.message).toMatch(message);
  });

  it('answers 400 for bad input and 409 for a state that refuses the action', () => {
    expect(thrown(() => clock('2022-09-20', [extension('2022-09-26 09:00', 5), extension('2022-10-10 09:00', 5)])).status).toBe(400);
    expect(thrown(() => clock('2022-09-20', [extension('2022-09-26 09:00', 21)])).status).toBe(400);
    expect(thrown(() => clock('2022-09-20', [reply('2022-09-19')])).status).toBe(400);
    expect(thrown(() => clock('2022-09-20', [reply('2022-10-10'), reply('2022-10-11')])).status).toBe(409);
    expect(thrown(() => clock('2022-09-20', [correctionReceived('2022-09-26')])).status).toBe(409);
  });

  it('accepts 20 working days, a reply on the day of receipt and events on it', () => {
    expect(clock('2022-09-20', [extension('2022-09-20 18:00', 20)]).dueLastDay).toBe(calendar.addWorkingDays('2022-09-20', 40));
    expect(clock('2022-09-20', [reply('2022-09-20')]).late).toBe(false);
  });
});

// The naive reading: walk day by day from the day the period counts from (not counted) and count
// the working days that no consultation covers, over a working-day set built straight from the
// notices.
const workingDays = new Set<string>();
for (const [year, notice] of Object.entries(HOLIDAY_YEARS)) {
  const holidays = new Set(notice.holidays.map((h) => h.date));
  for (let d = toEpochDay(`${year}-01-01`); d <= toEpochDay(`${year}-12-31`); d++) {
    const date = fromEpochDay(d);
    if (notice.makeupWorkdays.includes(date) || (isoWeekday(date) <= 5 && !holidays.has(date))) workingDays.add(date);
  }
}

function naiveLastDay(from: string, n: number, consultations: Consultation[]): string {
  const inConsultation = (date: string) => consultations.some((c) => c.from <= date && date <= c.to);
  let d = toEpochDay(from);
  for (let counted = 0; counted < n; ) {
    const date = fromEpochDay(++d);
    if (workingDays.has(date) && !inConsultation(date)) counted++;
  }
  return fromEpochDay(d);
}

describe('applicationClock: properties', () => {
  const day = fc.integer({ min: toEpochDay('2019-01-01'), max: toEpochDay('2025-12-31') }).map(fromEpochDay);
  const consultationsAfter = (from: string) =>
    fc.array(
      fc.record({ start: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 0, max: 20 }) }).map(({ start, length }) => ({
        from: fromEpochDay(toEpochDay(from) + start),
        to: fromEpochDay(toEpochDay(from) + start + length),
      })),
      { maxLength: 4 },
    );
  const received = day.chain((receivedOn) => fc.tuple(fc.constant(receivedOn), consultationsAfter(receivedOn), fc.integer({ min: 0, max: 20 })));

  it('the last day agrees with the naive walk, is a working day and lies in no consultation', () => {
    fc.assert(
      fc.property(received, ([receivedOn, consultations, extra]) => {
        const lastDay = replyLastDay(calendar, receivedOn, 20 + extra, mergeIntervals(consultations));
        expect(lastDay).toBe(naiveLastDay(receivedOn, 20 + extra, consultations));
        expect(workingDays.has(lastDay)).toBe(true);
        expect(consultations.some((c) => c.from <= lastDay && lastDay <= c.to)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a consultation never makes the reply due earlier, and takes out exactly the working days it covers in the period', () => {
    fc.assert(
      fc.property(received, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }), ([receivedOn, consultations], start, length) => {
        const before = clock(receivedOn, [], consultations);
        const from = toEpochDay(receivedOn) + start;
        const after = clock(receivedOn, [], [...consultations, { from: fromEpochDay(from), to: fromEpochDay(from + length) }]);
        expect(after.dueLastDay! >= before.dueLastDay!).toBe(true);
        expect(calendar.workingDaysBetween(receivedOn, after.dueLastDay!) - after.consultationWorkingDays).toBe(20);
      }),
      { numRuns: 1000 },
    );
  });

  it('a later corrected application, a longer extension or a correction request never makes the reply due earlier', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 19 }), (receivedOn, a, b, n) => {
        const [early, late] = [Math.min(a, b), Math.max(a, b)];
        const corrected = (days: number) =>
          clock(receivedOn, [correctionRequested(`${receivedOn} 18:00`), correctionReceived(fromEpochDay(toEpochDay(receivedOn) + days))]).dueLastDay!;
        const uncorrected = clock(receivedOn, []).dueLastDay!;
        expect(corrected(late) >= corrected(early)).toBe(true);
        expect(corrected(early) >= uncorrected).toBe(true);
        const extended = (days: number) => clock(receivedOn, [extension(`${receivedOn} 18:00`, days)]).dueLastDay!;
        expect(extended(n + 1) > extended(n)).toBe(true);
        expect(extended(n) > uncorrected).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
