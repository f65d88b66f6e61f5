import { chineseDate, isLocalMonth, issueLabel, monthDays, monthLabel, nextMonth } from './month';

describe('local months', () => {
  it.each([
    ['2022-07', true],
    ['2022-12', true],
    ['2022-13', false],
    ['2022-00', false],
    ['2022-7', false],
    ['2022-07-01', false],
    [' 2022-07', false],
    [202207, false],
  ])('isLocalMonth(%p) = %p', (value, expected) => expect(isLocalMonth(value)).toBe(expected));

  it.each([
    ['2022-07', '2022-07-01', '2022-07-31'],
    ['2022-02', '2022-02-01', '2022-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2022-09', '2022-09-01', '2022-09-30'],
  ])('%s runs from %s to %s', (month, first, last) => expect(monthDays(month)).toEqual({ first, last }));

  it.each([
    ['2022-07', '2022-08'],
    ['2022-12', '2023-01'],
    ['2022-09', '2022-10'],
  ])('the month after %s is %s', (month, next) => expect(nextMonth(month)).toBe(next));

  it('names issues and dates as the source report does', () => {
    expect(issueLabel('2022-07')).toBe('2022年第7期');
    expect(monthLabel('2022-10')).toBe('2022年10月');
    expect(chineseDate('2022-08-03')).toBe('2022年8月3日');
  });
});
