import fc from 'fast-check';
import {
  addDays,
  addMonths,
  compareLocalDates,
  fromEpochDay,
  isLocalDate,
  isoWeekday,
  localDateOf,
  mondayOf,
  parseInstant,
  startOfLocalDay,
  toEpochDay,
} from './local-date';

const SHANGHAI = 'Asia/Shanghai';

describe('isLocalDate', () => {
  it.each(['2022-09-29', '2024-02-29', '2000-02-29', '1970-01-01', '2026-12-31'])('accepts %s', (s) => {
    expect(isLocalDate(s)).toBe(true);
  });

  it.each([
    ['2022-13-45', 'month 13'],
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2022-04-31', 'April has 30 days'],
    ['2022-00-10', 'month 0'],
    ['2022-01-00', 'day 0'],
    ['2022-9-29', 'no zero padding'],
    ['2022-09-29T00:00', 'has a time'],
    ['20220929', 'no dashes'],
    ['', 'empty'],
    [null, 'not a string'],
  ])('rejects %p (%s)', (s, _why) => {
    expect(isLocalDate(s)).toBe(false);
  });
});

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2022-09-29', 19264],
  ])('%s is epoch day %d', (date, n) => {
    expect(toEpochDay(date)).toBe(n);
    expect(fromEpochDay(n)).toBe(date);
  });

  it('agrees with Date.UTC and round-trips for every day in 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2100-12-31') }), (n) => {
        const date = fromEpochDay(n);
        expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(toEpochDay(date)).toBe(n);
      }),
    );
  });

  it('throws on a date that does not exist', () => {
    expect(() => toEpochDay('2023-02-29')).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2022-12-31', 1, '2023-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2023-01-01', -1, '2022-12-31'],
    ['2022-09-29', 0, '2022-09-29'],
  ])('addDays(%s, %d) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2022-09-26', 1],
    ['2022-10-01', 6],
    ['2022-10-02', 7],
    ['1970-01-01', 4],
  ])('isoWeekday(%s) = %d', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    ['2022-10-02', '2022-09-26'],
    ['2022-09-26', '2022-09-26'],
    ['2023-01-01', '2022-12-26'],
  ])('mondayOf(%s) = %s', (date, monday) => {
    expect(mondayOf(date)).toBe(monday);
  });

  it('compares dates', () => {
    expect(compareLocalDates('2022-09-29', '2022-10-01')).toBe(-1);
    expect(compareLocalDates('2022-10-01', '2022-10-01')).toBe(0);
    expect(compareLocalDates('2023-01-01', '2022-12-31')).toBe(1);
  });
});

describe('addMonths (Civil Code art. 202)', () => {
  it.each([
    ['2022-02-28', 6, '2022-08-28', 'the same day six months later'],
    ['2022-03-31', 6, '2022-09-30', 'September has no 31st: its last day'],
    ['2022-08-31', 6, '2023-02-28', 'February of a common year'],
    ['2023-08-31', 6, '2024-02-29', 'February of a leap year'],
    ['2023-08-29', 6, '2024-02-29', 'the 29th exists in a leap February'],
    ['2022-08-29', 6, '2023-02-28', 'but not in a common one'],
    ['2022-07-15', 6, '2023-01-15', 'across a year end'],
    ['2022-12-31', 1, '2023-01-31', 'one month across a year end'],
    ['2022-09-29', 0, '2022-09-29', 'zero months'],
    ['2022-03-31', -1, '2022-02-28', 'backwards, clamped too'],
    ['2023-01-15', -12, '2022-01-15', 'a year back'],
    ['2022-01-31', 25, '2024-02-29', 'more than two years ahead'],
  ])('addMonths(%s, %d) = %s (%s)', (date, n, expected, _why) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('throws on a date that does not exist or a fractional month', () => {
    expect(() => addMonths('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addMonths('2022-09-29', 1.5)).toThrow(RangeError);
  });

  // The naive version: step one month at a time through UTC Dates set to the 1st (so no
  // overflow can happen), then clamp the day to the length of the month reached.
  function naiveAddMonths(date: string, n: number): string {
    const first = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, 1));
    for (let i = 0; i < Math.abs(n); i++) first.setUTCMonth(first.getUTCMonth() + Math.sign(n));
    const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    first.setUTCDate(Math.min(Number(date.slice(8, 10)), lastDay));
    return first.toISOString().slice(0, 10);
  }

  const days = fc.integer({ min: toEpochDay('1950-01-01'), max: toEpochDay('2150-12-31') }).map(fromEpochDay);

  it('agrees with month-by-month stepping and clamping', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -60, max: 60 }), (date, n) => {
        expect(addMonths(date, n)).toBe(naiveAddMonths(date, n));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the order of dates (a later start never ends earlier)', () => {
    fc.assert(
      fc.property(days, days, fc.integer({ min: 0, max: 24 }), (a, b, n) => {
        const [x, y] = compareLocalDates(a, b) <= 0 ? [a, b] : [b, a];
        expect(compareLocalDates(addMonths(x, n), addMonths(y, n))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('two steps never go past one step of the sum, and are equal up to the 28th', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 24 }), (date, a, b) => {
        const twoSteps = addMonths(addMonths(date, a), b);
        expect(compareLocalDates(twoSteps, addMonths(date, a + b))).toBeLessThanOrEqual(0);
        if (Number(date.slice(8, 10)) <= 28) {
          expect(twoSteps).toBe(addMonths(date, a + b));
          expect(addMonths(addMonths(date, a), -a)).toBe(date);
        }
      }),
    );
  });
});

describe('local day boundaries in Asia/Shanghai', () => {
  it.each([
    ['2022-09-29T15:30:00Z', '2022-09-29'], // 23:30 local
    ['2022-09-29T16:10:00Z', '2022-09-30'], // 00:10 local next day
    ['2022-09-29T15:59:59.999Z', '2022-09-29'],
    ['2022-09-29T16:00:00Z', '2022-09-30'],
  ])('%s falls on local date %s', (iso, date) => {
    expect(localDateOf(new Date(iso), SHANGHAI)).toBe(date);
  });

  it('the local day starts at 16:00Z the day before', () => {
    expect(startOfLocalDay('2022-10-12', SHANGHAI).toISOString()).toBe('2022-10-11T16:00:00.000Z');
  });
});

describe('zones with daylight saving time', () => {
  it.each([
    // London springs forward at 01:00 UTC; midnight still exists (GMT).
    ['2022-03-27', 'Europe/London', '2022-03-27T00:00:00.000Z'],
    // London summer time: midnight is 23:00Z the day before.
    ['2022-07-01', 'Europe/London', '2022-06-30T23:00:00.000Z'],
    // New York: EST in January, EDT in July.
    ['2022-01-15', 'America/New_York', '2022-01-15T05:00:00.000Z'],
    ['2022-07-15', 'America/New_York', '2022-07-15T04:00:00.000Z'],
    // Santiago springs forward at 00:00 local: there is no midnight, the day begins at 01:00 (-03).
    ['2022-09-11', 'America/Santiago', '2022-09-11T04:00:00.000Z'],
    // Santiago falls back at 00:00 (-03) to 23:00 the day before; the day begins at 00:00 (-04).
    ['2022-04-03', 'America/Santiago', '2022-04-03T04:00:00.000Z'],
  ])('%s in %s begins at %s', (date, zone, iso) => {
    const start = startOfLocalDay(date, zone);
    expect(start.toISOString()).toBe(iso);
    expect(localDateOf(start, zone)).toBe(date);
    expect(localDateOf(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
  });

  it('localDateOf agrees with Intl for random instants in several zones', () => {
    const zones = [SHANGHAI, 'Europe/London', 'America/New_York', 'America/Santiago', 'Asia/Kolkata'];
    const formats = new Map(zones.map((z) => [z, new Intl.DateTimeFormat('en-CA', { timeZone: z })]));
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 11, 31) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          expect(localDateOf(new Date(ms), zone)).toBe(formats.get(zone)!.format(ms));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('localDateOf(startOfLocalDay(d)) = d, and the millisecond before is the previous day', () => {
    const zones = [SHANGHAI, 'Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('2015-01-01'), max: toEpochDay('2030-12-31') }),
        fc.constantFrom(...zones),
        (n, zone) => {
          const date = fromEpochDay(n);
          const start = startOfLocalDay(date, zone);
          expect(localDateOf(start, zone)).toBe(date);
          expect(localDateOf(new Date(start.getTime() - 1), zone)).toBe(fromEpochDay(n - 1));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseInstant', () => {
  it.each([
    ['2022-09-29T10:00', '2022-09-29T02:00:00.000Z'],
    ['2022-09-29 10:00:00', '2022-09-29T02:00:00.000Z'],
    ['2022-09-29T10:00:00.250', '2022-09-29T02:00:00.250Z'],
    ['2022-09-29', '2022-09-28T16:00:00.000Z'],
    ['2022-09-29T10:00:00Z', '2022-09-29T10:00:00.000Z'],
    ['2022-09-29T10:00:00+08:00', '2022-09-29T02:00:00.000Z'],
    ['2022-09-29T10:00:00-0530', '2022-09-29T15:30:00.000Z'],
    ['2022-09-29T10:00+09', '2022-09-29T01:00:00.000Z'],
  ])('reads %s in Asia/Shanghai as %s', (s, iso) => {
    expect(parseInstant(s, SHANGHAI)?.toISOString()).toBe(iso);
  });

  it('reads wall time in a DST zone with the offset in force then', () => {
    expect(parseInstant('2022-07-01T12:00', 'Europe/London')?.toISOString()).toBe('2022-07-01T11:00:00.000Z');
    // 01:30 on 2022-10-30 happens twice in London; the earlier (BST) one is taken.
    expect(parseInstant('2022-10-30T01:30', 'Europe/London')?.toISOString()).toBe('2022-10-30T00:30:00.000Z');
    // 01:30 on 2022-03-27 never happens in London; it is read as 02:30 BST.
    expect(parseInstant('2022-03-27T01:30', 'Europe/London')?.toISOString()).toBe('2022-03-27T01:30:00.000Z');
  });

  it.each([
    'garbage',
    '',
    '2022-13-01T10:00',
    '2023-02-29T10:00',
    '2022-09-29T24:00',
    '2022-09-29T10:60',
    '2022-09-29T10:00+25:00',
    '2022-09-29T10',
    '29/09/2022 10:00',
  ])('returns null for %p', (s) => {
    expect(parseInstant(s, SHANGHAI)).toBeNull();
  });
});
