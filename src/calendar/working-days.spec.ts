import fc from 'fast-check';
import { HOLIDAY_YEARS } from './holiday-data';
import { addDays, fromEpochDay, localDateOf, parseInstant, startOfLocalDay, toEpochDay } from '../common/time/local-date';
import {
  buildYearDays,
  CalendarDayRecord,
  CalendarYearMissingError,
  DayKind,
  naiveAddCalendarDays,
  naiveAddWorkingDays,
  validateYearNotice,
  WorkingCalendar,
} from './working-days';

const SHANGHAI = 'Asia/Shanghai';

function recordsFor(years: number[]): CalendarDayRecord[] {
  return years.flatMap((y) => buildYearDays(y, HOLIDAY_YEARS[y].holidays, HOLIDAY_YEARS[y].makeupWorkdays));
}

const ALL_YEARS = Object.keys(HOLIDAY_YEARS).map(Number);
const calendar = new WorkingCalendar(recordsFor(ALL_YEARS));

function instant(s: string): Date {
  const d = parseInstant(s, SHANGHAI);
  if (d === null) throw new Error(`bad instant ${s}`);
  return d;
}

describe('buildYearDays', () => {
  it('expands a year into every day, weekends and workdays filled in', () => {
    const days = buildYearDays(2024, HOLIDAY_YEARS[2024].holidays, HOLIDAY_YEARS[2024].makeupWorkdays);
    expect(days).toHaveLength(366);
    expect(days[0]).toEqual({ date: '2024-01-01', kind: 'holiday', name: '元旦' });
    expect(days.find((d) => d.date === '2024-01-06')).toEqual({ date: '2024-01-06', kind: 'weekend', name: null });
    expect(days.find((d) => d.date === '2024-01-08')).toEqual({ date: '2024-01-08', kind: 'workday', name: null });
    expect(days.find((d) => d.date === '2024-02-04')?.kind).toBe('makeup_workday');
    expect(days[365].date).toBe('2024-12-31');
  });

  it('refuses an invalid notice', () => {
    expect(() => buildYearDays(2024, [], ['2024-02-05'])).toThrow(/makeupWorkdays\[0\]/);
  });
});

describe('validateYearNotice', () => {
  it.each<[string, number, { date: string; name: string }[], string[], string[]]>([
    [
      'a make-up working day on a weekday',
      2024,
      [],
      ['2024-02-04', '2024-02-05'],
      ['makeupWorkdays[1]: 2024-02-05 is a Monday; a make-up working day must fall on a Saturday or Sunday'],
    ],
    [
      'a day that is both',
      2024,
      [{ date: '2024-02-10', name: '春节' }],
      ['2024-02-10'],
      ['makeupWorkdays[0]: 2024-02-10 is also listed as holidays[0]; a day cannot be both'],
    ],
    [
      'a date in another year',
      2024,
      [{ date: '2023-12-31', name: '元旦' }],
      ['2025-01-04'],
      [
        'holidays[0].date: 2023-12-31 is not in 2024; list each year\'s days under that year',
        'makeupWorkdays[0]: 2025-01-04 is not in 2024; list each year\'s days under that year',
      ],
    ],
    [
      'dates that do not exist',
      2023,
      [{ date: '2023-02-29', name: '春节' }],
      ['2023-13-01'],
      [
        'holidays[0].date: "2023-02-29" is not a real date in the form YYYY-MM-DD',
        'makeupWorkdays[0]: "2023-13-01" is not a real date in the form YYYY-MM-DD',
      ],
    ],
    [
      'an empty name and a duplicate',
      2024,
      [
        { date: '2024-10-01', name: '国庆节' },
        { date: '2024-10-02', name: '  ' },
        { date: '2024-10-01', name: '国庆节' },
      ],
      [],
      [
        'holidays[1].name: must not be empty; give the holiday\'s name as in the notice, e.g. 春节',
        'holidays[2].date: 2024-10-01 is already listed as holidays[0]',
      ],
    ],
    ['a year that is not a year', 24.5, [], [], ['year: 24.5 must be a whole year between 1970 and 9999']],
  ])('reports %s', (_case, year, holidays, makeup, problems) => {
    expect(validateYearNotice(year, holidays, makeup)).toEqual(problems);
  });

  it('accepts a sound notice', () => {
    expect(validateYearNotice(2022, HOLIDAY_YEARS[2022].holidays, HOLIDAY_YEARS[2022].makeupWorkdays)).toEqual([]);
  });
});

describe('DESIGN.md worked examples (received 2022-09-29 10:00 Asia/Shanghai)', () => {
  const received = instant('2022-09-29 10:00');

  it('a general message, 5 working days, is due 2022-10-12 00:00 local', () => {
    // 09-30 (1); 10-01…10-07 National Day; 10-08 Sat, 10-09 Sun make-up (2, 3); 10-10 (4); 10-11 (5).
    const { lastDay, dueAt } = calendar.deadline(received, 5, 'working', SHANGHAI);
    expect(lastDay).toBe('2022-10-11');
    expect(dueAt.toISOString()).toBe('2022-10-11T16:00:00.000Z');
    expect(dueAt).toEqual(instant('2022-10-12T00:00+08:00'));
  });

  it('a simple message, 3 calendar days, ends on the first working day after the holiday', () => {
    // 09-30, 10-01, 10-02; 10-02 is a holiday, so the period ends on 10-08 (Civil Code art. 203).
    const { lastDay, dueAt } = calendar.deadline(received, 3, 'calendar', SHANGHAI);
    expect(lastDay).toBe('2022-10-08');
    expect(dueAt).toEqual(instant('2022-10-09 00:00'));
  });

  it('the start day is the local date: 23:30 and 00:10 local start different periods', () => {
    expect(calendar.deadline(instant('2022-09-29 23:30'), 1, 'working', SHANGHAI).lastDay).toBe('2022-09-30');
    expect(calendar.deadline(instant('2022-09-30 00:10'), 1, 'working', SHANGHAI).lastDay).toBe('2022-10-08');
    expect(calendar.dueInstantOf('2022-09-30', SHANGHAI).toISOString()).toBe('2022-09-30T16:00:00.000Z');
  });
});

describe('State Council schedules', () => {
  // Each row is what that year's 国务院办公厅关于XXXX年部分节假日安排的通知 says.
  const span = (from: string, to: string): string[] => {
    const days: string[] = [];
    for (let d = toEpochDay(from); d <= toEpochDay(to); d++) days.push(fromEpochDay(d));
    return days;
  };
  it.each<[string, string, string, string, string[]]>([
    // 2022: 10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。
    ['2022 National Day', '2022-10-01', '2022-10-07', '国庆节', ['2022-10-08', '2022-10-09']],
    // 2023: 1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
    ['2023 Spring Festival', '2023-01-21', '2023-01-27', '春节', ['2023-01-28', '2023-01-29']],
    // 2024: 2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。
    ['2024 Spring Festival', '2024-02-10', '2024-02-17', '春节', ['2024-02-04', '2024-02-18']],
    // 2025: 1月28日（农历除夕）至2月4日放假调休，共8天。1月26日（星期日）、2月8日（星期六）上班。
    ['2025 Spring Festival', '2025-01-28', '2025-02-04', '春节', ['2025-01-26', '2025-02-08']],
    // 2025: 10月1日至8日放假调休，共8天（国庆节、中秋节）。9月28日（星期日）、10月11日（星期六）上班。
    ['2025 National Day', '2025-10-01', '2025-10-08', '', ['2025-09-28', '2025-10-11']],
    // 2026: 2月15日（农历腊月二十八）至23日放假调休，共9天。2月14日（星期六）、2月28日（星期六）上班。
    ['2026 Spring Festival', '2026-02-15', '2026-02-23', '春节', ['2026-02-14', '2026-02-28']],
  ])('%s: %s…%s holiday, make-up working days %j', (_label, from, to, name, makeup) => {
    for (const date of span(from, to)) {
      const day = calendar.kindOf(date);
      expect({ date, kind: day.kind, workday: day.workday }).toEqual({ date, kind: 'holiday', workday: false });
      if (name) expect(day.name).toBe(name);
    }
    expect(calendar.kindOf(addDays(from, -1)).kind).not.toBe('holiday');
    expect(calendar.kindOf(addDays(to, 1)).kind).not.toBe('holiday');
    for (const date of makeup) {
      expect(calendar.kindOf(date)).toMatchObject({ date, kind: 'makeup_workday', workday: true });
    }
  });

  it('2025 National Day: the package names 10-06 中秋 inside the 国庆节 stretch', () => {
    expect(calendar.kindOf('2025-10-06').name).toBe('中秋');
    expect(calendar.kindOf('2025-10-05').name).toBe('国庆节');
  });
});

describe('queries', () => {
  it.each<[string, DayKind, boolean]>([
    ['2022-09-30', 'workday', true],
    ['2022-09-24', 'weekend', false],
    ['2022-10-03', 'holiday', false],
    ['2022-10-08', 'makeup_workday', true],
  ])('%s is a %s', (date, kind, working) => {
    expect(calendar.kindOf(date).kind).toBe(kind);
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it.each([
    ['nextWorkingDay', '2022-09-30', '2022-10-08'],
    ['nextWorkingDay', '2022-09-29', '2022-09-30'],
    ['previousWorkingDay', '2022-10-08', '2022-09-30'],
    ['previousWorkingDay', '2022-10-10', '2022-10-09'],
    ['previousWorkingDay', '2023-01-03', '2022-12-30'],
  ] as const)('%s(%s) = %s', (method, date, expected) => {
    expect(calendar[method](date)).toBe(expected);
  });

  it.each([
    ['2022-09-29', 0, '2022-09-29'],
    ['2022-09-29', 1, '2022-09-30'],
    ['2022-09-29', 2, '2022-10-08'],
    ['2022-10-01', 1, '2022-10-08'],
  ])('addWorkingDays(%s, %d) = %s', (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
  });

  it.each([
    ['2022-09-29', 1, '2022-09-30'],
    ['2022-09-29', 3, '2022-10-08'],
    ['2022-09-21', 3, '2022-09-26'], // 09-24 is a Saturday: rolls to Monday
    ['2022-10-05', 3, '2022-10-08'], // 10-08 is a Saturday but a make-up working day
  ])('addCalendarDays(%s, %d) = %s', (date, n, expected) => {
    expect(calendar.addCalendarDays(date, n)).toBe(expected);
  });

  it.each([
    ['2022-09-29', '2022-10-11', 5],
    ['2022-09-29', '2022-09-29', 0],
    ['2022-10-11', '2022-09-29', 0],
    ['2022-09-30', '2022-10-07', 0],
  ])('workingDaysBetween(%s, %s) = %d', (from, to, n) => {
    expect(calendar.workingDaysBetween(from, to)).toBe(n);
  });

  it('rejects a negative or fractional period', () => {
    expect(() => calendar.addWorkingDays('2022-09-29', -1)).toThrow(RangeError);
    expect(() => calendar.addCalendarDays('2022-09-29', 1.5)).toThrow(RangeError);
  });
});

describe('year boundaries and missing years', () => {
  it('a period starting 2022-12-30 crosses the 2023 New Year holiday', () => {
    // 2022-12-31…2023-01-02 is the New Year holiday (2022-12-31 and 01-01 are a weekend inside it).
    expect(calendar.kindOf('2022-12-31')).toMatchObject({ kind: 'holiday', name: '元旦' });
    expect(calendar.kindOf('2023-01-02')).toMatchObject({ kind: 'holiday', name: '元旦' });
    const start = instant('2022-12-30 10:00');
    // 01-03 (1), 04 (2), 05 (3), 06 (4); 01-07/08 weekend; 01-09 (5).
    expect(calendar.deadline(start, 5, 'working', SHANGHAI).lastDay).toBe('2023-01-09');
    // 12-31, 01-01, 01-02 are all holiday: ends on 01-03.
    expect(calendar.deadline(start, 3, 'calendar', SHANGHAI).lastDay).toBe('2023-01-03');
  });

  const expectMissing = (fn: () => unknown, year: number) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarYearMissingError);
    expect((error as CalendarYearMissingError).year).toBe(year);
    expect((error as Error).message).toBe(`缺少 ${year} 年的工作日历数据：请管理员在“管理 → 工作日历”页面（/console/admin/calendar?year=${year}）录入国务院办公厅公布的当年放假安排`);
  };

  it('a period reaching past the last year with data names the missing year', () => {
    expect(calendar.addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
    expectMissing(() => calendar.addWorkingDays('2026-12-28', 4), 2027);
    expectMissing(() => calendar.deadline(instant('2026-12-30 09:00'), 5, 'working', SHANGHAI), 2027);
    expectMissing(() => calendar.addCalendarDays('2026-12-30', 3), 2027);
    expectMissing(() => calendar.nextWorkingDay('2026-12-31'), 2027);
    expectMissing(() => calendar.kindOf('2027-01-04'), 2027);
    expectMissing(() => calendar.workingDaysBetween('2026-12-01', '2027-01-05'), 2027);
  });

  it('a year before the data, or a gap between years, is missing, never ordinary weekdays', () => {
    const gappy = new WorkingCalendar(recordsFor([2022, 2024]));
    expect(gappy.coveredYears()).toEqual([2022, 2024]);
    expect(gappy.hasYear(2023)).toBe(false);
    expectMissing(() => gappy.isWorkingDay('2021-06-01'), 2021);
    expectMissing(() => gappy.previousWorkingDay('2022-01-04'), 2021);
    expectMissing(() => gappy.addWorkingDays('2022-12-29', 2), 2023);
    expectMissing(() => gappy.previousWorkingDay('2024-01-02'), 2023);
    expectMissing(() => gappy.workingDaysBetween('2022-12-01', '2024-01-05'), 2023);
    expect(gappy.addWorkingDays('2022-12-29', 1)).toBe('2022-12-30');
  });

  it('a year missing even one day is not covered', () => {
    const partial = recordsFor([2024, 2025]).filter((d) => d.date !== '2025-07-01');
    const cal = new WorkingCalendar(partial);
    expect(cal.coveredYears()).toEqual([2024]);
    expectMissing(() => cal.addWorkingDays('2024-12-30', 5), 2025);
  });
});

describe('properties over 2019–2026', () => {
  const isWorking = (d: string) => calendar.isWorkingDay(d);
  // Start dates leave 120 days of headroom so 60 working days never leave the data.
  const date = fc
    .integer({ min: toEpochDay('2019-01-01'), max: toEpochDay('2026-08-31') })
    .map((n) => fromEpochDay(n));
  const n = fc.integer({ min: 0, max: 60 });

  it('addWorkingDays lands on a working day, agrees with the naive walk, and counts back to n', () => {
    fc.assert(
      fc.property(date, n, (d, k) => {
        const result = calendar.addWorkingDays(d, k);
        expect(result).toBe(naiveAddWorkingDays(isWorking, d, k));
        expect(calendar.workingDaysBetween(d, result)).toBe(k);
        if (k > 0) {
          expect(calendar.isWorkingDay(result)).toBe(true);
          // …and is the first day on which the count reaches n.
          expect(calendar.workingDaysBetween(d, addDays(result, -1))).toBe(k - 1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(date, n, (d, k) => {
        expect(calendar.addWorkingDays(d, k + 1) > calendar.addWorkingDays(d, k)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a calendar-day period ends on a working day no earlier than date + n, as the naive roll-forward', () => {
    fc.assert(
      fc.property(date, n, (d, k) => {
        const result = calendar.addCalendarDays(d, k);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result >= addDays(d, k)).toBe(true);
        expect(result).toBe(naiveAddCalendarDays(isWorking, d, k));
        // Only rest days are skipped between date + n and the last day.
        expect(calendar.workingDaysBetween(addDays(d, k - 1), addDays(result, -1))).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('nextWorkingDay and previousWorkingDay are inverse on working days', () => {
    fc.assert(
      fc.property(date, (d) => {
        const next = calendar.nextWorkingDay(d);
        expect(calendar.workingDaysBetween(d, next)).toBe(1);
        // Before 2019-01-02 the previous working day is in 2018, which has no data.
        if (calendar.isWorkingDay(d)) expect(calendar.previousWorkingDay(next)).toBe(d);
      }),
      { numRuns: 2000 },
    );
  });

  it('a deadline is due at 24:00 local of its last day, which begins the next local date', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('working' as const, 'calendar' as const),
        (d, msOfDay, k, count) => {
          const start = new Date(startOfLocalDay(d, SHANGHAI).getTime() + msOfDay);
          expect(localDateOf(start, SHANGHAI)).toBe(d);
          const { lastDay, dueAt } = calendar.deadline(start, k, count, SHANGHAI);
          expect(lastDay).toBe(count === 'working' ? calendar.addWorkingDays(d, k) : calendar.addCalendarDays(d, k));
          expect(localDateOf(dueAt, SHANGHAI)).toBe(addDays(lastDay, 1));
          expect(localDateOf(new Date(dueAt.getTime() - 1), SHANGHAI)).toBe(lastDay);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
