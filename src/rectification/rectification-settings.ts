// Rectification settings: how long a unit has to rectify, and the default severity and
// assessment deduction of a finding. Defaults from DESIGN.md "Rectification workflow": a
// finding's task is due 5 working days after discovery, a task made from missed checklist
// items 3 working days after it is opened.

export const FINDING_CATEGORIES = ['not_updated', 'typo', 'no_interaction', 'broken_link', 'policy_unlinked', 'other'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
export const FINDING_SOURCES = ['city_check', 'national_check', 'self_check', 'automatic'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];
/** 一般 / 严重 / 单项否决 (a veto fails the unit outright in a national check). */
export const SEVERITIES = ['general', 'serious', 'veto'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORY_LABELS: Record<FindingCategory, string> = {
  not_updated: '未及时更新',
  typo: '错敏字',
  no_interaction: '互动渠道缺失',
  broken_link: '链接失效',
  policy_unlinked: '政策解读未互链',
  other: '其他问题',
};
export const SOURCE_LABELS: Record<FindingSource, string> = {
  city_check: '市级检查',
  national_check: '国办检查',
  self_check: '自查',
  automatic: '系统发现',
};
export const CHECKLIST_SOURCE_LABEL = '清单未达标';

/** Where a task came from, in the same words in the list, the task page and the ledger: who found it, or the checklist. */
export function taskSourceLabel(task: { findingSource: FindingSource | null }): string {
  return task.findingSource ? SOURCE_LABELS[task.findingSource] : CHECKLIST_SOURCE_LABEL;
}

export interface FindingDefault {
  severity?: Severity;
  deductionPoints?: number;
}

export interface RectificationSettings {
  dueWorkingDays: {
    finding: number;
    checklist: number;
    /** Overrides for findings of a source. */
    findingBySource: Partial<Record<FindingSource, number>>;
    /** Overrides by category (finding categories or checklist task categories); wins over source. */
    byCategory: Record<string, number>;
  };
  findingDefaults: {
    severity: Severity;
    deductionPoints: number;
    byCategory: Partial<Record<FindingCategory, FindingDefault>>;
    /** Wins over byCategory: who found a problem decides whether it is deducted. */
    bySource: Partial<Record<FindingSource, FindingDefault>>;
  };
}

export const SETTING_KEYS = ['dueWorkingDays', 'findingDefaults'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const DEFAULT_SETTINGS: RectificationSettings = {
  dueWorkingDays: { finding: 5, checklist: 3, findingBySource: {}, byCategory: {} },
  findingDefaults: {
    severity: 'general',
    deductionPoints: 0,
    byCategory: {},
    // Problems named in a national check are deducted in the annual assessment (DESIGN.md).
    bySource: { national_check: { severity: 'serious', deductionPoints: 1 } },
  },
};

const MAX_DAYS = 365;

function isDays(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_DAYS;
}

function isPoints(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 && Math.round(value * 100) === value * 100;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problems with a settings update, one message per field, in Chinese; empty when sound. */
export function validateSettings(input: Partial<Record<SettingKey, unknown>>): string[] {
  const problems: string[] = [];
  const days = input.dueWorkingDays;
  if (days !== undefined) {
    if (!isPlainObject(days)) problems.push('dueWorkingDays 必须是对象');
    else {
      for (const key of Object.keys(days)) if (!['finding', 'checklist', 'findingBySource', 'byCategory'].includes(key)) problems.push(`dueWorkingDays.${key} 是未知字段`);
      for (const key of ['finding', 'checklist'] as const) if (!isDays(days[key])) problems.push(`dueWorkingDays.${key} 必须是 1 到 ${MAX_DAYS} 的整数（工作日）`);
      const bySource = days.findingBySource ?? {};
      if (!isPlainObject(bySource)) problems.push('dueWorkingDays.findingBySource 必须是对象');
      else
        for (const [source, value] of Object.entries(bySource)) {
          if (!FINDING_SOURCES.includes(source as FindingSource)) problems.push(`dueWorkingDays.findingBySource.${source}: 来源必须是以下之一：${FINDING_SOURCES.join(', ')}`);
          if (!isDays(value)) problems.push(`dueWorkingDays.findingBySource.${source} 必须是 1 到 ${MAX_DAYS} 的整数`);
        }
      const byCategory = days.byCategory ?? {};
      if (!isPlainObject(byCategory)) problems.push('dueWorkingDays.byCategory 必须是对象');
      else
        for (const [category, value] of Object.entries(byCategory)) {
          if (!/^[a-z0-9_]{1,32}$/.test(category)) problems.push(`dueWorkingDays.byCategory.${category}: 类别只能包含小写字母、数字和 _`);
          if (!isDays(value)) problems.push(`dueWorkingDays.byCategory.${category} 必须是 1 到 ${MAX_DAYS} 的整数`);
        }
    }
  }
  const defaults = input.findingDefaults;
  if (defaults !== undefined) {
    if (!isPlainObject(defaults)) problems.push('findingDefaults 必须是对象');
    else {
      for (const key of Object.keys(defaults)) if (!['severity', 'deductionPoints', 'byCategory', 'bySource'].includes(key)) problems.push(`findingDefaults.${key} 是未知字段`);
      if (!SEVERITIES.includes(defaults.severity as Severity)) problems.push(`findingDefaults.severity 必须是以下之一：${SEVERITIES.join(', ')}`);
      if (!isPoints(defaults.deductionPoints)) problems.push('findingDefaults.deductionPoints 必须是 0 到 100 的数（最多两位小数）');
      const check = (field: string, allowed: readonly string[], map: unknown) => {
        if (map === undefined) return;
        if (!isPlainObject(map)) return problems.push(`${field} 必须是对象`);
        for (const [key, value] of Object.entries(map)) {
          if (!allowed.includes(key)) problems.push(`${field}.${key}: 必须是以下之一：${allowed.join(', ')}`);
          if (!isPlainObject(value)) {
            problems.push(`${field}.${key} 必须是 {severity?, deductionPoints?}`);
            continue;
          }
          for (const k of Object.keys(value)) if (!['severity', 'deductionPoints'].includes(k)) problems.push(`${field}.${key}.${k} 是未知字段`);
          if (value.severity !== undefined && !SEVERITIES.includes(value.severity as Severity)) problems.push(`${field}.${key}.severity 必须是以下之一：${SEVERITIES.join(', ')}`);
          if (value.deductionPoints !== undefined && !isPoints(value.deductionPoints)) problems.push(`${field}.${key}.deductionPoints 必须是 0 到 100 的数（最多两位小数）`);
        }
      };
      check('findingDefaults.byCategory', FINDING_CATEGORIES, defaults.byCategory);
      check('findingDefaults.bySource', FINDING_SOURCES, defaults.bySource);
    }
  }
  return problems;
}

/** Stored values over the defaults, key by key (a key never stored keeps its default). */
export function mergeSettings(stored: Partial<Record<SettingKey, unknown>>): RectificationSettings {
  const dueWorkingDays = { ...DEFAULT_SETTINGS.dueWorkingDays, ...(stored.dueWorkingDays as object | undefined) };
  const findingDefaults = { ...DEFAULT_SETTINGS.findingDefaults, ...(stored.findingDefaults as object | undefined) };
  return {
    dueWorkingDays: { ...dueWorkingDays, findingBySource: dueWorkingDays.findingBySource ?? {}, byCategory: dueWorkingDays.byCategory ?? {} },
    findingDefaults: { ...findingDefaults, byCategory: findingDefaults.byCategory ?? {}, bySource: findingDefaults.bySource ?? {} },
  };
}

export function findingDueDays(settings: RectificationSettings, source: FindingSource, category: FindingCategory): number {
  const days = settings.dueWorkingDays;
  return days.byCategory[category] ?? days.findingBySource[source] ?? days.finding;
}

export function checklistDueDays(settings: RectificationSettings, category: string): number {
  return settings.dueWorkingDays.byCategory[category] ?? settings.dueWorkingDays.checklist;
}

export function findingDefaultsFor(settings: RectificationSettings, source: FindingSource, category: FindingCategory): { severity: Severity; deductionPoints: number } {
  const d = settings.findingDefaults;
  return {
    severity: d.bySource[source]?.severity ?? d.byCategory[category]?.severity ?? d.severity,
    deductionPoints: d.bySource[source]?.deductionPoints ?? d.byCategory[category]?.deductionPoints ?? d.deductionPoints,
  };
}
