import { checklistTaskTitle, spanText, TASK_TITLE_MAX } from './task-title';

describe('checklist task titles', () => {
  const weekly = { subject: '信丰交通(微信订阅号)', rule: '每周更新不少于2次', countSuffix: '周未达标' };

  it.each([
    ['2026-09-28', '2026-09-28', '2026-09-28'],
    ['2026-09-28', '2026-11-22', '2026-09-28 至 11-22'],
    ['2025-12-29', '2026-01-04', '2025-12-29 至 2026-01-04'],
  ])('writes the span %s … %s as %s', (start, end, text) => {
    expect(spanText(start, end)).toBe(text);
  });

  it('states the span from the first miss to the latest, how many, and the latest miss', () => {
    const title = checklistTaskTitle(weekly, { firstStart: '2026-09-28', lastEnd: '2026-11-22', count: 8, latestSummary: '2026-11-16 至 11-22 仅更新 1 次' });
    expect(title).toBe('信丰交通(微信订阅号) 每周更新不少于2次：2026-09-28 至 11-22 共 8 周未达标；最近 2026-11-16 至 11-22 仅更新 1 次');
  });

  it('names a single miss by itself', () => {
    expect(checklistTaskTitle(weekly, { firstStart: '2026-11-16', lastEnd: '2026-11-22', count: 1, latestSummary: '2026-11-16 至 11-22 仅更新 1 次' })).toBe(
      '信丰交通(微信订阅号) 每周更新不少于2次：2026-11-16 至 11-22 仅更新 1 次',
    );
  });

  it('still states the span when the latest miss has no summary (recorded before summaries were kept)', () => {
    expect(checklistTaskTitle(weekly, { firstStart: '2026-09-28', lastEnd: '2026-10-11', count: 2, latestSummary: null })).toBe(
      '信丰交通(微信订阅号) 每周更新不少于2次：2026-09-28 至 10-11 共 2 周未达标',
    );
  });

  it('never exceeds the column', () => {
    const long = checklistTaskTitle({ ...weekly, subject: '长'.repeat(600) }, { firstStart: '2026-09-28', lastEnd: '2026-10-11', count: 2, latestSummary: 'x' });
    expect(long).toHaveLength(TASK_TITLE_MAX);
  });
});
