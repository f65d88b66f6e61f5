// The monthly report (政务公开月报) assembled from the figures the repository reads. Pure: no
// database, no clock, so the arithmetic and the naming can be checked as tables of cases.
import { ChannelKind, CHANNEL_KINDS } from '../channels/entities/channel.entity';
import { UnitKind, UnitLevel } from '../org/entities/unit.entity';
import {
  CityDepartmentRow,
  ComplianceRow,
  CountyRow,
  MonthlyReport,
  NewMediaKind,
  OverdueTaskRow,
  ReportProblem,
} from './reports.dto';
import { issueLabel, monthLabel } from './month';

/** Problem categories in the order the report lists them, with their headings. */
export const PROBLEM_CATEGORY_LABELS: Record<string, string> = {
  not_updated: '未及时更新',
  typo: '存在错敏字',
  no_interaction: '无有效互动渠道',
  policy_unlinked: '政策文件未做解读或未与解读互链',
  overdue_reply: '网民留言未按时办结回复',
  broken_link: '链接无法访问',
  duty_roster: '节前未报送值班表',
  other: '其他问题',
};
const CATEGORY_ORDER = Object.keys(PROBLEM_CATEGORY_LABELS);

/** How a missed requirement reads after its subject; `unit` counts the missed items. */
const REQUIREMENT_PHRASES: Record<string, { phrase: string; unit: string }> = {
  WEBSITE_DAILY_UPDATE: { phrase: '首页信息未每天更新', unit: '天' },
  GOV_NEW_MEDIA_WORKDAY_UPDATE: { phrase: '未保持每个工作日更新', unit: '个工作日' },
  NEW_MEDIA_TWICE_WEEKLY: { phrase: '每周更新少于2次', unit: '周' },
  NEW_MEDIA_SILENT_14_DAYS: { phrase: '连续2周无更新', unit: '天' },
  MESSAGE_SIMPLE_3_DAYS: { phrase: '简单咨询类留言未在3日内办结回复', unit: '条' },
  MESSAGE_GENERAL_5_WORKDAYS: { phrase: '一般性留言未在5个工作日内办结回复', unit: '条' },
  POLICY_INTERPRETATION_LINKED: { phrase: '政策文件未做解读或未与解读互链', unit: '件' },
  HOLIDAY_DUTY_ROSTER: { phrase: '节前未报送值班表', unit: '次' },
};

export const NEW_MEDIA_KINDS = CHANNEL_KINDS.filter((k): k is NewMediaKind => k !== 'website');

export interface ReportUnitInput {
  id: number;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  level: UnitLevel;
}

export interface StatFigures {
  cumulativeTotal: number;
  monthCount: number;
  applicationCount: number | null;
}

export interface ChecklistRollup {
  /** The top unit's child whose subtree the items belong to; null for the top unit's own items. */
  childId: number | null;
  met: number;
  missed: number;
  waived: number;
  /** Distinct channels with at least one item in the month. */
  channels: number;
  items: number;
}

export interface ChecklistProblemInput {
  requirementCode: string;
  requirementTitle: string;
  category: string;
  unitId: number;
  unitName: string;
  channelId: number | null;
  channelName: string | null;
  channelKind: ChannelKind | null;
  platformLabel: string | null;
  missed: number;
}

export interface FindingProblemInput {
  id: number;
  category: string;
  unitId: number;
  unitName: string;
  channelId: number | null;
  channelName: string | null;
  channelKind: ChannelKind | null;
  platformLabel: string | null;
  description: string;
}

export interface ReportInputs {
  month: string;
  top: ReportUnitInput;
  children: ReportUnitInput[];
  /** Figures of the month by unit id (the top unit and its children). */
  stats: Map<number, StatFigures>;
  channelsByKind: Partial<Record<ChannelKind, number>>;
  checklist: ChecklistRollup[];
  checklistProblems: ChecklistProblemInput[];
  findings: FindingProblemInput[];
  overdueTasks: number;
  overdueTaskList: OverdueTaskRow[];
  generatedOn: string;
  asOf: Date;
  asOfDate: string;
  /** The month is still running (the report covers it up to generatedOn). */
  partial: boolean;
  overdueListLimit: number;
}

/** `信丰交通(微信订阅号)`: the channel's name and its platform, as the source report writes it. */
export function channelSubject(name: string, platformLabel: string): string {
  return `${name}(${platformLabel})`;
}

export function displayName(unit: { name: string; shortName: string | null }): string {
  return unit.shortName || unit.name;
}

/** part / whole rounded to 4 places; null when the whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** The city-departments table: direct children of kind department or management committee. */
export function isCityDepartment(unit: Pick<ReportUnitInput, 'kind'>): boolean {
  return unit.kind === 'department' || unit.kind === 'management_committee';
}

/** The counties table: direct children that are county-level people's governments. */
export function isCounty(unit: Pick<ReportUnitInput, 'kind' | 'level'>): boolean {
  return unit.kind === 'government' && unit.level === 'county';
}

export function checklistProblem(p: ChecklistProblemInput): ReportProblem {
  const subject = p.channelId !== null && p.channelName !== null ? channelSubject(p.channelName, p.platformLabel ?? '') : p.unitName;
  const wording = REQUIREMENT_PHRASES[p.requirementCode] ?? { phrase: `未达到要求“${p.requirementTitle}”`, unit: '次' };
  return {
    category: p.category,
    requirementCode: p.requirementCode,
    unitName: p.unitName,
    ...(p.channelId !== null ? { channelName: p.channelName ?? undefined, channelKind: p.channelKind ?? undefined } : {}),
    text: `${subject}${wording.phrase}（${p.missed}${wording.unit}）`,
    source: 'checklist',
    unitId: p.unitId,
    ...(p.channelId !== null ? { channelId: p.channelId, platformLabel: p.platformLabel ?? undefined } : {}),
    subject,
    count: p.missed,
  };
}

export function findingProblem(f: FindingProblemInput): ReportProblem {
  const subject = f.channelId !== null && f.channelName !== null ? channelSubject(f.channelName, f.platformLabel ?? '') : f.unitName;
  return {
    category: f.category,
    unitName: f.unitName,
    ...(f.channelId !== null ? { channelName: f.channelName ?? undefined, channelKind: f.channelKind ?? undefined } : {}),
    text: f.description,
    source: 'finding',
    unitId: f.unitId,
    ...(f.channelId !== null ? { channelId: f.channelId, platformLabel: f.platformLabel ?? undefined } : {}),
    subject,
    count: 1,
  };
}

function categoryRank(category: string): number {
  const i = CATEGORY_ORDER.indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

/** Grouped by category in the report's order; within one, checklist problems first, then by unit display order. */
export function sortProblems(problems: ReportProblem[]): ReportProblem[] {
  return [...problems].sort(
    (a, b) =>
      categoryRank(a.category) - categoryRank(b.category) ||
      (a.source === b.source ? 0 : a.source === 'checklist' ? -1 : 1) ||
      a.unitId - b.unitId ||
      (a.channelId ?? 0) - (b.channelId ?? 0) ||
      (a.requirementCode ?? '').localeCompare(b.requirementCode ?? ''),
  );
}

export function assembleReport(input: ReportInputs): MonthlyReport {
  const label = monthLabel(input.month);
  const notes: string[] = [];
  if (input.partial) notes.push(`${label}尚未结束，本报告的数据截至${input.generatedOn}。`);

  const figures = (id: number) => input.stats.get(id) ?? null;
  const departmentUnits = input.children.filter(isCityDepartment);
  const countyUnits = input.children.filter(isCounty);
  const departmentRows: CityDepartmentRow[] = departmentUnits.map((u) => ({
    unitId: u.id,
    unitName: displayName(u),
    cumulativeTotal: figures(u.id)?.cumulativeTotal ?? null,
    monthCount: figures(u.id)?.monthCount ?? null,
  }));
  const countyRows: CountyRow[] = countyUnits.map((u) => ({
    unitId: u.id,
    unitName: displayName(u),
    cumulativeTotal: figures(u.id)?.cumulativeTotal ?? null,
    monthCount: figures(u.id)?.monthCount ?? null,
    applicationCount: figures(u.id)?.applicationCount ?? null,
  }));
  const sum = (values: (number | null)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);
  const departmentTotal = { cumulativeTotal: sum(departmentRows.map((r) => r.cumulativeTotal)), monthCount: sum(departmentRows.map((r) => r.monthCount)) };
  const countyTotal = {
    cumulativeTotal: sum(countyRows.map((r) => r.cumulativeTotal)),
    monthCount: sum(countyRows.map((r) => r.monthCount)),
    applicationCount: sum(countyRows.map((r) => r.applicationCount)),
  };
  const own = figures(input.top.id);
  const tableUnits = input.children.filter((u) => isCityDepartment(u) || isCounty(u));
  const missing = tableUnits.filter((u) => !figures(u.id));
  if (tableUnits.length && missing.length === tableUnits.length && !own) {
    notes.push(`${label}尚无政务公开数据统计（未导入），第五部分各表暂无数据。`);
  } else if (missing.length) {
    notes.push(`以下单位未报送${label}政务公开数据：${missing.map(displayName).join('、')}。`);
  }

  const byKind = Object.fromEntries(NEW_MEDIA_KINDS.map((k) => [k, input.channelsByKind[k] ?? 0])) as Record<NewMediaKind, number>;
  const websites = input.channelsByKind.website ?? 0;
  const newMedia = NEW_MEDIA_KINDS.reduce((a, k) => a + byKind[k], 0);
  const monitored = websites + newMedia;

  const totals = input.checklist.reduce((a, r) => ({ met: a.met + r.met, missed: a.missed + r.missed, channels: a.channels + r.channels, items: a.items + r.items }), {
    met: 0,
    missed: 0,
    channels: 0,
    items: 0,
  });
  if (totals.items === 0) notes.push(`${label}没有清单检查记录：抽查率、发现的问题（清单部分）和合规情况为空。`);

  const byChild = new Map(input.checklist.map((r) => [r.childId, r]));
  const complianceRow = (unitId: number, unitName: string, r: ChecklistRollup | undefined): ComplianceRow => ({
    unitId,
    unitName,
    met: r?.met ?? 0,
    missed: r?.missed ?? 0,
    rate: ratio(r?.met ?? 0, (r?.met ?? 0) + (r?.missed ?? 0)),
    waived: r?.waived ?? 0,
  });
  const ownRollup = byChild.get(null);
  const compliance = [
    ...(ownRollup && ownRollup.items > 0 ? [{ ...complianceRow(input.top.id, `${displayName(input.top)}（本级）`, ownRollup), own: true }] : []),
    ...input.children.map((c) => complianceRow(c.id, displayName(c), byChild.get(c.id))),
  ];

  const overdueTaskList = input.overdueTaskList.slice(0, input.overdueListLimit);
  if (input.overdueTasks > overdueTaskList.length) notes.push(`逾期整改任务共${input.overdueTasks}项，此处列出逾期最久的${overdueTaskList.length}项。`);

  return {
    month: input.month,
    unit: { id: input.top.id, name: input.top.name, shortName: input.top.shortName },
    channels: { websites, newMedia, byKind },
    disclosure: {
      cityDepartments: { rows: departmentRows, total: departmentTotal },
      counties: { rows: countyRows, total: countyTotal },
    },
    problems: sortProblems([...input.checklistProblems.map(checklistProblem), ...input.findings.map(findingProblem)]),
    compliance,
    overdueTasks: input.overdueTasks,
    issue: issueLabel(input.month),
    generatedOn: input.generatedOn,
    asOf: input.asOf,
    asOfDate: input.asOfDate,
    basic: {
      cumulativeTotal: departmentTotal.cumulativeTotal + countyTotal.cumulativeTotal + (own?.cumulativeTotal ?? 0),
      monthCount: departmentTotal.monthCount + countyTotal.monthCount + (own?.monthCount ?? 0),
      countyLevelTotal: countyTotal.cumulativeTotal,
      countyLevelMonthCount: countyTotal.monthCount,
      cityLevelTotal: departmentTotal.cumulativeTotal + (own?.cumulativeTotal ?? 0),
      cityLevelMonthCount: departmentTotal.monthCount + (own?.monthCount ?? 0),
      channelsMonitored: monitored,
      channelsSampled: totals.channels,
      samplingRate: ratio(totals.channels, monitored),
      met: totals.met,
      missed: totals.missed,
      complianceRate: ratio(totals.met, totals.met + totals.missed),
    },
    overdueTaskList,
    notes,
  };
}
