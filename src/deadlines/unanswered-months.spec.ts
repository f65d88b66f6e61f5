import fc from 'fast-check';
import { fromEpochDay, parseInstant, startOfLocalDay, toEpochDay } from '../common/time/local-date';
import { isUnansweredOn, unansweredPeriod } from './unanswered-months';

const SHANGHAI = 'Asia/Shanghai';

function at(local: string): Date {
  const instant = parseInstant(local, SHANGHAI);
  if (instant === null) throw new Error(`bad instant ${local}`);
  return instant;
}

describe('unansweredPeriod: three months by Civil Code arts. 201–203', () => {
  it.each([
    ['2022-11-30 10:00', '2023-02-28', '2023-03-01', 'DESIGN: February 2023 has no 30th: its last day'],
    ['2023-11-30 10:00', '2024-02-29', '2024-03-01', 'a leap February has a 29th but no 30th'],
    ['2023-11-29 10:00', '2024-02-29', '2024-03-01', 'the 29th exists in a leap February'],
    ['2022-11-29 10:00', '2023-02-28', '2023-03-01', 'but not in a common one'],
    ['2022-11-28 10:00', '2023-02-28', '2023-03-01', 'the 28th is the 28th'],
    ['2022-12-31 10:00', '2023-03-31', '2023-04-01', 'March has a 31st'],
    ['2023-01-31 10:00', '2023-04-30', '2023-05-01', 'April has no 31st'],
    ['2023-02-28 10:00', '2023-05-28', '2023-05-29', 'received on a month end: the corresponding day, not the month end'],
    ['2024-02-29 10:00', '2024-05-29', '2024-05-30', 'received on a leap day'],
    ['2022-10-31 10:00', '2023-01-31', '2023-02-01', 'across a year end'],
    ['2022-09-24 10:00', '2022-12-24', '2022-12-25', 'the last day is a Saturday: no roll-over for an elapsed-time check'],
    ['2022-10-27 10:00', '2023-01-27', '2023-01-28', 'the last day is in the Spring Festival holiday: still 01-27'],
    ['2022-07-01 00:00', '2022-10-01', '2022-10-02', 'received at the first instant of a day'],
    ['2022-07-01 23:59', '2022-10-01', '2022-10-02', 'or the last minute of it: the local date counts'],
  ])('received %s → last day %s, a miss from %s (%s)', (received, lastDay, firstMissDay) => {
    const period = unansweredPeriod(at(received), SHANGHAI);
    expect(period).toEqual({ lastDay, firstMissDay, endsAt: at(`${firstMissDay} 00:00`) });
  });

  it('takes the local date of receipt: 16:30Z on 10-15 is 00:30 on 10-16 in Shanghai', () => {
    expect(unansweredPeriod(new Date('2022-10-15T16:30:00Z'), SHANGHAI).lastDay).toBe('2023-01-16');
    expect(unansweredPeriod(new Date('2022-10-15T16:30:00Z'), 'UTC').lastDay).toBe('2023-01-15');
  });
});

describe('isUnansweredOn', () => {
  const receivedAt = at('2022-11-30 10:00');
  it.each<[string, string | null, string, boolean]>([
    ['no reply, on the last day of the three months', null, '2023-02-28', false],
    ['no reply, the day after', null, '2023-03-01', true],
    ['no reply, long after', null, '2023-06-15', true],
    ['a reply on the last day', '2023-02-28 23:59', '2023-03-01', false],
    ['a reply at the very end of the period is too late for that day', '2023-03-01 00:00', '2023-03-01', true],
    ['…but the channel is clear the next day', '2023-03-01 00:00', '2023-03-02', false],
    ['a reply later in the miss day still misses it', '2023-03-01 10:00', '2023-03-01', true],
    ['a reply weeks late clears the days after it', '2023-03-20 10:00', '2023-03-21', false],
    ['…not the days before it', '2023-03-20 10:00', '2023-03-19', true],
  ])('%s', (_case, repliedAt, day, expected) => {
    expect(isUnansweredOn({ receivedAt, repliedAt: repliedAt === null ? null : at(repliedAt) }, day, SHANGHAI)).toBe(expected);
  });

  it('refuses a day that is not a date', () => {
    expect(() => isUnansweredOn({ receivedAt, repliedAt: null }, '2023-02-30', SHANGHAI)).toThrow(RangeError);
  });
});

describe('properties', () => {
  // The naive reading of art. 202: walk forward day by day from the day of receipt; the period's
  // last day is the last day that is still within the third month after, on or before the day
  // of that month corresponding to the day of receipt.
  function naiveLastDay(received: string): string {
    const [y, m, d] = received.split('-').map(Number);
    const targetMonth = y * 12 + (m - 1) + 3;
    let day = toEpochDay(received);
    for (;;) {
      const next = fromEpochDay(day + 1);
      const [ny, nm, nd] = next.split('-').map(Number);
      const month = ny * 12 + (nm - 1);
      if (month > targetMonth || (month === targetMonth && nd > d)) return fromEpochDay(day);
      day++;
    }
  }

  const days = fc.integer({ min: toEpochDay('1990-01-01'), max: toEpochDay('2100-12-31') }).map(fromEpochDay);

  it('agrees with the naive day-by-day reading', () => {
    fc.assert(
      fc.property(days, (received) => {
        expect(unansweredPeriod(startOfLocalDay(received, SHANGHAI), SHANGHAI).lastDay).toBe(naiveLastDay(received));
      }),
      { numRuns: 3000 },
    );
  });

  it('is three months, never less than 89 days nor more than 92, and a later receipt never ends earlier', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 400 }), (received, later) => {
        const period = unansweredPeriod(startOfLocalDay(received, SHANGHAI), SHANGHAI);
        const length = toEpochDay(period.lastDay) - toEpochDay(received);
        expect(length).toBeGreaterThanOrEqual(89);
        expect(length).toBeLessThanOrEqual(92);
        const second = fromEpochDay(toEpochDay(received) + later);
        expect(unansweredPeriod(startOfLocalDay(second, SHANGHAI), SHANGHAI).lastDay >= period.lastDay).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
