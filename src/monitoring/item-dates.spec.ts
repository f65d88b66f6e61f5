import fc from 'fast-check';
import { addDays, fromEpochDay, toEpochDay } from '../common/time/local-date';
import { readStandaloneDate, readIsoDateTime } from './item-dates';

const TODAY = '2022-09-29';

describe('readStandaloneDate', () => {
  it.each([
    ['2022-08-29', '2022-08-29'],
    ['2022-8-9', '2022-08-09'],
    ['2022/8/29', '2022-08-29'],
    ['2022/08/29', '2022-08-29'],
    ['2022.08.29', '2022-08-29'],
    ['2022年8月29日', '2022-08-29'],
    ['2022 年 08 月 29 日', '2022-08-29'],
    ['[2022-08-29]', '2022-08-29'],
    ['【2022-08-29】', '2022-08-29'],
    ['（2022.08.29）', '2022-08-29'],
    ['2022-08-29 10:30', '2022-08-29'],
    ['2022-08-29 10:30:15', '2022-08-29'],
    ['发布时间：2022-08-29', '2022-08-29'],
    ['发布日期: 2022年8月29日', '2022-08-29'],
    ['日期 2022/8/29', '2022-08-29'],
    ['发布于2022-08-29', '2022-08-29'],
    ['[08-29]', '2022-08-29'],
    ['08-29', '2022-08-29'],
    ['(09-29)', '2022-09-29'],
    ['09-30', '2021-09-30'],
    ['2025-01-01', '2025-01-01'],
  ])('reads %p as %s (today %s)', (text, date) => {
    expect(readStandaloneDate(text, TODAY)).toBe(date);
  });

  it.each([
    ['今天是2022年8月29日 星期一', 'a date inside a sentence (a header widget)'],
    ['2022年8月29日 星期一', 'a weekday after it'],
    ['今天是2022年8月29日', 'words before it'],
    ['截至2022-08-29', 'a word before it that is not a label'],
    ['关于2022年8月1日起施行新规定的通知', 'a title that mentions a date'],
    ['2022年8月29日上午，市政府召开常务会议', 'a summary'],
    ['2022-08-29-10', 'more digits'],
    ['2022-08/29', 'mixed separators'],
    ['2022-13-01', 'month 13'],
    ['2023-02-29', 'no such day'],
    ['8-29', 'a month-day must have two digits each'],
    ['13-01', 'month 13 without a year'],
    ['0797-8123456', 'a telephone number'],
    ['8月29日', 'a month and day in Chinese (prose, not a list date)'],
    ['', 'nothing'],
  ])('does not read %p (%s)', (text) => {
    expect(readStandaloneDate(text, TODAY)).toBeNull();
  });

  it.each([
    ['12-30', '2023-01-03', '2022-12-30'],
    ['01-02', '2023-01-03', '2023-01-02'],
    ['01-03', '2023-01-03', '2023-01-03'],
    ['01-04', '2023-01-03', '2022-01-04'],
    ['02-29', '2023-03-01', '2020-02-29'],
    ['02-29', '2024-03-01', '2024-02-29'],
  ])('reads the year-less %s on %s as %s', (text, today, date) => {
    expect(readStandaloneDate(text, today)).toBe(date);
  });

  const days = fc.integer({ min: toEpochDay('2000-01-01'), max: toEpochDay('2099-12-31') }).map(fromEpochDay);

  it('a year-less date is the day it names when that day is within the last year', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 364 }), (today, back) => {
        const day = addDays(today, -back);
        expect(readStandaloneDate(day.slice(5), today)).toBe(day);
        expect(readStandaloneDate(`[${day.slice(5)}]`, today)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('every full format of a day reads back as that day', () => {
    fc.assert(
      fc.property(days, (day) => {
        const [y, m, d] = day.split('-');
        const formats = [day, `${y}/${+m}/${+d}`, `${y}.${m}.${d}`, `${y}年${+m}月${+d}日`];
        for (const text of formats) expect(readStandaloneDate(text, TODAY)).toBe(day);
      }),
    );
  });
});

describe('readIsoDateTime (<time datetime>, Atom, JSON Feed)', () => {
  it.each([
    ['2022-08-29', { localDate: '2022-08-29', instant: null }],
    ['2022-08-29T10:00:00+08:00', { localDate: '2022-08-29', instant: new Date('2022-08-29T02:00:00Z') }],
    ['2022-08-29T17:30:00Z', { localDate: '2022-08-30', instant: new Date('2022-08-29T17:30:00Z') }],
    ['2022-08-29 23:30', { localDate: '2022-08-29', instant: new Date('2022-08-29T15:30:00Z') }],
  ])('reads datetime=%p', (datetime, expected) => {
    expect(readIsoDateTime(datetime, 'Asia/Shanghai')).toEqual(expected);
  });

  it.each(['2022-02-30', 'yesterday', ''])('ignores datetime=%p', (datetime) => {
    expect(readIsoDateTime(datetime, 'Asia/Shanghai')).toBeNull();
  });
});
