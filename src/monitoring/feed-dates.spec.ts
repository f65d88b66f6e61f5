import fc from 'fast-check';
import { readFeedDate } from './feed-dates';

const SHANGHAI = 'Asia/Shanghai';

describe('readFeedDate', () => {
  it.each([
    ['Mon, 29 Aug 2022 02:00:00 GMT', '2022-08-29T02:00:00.000Z', 'RSSHub (toUTCString)'],
    ['Mon, 29 Aug 2022 10:00:00 +0800', '2022-08-29T02:00:00.000Z', 'a numeric zone'],
    ['29 Aug 2022 10:00 +0800', '2022-08-29T02:00:00.000Z', 'no weekday, no seconds'],
    ['Monday, 29 August 2022 10:00:00 +08:00', '2022-08-29T02:00:00.000Z', 'long names and a colon in the zone'],
    ['Mon, 29 Aug 22 10:00:00 CST', '2022-08-29T02:00:00.000Z', 'two-digit year; CST is China Standard Time'],
    ['Sun, 28 Aug 2022 22:00:00 EST', '2022-08-29T03:00:00.000Z', 'an RFC 822 US zone'],
    ['Mon, 29 Aug 2022 10:00:00', '2022-08-29T02:00:00.000Z', 'no zone: local time'],
    ['2022-08-29T10:00:00+08:00', '2022-08-29T02:00:00.000Z', 'RFC 3339'],
    ['2022-08-29T02:00:00.123Z', '2022-08-29T02:00:00.123Z', 'RFC 3339 in UTC with milliseconds'],
    ['2022-08-29 10:00:00', '2022-08-29T02:00:00.000Z', 'a CMS local time'],
    ['2022/8/29 10:00', '2022-08-29T02:00:00.000Z', 'a CMS local time with slashes'],
  ])('reads %p as %s (%s)', (value, iso) => {
    const date = readFeedDate(value, SHANGHAI);
    expect(date?.instant?.toISOString()).toBe(iso);
  });

  it('gives the local date, which can differ from the UTC date', () => {
    expect(readFeedDate('Sun, 28 Aug 2022 17:30:00 GMT', SHANGHAI)).toEqual({ localDate: '2022-08-29', instant: new Date('2022-08-28T17:30:00Z') });
  });

  it('reads a bare date as a day without an instant', () => {
    expect(readFeedDate('2022-08-29', SHANGHAI)).toEqual({ localDate: '2022-08-29', instant: null });
  });

  it.each(['', 'yesterday', 'Mon, 32 Aug 2022 10:00:00 GMT', '29 Foo 2022 10:00 GMT', 'Mon, 29 Aug 2022 10:00:00 XYZ', '2022-02-30T10:00:00Z'])('does not read %p', (value) => {
    expect(readFeedDate(value, SHANGHAI)).toBeNull();
  });

  it('reads back every instant written by toUTCString (to the second) and toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2049, 11, 31) }), (ms) => {
        const instant = new Date(ms);
        expect(readFeedDate(instant.toUTCString(), SHANGHAI)?.instant?.getTime()).toBe(Math.floor(ms / 1000) * 1000);
        expect(readFeedDate(instant.toISOString(), SHANGHAI)?.instant?.getTime()).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});
