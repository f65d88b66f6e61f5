import { HOLIDAY_YEARS } from '../calendar/holiday-data';
import { buildYearDays, WorkingCalendar } from '../calendar/working-days';
import { complianceRate, dueInstant, frequencyPeriods, holidayRosterPeriods, missWording, statusOf } from './periods';

const calendar = new WorkingCalendar(
  [2022, 2023].flatMap((year) => buildYearDays(year, HOLIDAY_YEARS[year].holidays, HOLIDAY_YEARS[year].makeupWorkdays)),
);
const TZ = 'Asia/Shanghai';

describe('frequencyPeriods', () => {
  it.each([
    ['day', '2022-09-30', '2022-10-02', ['2022-09-30', '2022-10-01', '2022-10-02']],
    // National Day 2022: 10-01..10-07 are holidays, 10-08 (Sat) and 10-09 (Sun) make-up working days.
    ['workday', '2022-09-30', '2022-10-10', ['2022-09-30', '2022-10-08', '2022-10-09', '2022-10-10']],
    ['workday', '2022-10-01', '2022-10-07', []],
    ['workday', '2022-12-30', '2023-01-03', ['2022-12-30', '2023-01-03']],
  ] as const)('%s periods from %s to %s', (period, from, to, starts) => {
    const periods = frequencyPeriods({ period }, from, to, calendar);
    expect(periods.map((p) => p.start)).toEqual(starts);
    for (const p of periods) expect(p).toEqual({ start: p.start, end: p.start, windowStart: p.start });
  });

  it.each([
    ['2022-08-03', '2022-08-03', [['2022-08-01', '2022-08-07']]],
    ['2022-08-01', '2022-08-08', [['2022-08-01', '2022-08-07'], ['2022-08-08', '2022-08-14']]],
    ['2022-12-31', '2023-01-01', [['2022-12-26', '2023-01-01']]],
    ['2022-12-26', '2023-01-02', [['2022-12-26', '2023-01-01'], ['2023-01-02', '2023-01-08']]],
  ])('weeks (Mon–Sun) overlapping %s..%s', (from, to, weeks) => {
    expect(frequencyPeriods({ period: 'week' }, from, to).map((p) => [p.start, p.end])).toEqual(weeks);
  });

  it('gives the silence rule a window of the 14 local days ending each day', () => {
    expect(frequencyPeriods({ period: 'day', windowDays: 14 }, '2022-08-14', '2022-08-15')).toEqual([
      { start: '2022-08-14', end: '2022-08-14', windowStart: '2022-08-01' },
      { start: '2022-08-15', end: '2022-08-15', windowStart: '2022-08-02' },
    ]);
  });
});

describe('holidayRosterPeriods', () => {
  it('puts each roster on the last working day before the holiday', () => {
    const periods = holidayRosterPeriods('2022-09-01', '2022-12-31', calendar);
    expect(periods).toEqual([
      expect.objectContaining({ start: '2022-09-09', holidayStart: '2022-09-10', holidayName: '中秋' }),
      expect.objectContaining({ start: '2022-09-30', end: '2022-09-30', holidayStart: '2022-10-01', holidayName: '国庆节' }),
      // 元旦 2023: holiday 12-31..01-02; the roster is due on Friday 12-30.
      expect.objectContaining({ start: '2022-12-30', holidayStart: '2022-12-31', holidayName: '元旦' }),
    ]);
  });

  it('skips a weekend between the roster day and the holiday', () => {
    // 中秋节 2022: 09-10 (Sat)..09-12; the last working day is Friday 09-09.
    expect(holidayRosterPeriods('2022-09-09', '2022-09-09', calendar)).toEqual([expect.objectContaining({ start: '2022-09-09', holidayStart: '2022-09-10', holidayName: '中秋' })]);
    expect(holidayRosterPeriods('2022-09-10', '2022-09-20', calendar)).toEqual([]);
  });
});

describe('due and status', () => {
  it.each([
    ['2022-08-01', 0, '2022-08-01T16:00:00.000Z'],
    ['2022-08-07', 2, '2022-08-09T16:00:00.000Z'],
    ['2022-12-31', 0, '2022-12-31T16:00:00.000Z'],
  ])('24:00 local of %s plus %d days', (day, extra, instant) => {
    expect(dueInstant(day, TZ, extra).toISOString()).toBe(instant);
  });

  const due = new Date('2022-08-01T16:00:00Z');
  it.each([
    [1, 1, '2022-08-01T10:00:00Z', 'met'],
    [0, 1, '2022-08-01T15:59:59Z', 'pending'],
    [0, 1, '2022-08-01T16:00:00Z', 'missed'],
    [1, 2, '2022-08-02T00:00:00Z', 'missed'],
    [3, 2, '2022-08-02T00:00:00Z', 'met'],
  ])('observed %d of %d as of %s is %s', (observed, required, asOf, status) => {
    expect(statusOf(observed, required, due, new Date(asOf))).toBe(status);
  });

  it.each([
    [0, 0, null],
    [3, 1, 0.75],
    [2, 1, 0.6667],
    [0, 4, 0],
  ])('rate of %d met and %d missed is %p', (met, missed, rate) => {
    expect(complianceRate(met, missed)).toBe(rate);
  });
});

describe('missWording', () => {
  const base = {
    requirementCode: 'NEW_MEDIA_TWICE_WEEKLY',
    requirementTitle: '县级以上政府部门和乡镇（街道）政务新媒体每周更新不少于2次',
    veto: false,
    params: { period: 'week' },
    messageCategory: null,
    subjectType: 'channel',
    observed: 1,
    required: 2,
    unitName: '信丰县交通运输局',
    documentTitle: null,
    holidayName: null,
  };
  it.each([
    [
      { ...base, periodStart: '2022-08-01', periodEnd: '2022-08-07', windowStart: '2022-08-01', channelName: '信丰交通', platformLabel: '微信订阅号' },
      { subject: '信丰交通(微信订阅号)', rule: '每周更新不少于2次', countSuffix: '周未达标', summary: '2022-08-01 至 08-07 仅更新 1 次' },
    ],
    [
      { ...base, params: { period: 'day' }, observed: 0, required: 1, periodStart: '2022-08-01', periodEnd: '2022-08-01', windowStart: '2022-08-01', channelName: '于都县人民政府网', platformLabel: '网站' },
      { subject: '于都县人民政府网(网站)', rule: '每天更新', countSuffix: '天未达标', summary: '2022-08-01 无更新' },
    ],
    [
      { ...base, params: { period: 'workday' }, observed: 0, required: 1, periodStart: '2022-08-01', periodEnd: '2022-08-01', windowStart: '2022-08-01', channelName: '于都发布', platformLabel: '微博' },
      { subject: '于都发布(微博)', rule: '每个工作日更新', countSuffix: '个工作日未达标', summary: '2022-08-01 无更新' },
    ],
    [
      { ...base, veto: true, params: { period: 'day', windowDays: 14 }, observed: 0, required: 1, periodStart: '2022-08-14', periodEnd: '2022-08-14', windowStart: '2022-08-01', channelName: '会昌公安', platformLabel: '今日头条' },
      { subject: '会昌公安(今日头条)', rule: '不得连续14天无更新（单项否决）', countSuffix: '天未达标', summary: '2022-08-01 至 08-14 无更新' },
    ],
    [
      { ...base, subjectType: 'message', params: { days: 3, count: 'calendar' }, messageCategory: 'simple', periodStart: '2022-09-29', periodEnd: '2022-10-08', windowStart: '2022-09-29', channelName: '信丰交通', platformLabel: '微信订阅号' },
      { subject: '信丰交通(微信订阅号)', rule: '简单咨询类网民留言3日内办结回复', countSuffix: '条留言未按时回复', summary: '2022-09-29 收到，应于 2022-10-08 24:00 前回复' },
    ],
    [
      { ...base, subjectType: 'policy_document', params: { days: 3, count: 'working' }, periodStart: '2022-09-01', periodEnd: '2022-09-06', windowStart: '2022-09-01', channelName: null, platformLabel: null, documentTitle: '稳就业工作方案' },
      { subject: '信丰县交通运输局', rule: '政策文件3个工作日内完成解读并互链', countSuffix: '份文件未按时完成', summary: '《稳就业工作方案》应于 2022-09-06 24:00 前完成' },
    ],
    [
      { ...base, subjectType: 'unit', params: {}, periodStart: '2022-09-30', periodEnd: '2022-09-30', windowStart: '2022-09-30', channelName: null, platformLabel: null, holidayName: '国庆节' },
      { subject: '信丰县交通运输局', rule: '节假日值班表按时报送', countSuffix: '次未按时报送', summary: '国庆节值班表应于 2022-09-30 24:00 前报送' },
    ],
    [
      { ...base, requirementCode: 'SOMETHING_NEW', subjectType: 'other', periodStart: '2022-09-30', periodEnd: '2022-09-30', windowStart: '2022-09-30', channelName: null, platformLabel: null },
      { subject: '信丰县交通运输局', rule: '县级以上政府部门和乡镇（街道）政务新媒体每周更新不少于2次', countSuffix: '次未达标', summary: '2022-09-30' },
    ],
  ])('%#: words the miss in Chinese, never by its code', (miss, wording) => {
    expect(missWording(miss)).toEqual(wording);
    expect(Object.values(missWording(miss)).join('')).not.toMatch(/[A-Z_]{4,}/);
  });
});
