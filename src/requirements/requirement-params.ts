import { RequirementKind, RequirementParams } from './built-in-requirements';

/**
 * Which parameters an admin may change for each kind of requirement, and their ranges. The
 * period of a frequency rule is part of what the rule is (a daily rule made weekly would be a
 * different requirement), so it is not editable; everything else is a number or a count mode.
 */
type ParamRule = { type: 'int'; min: number; max: number } | { type: 'enum'; values: readonly string[] };

const MIN: ParamRule = { type: 'int', min: 1, max: 1000 };
const FINALIZE: ParamRule = { type: 'int', min: 0, max: 30 };

export const EDITABLE_PARAMS: Record<RequirementKind, Record<string, ParamRule>> = {
  publication_frequency: { min: MIN, finalizeAfterDays: FINALIZE },
  silence: { windowDays: { type: 'int', min: 1, max: 90 }, min: MIN, finalizeAfterDays: FINALIZE },
  response_deadline: { days: { type: 'int', min: 1, max: 60 }, count: { type: 'enum', values: ['working', 'calendar'] }, finalizeAfterDays: FINALIZE },
  interpretation_link: { days: { type: 'int', min: 1, max: 60 }, count: { type: 'enum', values: ['working', 'calendar'] }, finalizeAfterDays: FINALIZE },
  attestation: { finalizeAfterDays: FINALIZE },
};

/**
 * Checks a partial change of a requirement's parameters; returns the merged parameters or the
 * problems, each naming the field (`params.windowDays 必须是 1 到 90 的整数`).
 */
export function mergeParams(kind: RequirementKind, current: RequirementParams, change: unknown): { params?: RequirementParams; problems: string[] } {
  if (change === null || typeof change !== 'object' || Array.isArray(change)) return { problems: ['params 必须是对象'] };
  const rules = EDITABLE_PARAMS[kind];
  const problems: string[] = [];
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    const rule = rules[key];
    if (!rule) {
      const editable = Object.keys(rules).join(', ');
      problems.push(key in current ? `params.${key} 不能修改（可修改：${editable}）` : `params.${key} 是未知字段（可修改：${editable}）`);
      continue;
    }
    if (rule.type === 'int') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
        problems.push(`params.${key} 必须是 ${rule.min} 到 ${rule.max} 的整数`);
        continue;
      }
    } else if (typeof value !== 'string' || !rule.values.includes(value)) {
      problems.push(`params.${key} 必须是以下之一：${rule.values.join(', ')}`);
      continue;
    }
    merged[key] = value;
  }
  return problems.length ? { problems } : { params: merged as RequirementParams, problems };
}
