import fc from 'fast-check';
import { addDays, daysInMonth, fromEpochDay, toEpochDay } from '../common/time/local-date';
import { ColumnKind, columnState, freshThrough, judgeColumns, silence, summariseItems } from './column-state';

const TODAY = '2022-09-29';

describe('columnState', () => {
  it.each<[ColumnKind, string, boolean, number, number]>([
    // kind, newest item, stale, days since, stale days
    ['news', '2022-09-29', false, 0, 0],
    ['news', '2022-09-16', false, 13, 0], // the 14-day window 09-16…09-29 still holds it
    ['news', '2022-09-15', true, 14, 1],
    ['news', '2022-08-01', true, 59, 46],
    ['notice', '2022-03-29', false, 184, 0], // six months later is 09-29 itself: still fresh
    ['notice', '2022-03-28', true, 185, 1],
    ['policy', '2022-03-15', true, 198, 14],
    ['interaction', '2020-01-01', false, 1002, 0],
    ['other', '2019-06-30', false, 1187, 0],
  ])('%s column last updated %s: stale %s', (kind, last, stale, daysSince, staleDays) => {
    const state = columnState(kind, { itemCount: 3, lastItemDate: last }, TODAY);
    expect(state).toMatchObject({ blank: false, stale, itemCount: 3, lastItemDate: last, daysSinceUpdate: daysSince, staleDays });
  });

  it.each([
    ['2022-03-31', '2022-09-30', 'September has no 31st: fresh through the 30th'],
    ['2022-08-31', '2023-02-28', 'a common February'],
    ['2023-08-31', '2024-02-29', 'a leap February'],
    ['2022-08-29', '2023-02-28', 'no 29th in a common February'],
    ['2022-07-15', '2023-01-15', 'across the year end'],
  ])('a notice column updated %s is fresh through %s (%s, Civil Code art. 202)', (last, through) => {
    expect(freshThrough('notice', last)).toBe(through);
    expect(columnState('notice', { itemCount: 1, lastItemDate: last }, through).stale).toBe(false);
    expect(columnState('notice', { itemCount: 1, lastItemDate: last }, addDays(through, 1))).toMatchObject({ stale: true, staleDays: 1 });
  });

  it('a column whose list page shows no dated item is blank, and blank is not stale', () => {
    for (const kind of ['news', 'notice', 'policy', 'interaction', 'other'] as const) {
      expect(columnState(kind, { itemCount: 0, lastItemDate: null }, TODAY)).toEqual({
        itemCount: 0,
        lastItemDate: null,
        blank: true,
        stale: false,
        freshThrough: null,
        daysSinceUpdate: null,
        staleDays: 0,
      });
    }
  });

  const days = fc.integer({ min: toEpochDay('2015-01-01'), max: toEpochDay('2030-12-31') }).map(fromEpochDay);

  it('news: stale exactly when none of the 14 local days ending today holds an item', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 60 }), (last, after) => {
        const today = addDays(last, after);
        const window = Array.from({ length: 14 }, (_, i) => addDays(today, -i));
        expect(columnState('news', { itemCount: 1, lastItemDate: last }, today).stale).toBe(!window.includes(last));
      }),
    );
  });

  it('notice and policy: fresh while fewer than six months have passed, counting months as the calendar does', () => {
    // Independent of addMonths: compare (year, month) pairs, then the day, capped at the month's end.
    const naiveFresh = (last: string, today: string) => {
      const months = (+today.slice(0, 4) - +last.slice(0, 4)) * 12 + (+today.slice(5, 7) - +last.slice(5, 7));
      if (months !== 6) return months < 6;
      return +today.slice(8, 10) <= Math.min(+last.slice(8, 10), daysInMonth(+today.slice(0, 4), +today.slice(5, 7)));
    };
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 400 }), fc.constantFrom<ColumnKind>('notice', 'policy'), (last, after, kind) => {
        const today = addDays(last, after);
        expect(columnState(kind, { itemCount: 1, lastItemDate: last }, today).stale).toBe(!naiveFresh(last, today));
      }),
      { numRuns: 3000 },
    );
  });

  it('once stale, a column stays stale every later day until a new item, and staleDays grows by one a day', () => {
    fc.assert(
      fc.property(days, fc.constantFrom<ColumnKind>('news', 'notice', 'policy'), fc.integer({ min: 0, max: 300 }), (last, kind, after) => {
        const today = addDays(last, after);
        const state = columnState(kind, { itemCount: 1, lastItemDate: last }, today);
        const tomorrow = columnState(kind, { itemCount: 1, lastItemDate: last }, addDays(today, 1));
        if (state.stale) expect(tomorrow).toMatchObject({ stale: true, staleDays: state.staleDays + 1 });
      }),
    );
  });
});

describe('summariseItems', () => {
  it('counts the dated items and finds the newest, ignoring dates after today', () => {
    expect(summariseItems(['2022-09-01', '2022-09-28', '2022-08-30', '2022-10-01'], TODAY)).toEqual({ itemCount: 3, lastItemDate: '2022-09-28' });
    expect(summariseItems([], TODAY)).toEqual({ itemCount: 0, lastItemDate: null });
  });
});

describe('judgeColumns', () => {
  const column = (name: string, kind: ColumnKind, last: string | null) => ({ name, state: columnState(kind, { itemCount: last ? 1 : 0, lastItemDate: last }, TODAY) });

  it('lists stale and blank columns and vetoes from five of either', () => {
    const four = [column('要闻动态', 'news', '2022-09-01'), column('部门动态', 'news', '2022-08-01'), column('通知公告', 'notice', '2022-01-01'), column('政策文件', 'policy', '2021-12-31')];
    const verdict = judgeColumns([...four, column('在线访谈', 'interaction', null), column('乡镇动态', 'news', TODAY)]);
    expect(verdict.stale.map((c) => c.name)).toEqual(['要闻动态', '部门动态', '通知公告', '政策文件']);
    expect(verdict.blank.map((c) => c.name)).toEqual(['在线访谈']);
    expect(verdict).toMatchObject({ staleVeto: false, blankVeto: false });
    expect(judgeColumns([...four, column('人事信息', 'notice', '2021-06-01')]).staleVeto).toBe(true);
    const blanks = ['a', 'b', 'c', 'd', 'e'].map((n) => column(n, 'other', null));
    expect(judgeColumns(blanks)).toMatchObject({ blankVeto: true, staleVeto: false });
  });
});

describe('silence (the 10-day warning and the 14-day veto)', () => {
  it.each([
    ['2022-09-29', 0, false, false],
    ['2022-09-20', 9, false, false],
    ['2022-09-19', 10, true, false],
    ['2022-09-16', 13, true, false],
    ['2022-09-15', 14, false, true],
  ])('newest item %s: %d silent days, warning %s, veto %s', (last, silentDays, warning, veto) => {
    expect(silence(last, TODAY)).toEqual({ silentDays, warning, veto });
  });

  it('never seen a dated item: a veto, and no warning to count from', () => {
    expect(silence(null, TODAY)).toEqual({ silentDays: null, warning: false, veto: true });
  });
});
