import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../audit/audit-labels';
import { ROLE_LABELS } from '../common/actor';
import { PERIOD_LABELS } from '../requirements/built-in-requirements';
import { KIND_LABELS } from './reminders.page';
import * as f from './view-format';

/** An audit entry as the 操作日志 page shows it: who did what to which object, and what changed. */
export interface AuditEntryView {
  id: number;
  at: Date;
  actor: string;
  action: string;
  object: string;
  /** For a creation only `after` is set; for a change the fields that differ, old and new. */
  changes: { field: string; before?: string; after: string }[];
}

export interface AuditEntryInput {
  id: number;
  actorId: number | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  at: Date;
}

/** What every entry carries and the page shows elsewhere (the object's id, row times). */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt']);
/** Lists longer than this show their first items and a count. */
const LIST_LIMIT = 10;

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  email: '邮箱',
  role: '角色',
  unitId: '单位',
  active: '启用',
  password: '密码',
  code: '代码',
  name: '名称',
  shortName: '简称',
  kind: '类型',
  level: '层级',
  parentId: '上级单位',
  contactEmails: '联系邮箱',
  url: '网址',
  platformLabel: '平台',
  address: '登录地址',
  created: '新建',
  updated: '更新',
  rows: '行数',
  replaced: '替换',
  months: '月份',
  month: '月份',
  unitCode: '单位代码',
  cumulativeTotal: '累计总条数',
  monthCount: '本月发布数',
  applicationCount: '本月依申请公开数',
  holidays: '法定节假日',
  makeupWorkdays: '调休上班日',
  date: '日期',
  enabled: '启用',
  severity: '严重程度',
  deductionPoints: '考核扣分',
  params: '参数',
  min: '最少次数',
  period: '周期',
  windowDays: '窗口天数',
  days: '期限天数',
  count: '计算方式',
  finalizeAfterDays: '定案宽限天数',
  status: '状态',
  waiveReason: '豁免原因',
  waivedAt: '豁免时间',
  observed: '已发现次数',
  required: '要求次数',
  periodStart: '周期开始',
  periodEnd: '周期结束',
  dueAt: '截止时间',
  finalizeAt: '定案时间',
  final: '已定案',
  taskId: '整改任务',
  requirementCode: '工作要求',
  subjectType: '对象类型',
  subjectId: '对象',
  channelId: '载体',
  channelName: '载体',
  unitName: '单位',
  category: '问题类别',
  source: '来源',
  description: '问题描述',
  foundAt: '发现时间',
  dueSoonWorkingDays: '到期前提醒（提前工作日数）',
  remindAt: '提醒时间',
  workingHours: '发送时段',
  start: '开始',
  end: '结束',
  escalation: '逾期升级',
  afterWorkingDays: '逾期工作日数',
  maxRepeats: '最多次数',
  everyWorkingDays: '间隔工作日数',
  digestAt: '每日汇总时间',
  digestMissedItemDays: '汇总未达标天数',
  updateUnseen: '未见更新提醒',
  dailyAt: '当日提醒时间',
  weeklyWeekday: '每周提醒（周几）',
  weeklyAt: '每周提醒时间',
  ratePerSecond: '每秒最多发送',
  stuckSendingSeconds: '发送超时秒数',
  dueWorkingDays: '整改期限（工作日）',
  finding: '检查发现',
  checklist: '清单未达标',
  findingBySource: '按来源',
  byCategory: '按问题类别',
  bySource: '按来源',
  findingDefaults: '问题默认值',
};

const SEVERITY_LABELS: Record<string, string> = { normal: '一般', general: '一般', major: '较重', serious: '严重', veto: '单项否决' };

/** Labels of the values of a field; `kind` depends on what the entry is about. */
function valueLabels(field: string, entityType: string): Record<string, string> | undefined {
  switch (field) {
    case 'role':
      return ROLE_LABELS;
    case 'kind':
      return entityType === 'unit' ? f.UNIT_KIND_LABELS : entityType === 'channel' ? f.CHANNEL_KIND_LABELS : entityType === 'calendar_day' ? f.DAY_KIND_LABELS : undefined;
    case 'level':
      return f.UNIT_LEVEL_LABELS;
    case 'status':
      return f.ITEM_STATUS_LABELS;
    case 'severity':
      return SEVERITY_LABELS;
    case 'category':
      return f.CATEGORY_LABELS;
    case 'source':
      return f.SOURCE_LABELS;
    case 'count':
      return { working: '工作日', calendar: '自然日' };
    case 'period':
      return PERIOD_LABELS;
    default:
      return undefined;
  }
}

function segmentLabel(segment: string): string {
  return FIELD_LABELS[segment] ?? KIND_LABELS[segment] ?? f.SOURCE_LABELS[segment] ?? f.CATEGORY_LABELS[segment] ?? segment;
}

/** Nested settings become dotted paths (`escalation.maxRepeats`); lists stay whole. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      if (!prefix && IGNORED.has(key)) continue;
      flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    }
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export class AuditFormatter {
  constructor(
    private readonly formatInstant: (value: string) => string,
    /** Names of the units the page's entries mention, by id. */
    private readonly unitNames: Map<number, string> = new Map(),
    private readonly requirementTitles: Record<string, string> = {},
  ) {}

  describe(entry: AuditEntryInput): AuditEntryView {
    return {
      id: Number(entry.id),
      at: entry.at,
      actor: entry.actorId == null ? '系统' : entry.actorUsername,
      action: AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
      object: this.objectOf(entry),
      changes: this.changesOf(entry),
    };
  }

  private objectOf(entry: AuditEntryInput): string {
    const label = AUDIT_ENTITY_LABELS[entry.entityType] ?? entry.entityType;
    const data = (entry.after ?? entry.before ?? {}) as Record<string, unknown>;
    const name = [data.username, data.name].find((v) => typeof v === 'string' && v);
    const id = entry.entityId;
    if (id == null || id === 'reminders' || id === 'rectification') return label;
    if (/^\d+$/.test(id)) return name ? `${label} ${name}（#${id}）` : `${label} #${id}`;
    if (entry.entityType === 'disclosure_stat') {
      const [unitId, month] = id.split('/');
      return `${label} ${this.unitNames.get(Number(unitId)) ?? `#${unitId}`} ${month ?? ''}`.trim();
    }
    return `${label} ${id}`;
  }

  private changesOf(entry: AuditEntryInput): AuditEntryView['changes'] {
    const after = flatten(entry.after);
    if (entry.before == null) {
      return [...after].map(([path, value]) => ({ field: this.fieldLabel(path), after: this.format(path, value, entry.entityType) }));
    }
    const before = flatten(entry.before);
    // Settings record only what was given; a full record lists every field. Either way the
    // fields of `after` are the ones the action set.
    const paths = entry.after == null ? [...before.keys()] : [...after.keys()];
    const changes: AuditEntryView['changes'] = [];
    for (const path of paths) {
      const [old, now] = [before.get(path), after.get(path)];
      if (JSON.stringify(old ?? null) === JSON.stringify(now ?? null)) continue;
      if (!before.has(path) && String(now) === entry.entityId) continue;
      changes.push({ field: this.fieldLabel(path), before: this.format(path, old, entry.entityType), after: this.format(path, now, entry.entityType) });
    }
    return changes;
  }

  private fieldLabel(path: string): string {
    return path.split('.').map(segmentLabel).join(' · ');
  }

  private format(path: string, value: unknown, entityType: string): string {
    const field = path.slice(path.lastIndexOf('.') + 1);
    if (value === null || value === undefined || value === '') return '（空）';
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (Array.isArray(value)) {
      if (!value.length) return '（空）';
      const items = value.slice(0, LIST_LIMIT).map((v) =>
        v !== null && typeof v === 'object' ? Object.values(v).map((inner) => this.format(field, inner, entityType)).join(' ') : this.format(field, v, entityType),
      );
      return items.join('、') + (value.length > LIST_LIMIT ? ` 等 ${value.length} 项` : '');
    }
    if (typeof value === 'object') return JSON.stringify(value);
    if ((field === 'unitId' || field === 'parentId') && typeof value === 'number') return this.unitNames.get(value) ?? `#${value}`;
    if (field === 'requirementCode' && typeof value === 'string') return this.requirementTitles[value] ?? value;
    const text = String(value);
    const labels = valueLabels(field, entityType);
    if (labels?.[text]) return labels[text];
    return INSTANT.test(text) ? this.formatInstant(text) : text;
  }
}

/** The unit ids an entry's values name (`unitId`, `parentId`, a disclosure row's `<unitId>/<month>`), to look their names up once per page. */
export function unitIdsOf(entries: AuditEntryInput[]): number[] {
  const ids = new Set<number>();
  for (const e of entries) {
    for (const data of [e.before, e.after]) {
      if (data && typeof data === 'object') for (const key of ['unitId', 'parentId']) if (typeof (data as Record<string, unknown>)[key] === 'number') ids.add((data as Record<string, number>)[key]);
    }
    if (e.entityType === 'disclosure_stat' && e.entityId?.includes('/')) ids.add(Number(e.entityId.split('/')[0]));
  }
  return [...ids];
}
