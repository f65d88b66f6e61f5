import { assembleReport, channelSubject, checklistProblem, ReportInputs, ratio, sortProblems } from './monthly-report';
import { ReportProblem } from './reports.dto';

const base = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  month: '2022-07',
  top: { id: 1, name: '赣州市人民政府', shortName: '赣州市', kind: 'government', level: 'city' },
  children: [
    { id: 2, name: '赣州市教育局', shortName: '市教育局', kind: 'department', level: 'city' },
    { id: 3, name: '章贡区人民政府', shortName: '章贡区', kind: 'government', level: 'county' },
    { id: 4, name: '赣州经济技术开发区管理委员会', shortName: '赣州经开区管委会', kind: 'management_committee', level: 'county' },
    { id: 5, name: '某公司', shortName: null, kind: 'other', level: 'city' },
  ],
  stats: new Map([
    [2, { cumulativeTotal: 5221, monthCount: 70, applicationCount: null }],
    [3, { cumulativeTotal: 400033, monthCount: 2043, applicationCount: 6 }],
    [4, { cumulativeTotal: 64608, monthCount: 248, applicationCount: null }],
  ]),
  channelsByKind: { website: 3, wechat: 5, douyin: 1 },
  checklist: [
    { childId: 2, met: 8, missed: 2, waived: 1, channels: 2, items: 11 },
    { childId: null, met: 3, missed: 1, waived: 0, channels: 1, items: 4 },
  ],
  checklistProblems: [],
  findings: [],
  overdueTasks: 0,
  overdueTaskList: [],
  generatedOn: '2022-08-03',
  asOf: new Date('2022-07-31T16:00:00Z'),
  asOfDate: '2022-07-31',
  partial: false,
  overdueListLimit: 500,
  ...over,
});

describe('the monthly report', () => {
  it('puts departments and management committees in the city table and county governments in the counties table, in display order', () => {
    const r = assembleReport(base());
    expect(r.disclosure.cityDepartments.rows.map((x) => x.unitName)).toEqual(['市教育局', '赣州经开区管委会']);
    expect(r.disclosure.counties.rows).toEqual([{ unitId: 3, unitName: '章贡区', cumulativeTotal: 400033, monthCount: 2043, applicationCount: 6 }]);
    expect(r.disclosure.cityDepartments.total).toEqual({ cumulativeTotal: 69829, monthCount: 318 });
    expect(r.disclosure.counties.total).toEqual({ cumulativeTotal: 400033, monthCount: 2043, applicationCount: 6 });
    expect(r.basic).toMatchObject({ cumulativeTotal: 469862, countyLevelTotal: 400033, cityLevelTotal: 69829, monthCount: 2361 });
  });

  it('counts channels by kind and the sampling rate over the channels monitored', () => {
    const r = assembleReport(base());
    expect(r.channels).toEqual({ websites: 3, newMedia: 6, byKind: { wechat: 5, weibo: 0, douyin: 1, toutiao: 0, app: 0, other: 0 } });
    expect(r.basic).toMatchObject({ channelsMonitored: 9, channelsSampled: 3, samplingRate: 0.3333, met: 11, missed: 3, complianceRate: 0.7857 });
  });

  it('rates each child over its final items, lists the top unit’s own items first and children without items with no rate', () => {
    const r = assembleReport(base());
    expect(r.compliance).toEqual([
      { unitId: 1, unitName: '赣州市（本级）', met: 3, missed: 1, rate: 0.75, waived: 0, own: true },
      { unitId: 2, unitName: '市教育局', met: 8, missed: 2, rate: 0.8, waived: 1 },
      { unitId: 3, unitName: '章贡区', met: 0, missed: 0, rate: null, waived: 0 },
      { unitId: 4, unitName: '赣州经开区管委会', met: 0, missed: 0, rate: null, waived: 0 },
      { unitId: 5, unitName: '某公司', met: 0, missed: 0, rate: null, waived: 0 },
    ]);
  });

  it('says so when a month has no statistics instead of failing, and names units that did not report', () => {
    const none = assembleReport(base({ stats: new Map() }));
    expect(none.notes.join()).toContain('尚无政务公开数据统计');
    expect(none.disclosure.cityDepartments.total).toEqual({ cumulativeTotal: 0, monthCount: 0 });
    expect(none.disclosure.counties.rows[0].cumulativeTotal).toBeNull();
    const some = assembleReport(base({ stats: new Map([[2, { cumulativeTotal: 1, monthCount: 1, applicationCount: null }]]) }));
    expect(some.notes.join()).toContain('以下单位未报送2022年7月政务公开数据：章贡区、赣州经开区管委会');
  });

  it('notes a month without checklist items and a month still running', () => {
    const r = assembleReport(base({ checklist: [], partial: true }));
    expect(r.notes.join()).toContain('没有清单检查记录');
    expect(r.notes.join()).toContain('尚未结束');
    expect(r.basic.samplingRate).toBe(0);
  });

  it('names a channel as the report does and a problem once per requirement and channel', () => {
    expect(channelSubject('信丰交通', '微信订阅号')).toBe('信丰交通(微信订阅号)');
    const p = checklistProblem({
      requirementCode: 'NEW_MEDIA_TWICE_WEEKLY',
      requirementTitle: 'x',
      category: 'not_updated',
      unitId: 7,
      unitName: '信丰县交通运输局',
      channelId: 9,
      channelName: '信丰交通',
      channelKind: 'wechat',
      platformLabel: '微信订阅号',
      missed: 3,
    });
    expect(p).toMatchObject({ category: 'not_updated', requirementCode: 'NEW_MEDIA_TWICE_WEEKLY', channelName: '信丰交通', channelKind: 'wechat', subject: '信丰交通(微信订阅号)', count: 3 });
    expect(p.text).toBe('信丰交通(微信订阅号)每周更新少于2次（3周）');
    const unitOnly = checklistProblem({ ...p, requirementCode: 'POLICY_INTERPRETATION_LINKED', category: 'policy_unlinked', channelId: null, channelName: null, channelKind: null, platformLabel: null, missed: 2, unitName: '市教育局' } as never);
    expect(unitOnly.text).toBe('市教育局政策文件未做解读或未与解读互链（2件）');
    expect(unitOnly).not.toHaveProperty('channelName');
  });

  it('groups problems by category in the report’s order', () => {
    const mk = (category: string, unitId: number, source: 'checklist' | 'finding' = 'checklist') => ({ category, unitId, source, unitName: '', text: '', subject: '', count: 1 }) as ReportProblem;
    const sorted = sortProblems([mk('overdue_reply', 1), mk('typo', 2, 'finding'), mk('not_updated', 3, 'finding'), mk('not_updated', 4), mk('policy_unlinked', 1), mk('no_interaction', 9)]);
    expect(sorted.map((p) => `${p.category}:${p.unitId}`)).toEqual(['not_updated:4', 'not_updated:3', 'typo:2', 'no_interaction:9', 'policy_unlinked:1', 'overdue_reply:1']);
  });

  it.each([
    [1, 3, 0.3333],
    [0, 0, null],
    [5, 5, 1],
    [2, 3, 0.6667],
  ])('ratio(%p, %p) = %p', (part, whole, expected) => expect(ratio(part, whole)).toBe(expected));
});
