import { readFileSync } from 'node:fs';
import { parseCsv } from '../common/csv';
import { fromRoot } from '../common/paths';
import { foldText } from './text-fold';

// The rules of 错敏字 checking and their CSV form (`pattern,kind,severity,suggestion,note`),
// the same file whether it is the dictionary shipped in data/content-checks/ or one an admin
// imports. Validation names the line of every bad row, so a file is fixed in one pass.

export const RULE_KINDS = ['typo', 'misuse', 'outdated_name', 'political', 'sensitive'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_SEVERITIES = ['confirmed', 'suspected'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  typo: '错别字',
  misuse: '用词不当',
  outdated_name: '过时名称',
  political: '严重表述错误',
  sensitive: '敏感信息',
};

export const RULE_SEVERITY_LABELS: Record<RuleSeverity, string> = { confirmed: '确定', suspected: '疑似' };

/**
 * The finding a confirmed hit opens: a wrong political formulation is the national index's
 * veto item 严重表述错误 (`serious_error`); everything else is an ordinary 错别字 (`typo`).
 */
export function findingCategoryOf(kind: RuleKind): 'serious_error' | 'typo' {
  return kind === 'political' ? 'serious_error' : 'typo';
}

/** A rule as written in a file or a form, before it has a database id. */
export interface RuleInput {
  pattern: string;
  kind: RuleKind;
  severity: RuleSeverity;
  suggestion: string;
  note: string | null;
}

/** A rule the matcher runs: an input with the id its hits report. */
export interface ContentRule extends RuleInput {
  id: number;
}

export interface RuleLineError {
  line: number;
  message: string;
}

export const RULE_CSV_COLUMNS = ['pattern', 'kind', 'severity', 'suggestion'];
export const RULE_CSV_OPTIONAL_COLUMNS = ['note'];

const MAX_PATTERN_LENGTH = 100;
const MAX_REGEX_LENGTH = 300;

/** `/…/` is a regular expression (for context); anything else is a literal phrase. */
export function isRegexPattern(pattern: string): boolean {
  return pattern.length >= 3 && pattern.startsWith('/') && pattern.endsWith('/');
}

/**
 * Regular-expression rules see the original text, case-insensitively (`i`), with Unicode
 * semantics (`u`, so `.` is a whole character outside the BMP and bad escapes are errors).
 */
export function compileRulePattern(pattern: string): RegExp {
  return new RegExp(pattern.slice(1, -1), 'giu');
}

// A quantified group whose body is itself repeated ((a+)+, (\d*x)*, (?:ab+){2,}) can take
// exponential time on a near-miss; an admin's rule must never stall the worker on a page.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/** The problem with one rule, in the words an admin reads, or null when it is sound. */
export function ruleProblem(rule: RuleInput): string | null {
  const { pattern, kind, severity, suggestion, note } = rule;
  if (!pattern) return '缺少 pattern（要查找的词语）';
  if (!(RULE_KINDS as readonly string[]).includes(kind)) return `kind 必须是 ${RULE_KINDS.join('、')} 之一，而不是“${kind}”`;
  if (!(RULE_SEVERITIES as readonly string[]).includes(severity)) return `severity 必须是 confirmed（确定）或 suspected（疑似），而不是“${severity}”`;
  if (kind === 'political' && severity !== 'confirmed') return 'political（严重表述错误）的 severity 必须是 confirmed';
  if (!suggestion) return '缺少 suggestion（更正建议）';
  if (kind === 'outdated_name' && !/^(19|20)\d\d\b/.test(note ?? '')) return 'outdated_name（过时名称）的 note 须以更名年份开头，如“2018 国务院机构改革”';

  if (isRegexPattern(pattern)) {
    if (pattern.length > MAX_REGEX_LENGTH) return `正则表达式过长（最多 ${MAX_REGEX_LENGTH} 个字符）`;
    let regex: RegExp;
    try {
      regex = compileRulePattern(pattern);
    } catch (error) {
      return `正则表达式无效：${(error as Error).message}`;
    }
    if (NESTED_QUANTIFIER.test(pattern)) return '正则表达式含嵌套重复（如 (a+)+），可能极慢，请改写';
    if (regex.test('')) return '正则表达式能匹配空字符串，请至少包含一个必须出现的字';
    regex.lastIndex = 0;
    if (regex.test(suggestion)) return 'suggestion（更正建议）本身仍与 pattern 匹配';
    return null;
  }

  if (/^\s|\s$/.test(pattern)) return 'pattern 首尾不能有空白';
  const characters = [...pattern];
  if (characters.length > MAX_PATTERN_LENGTH) return `pattern 过长（最多 ${MAX_PATTERN_LENGTH} 个字）`;
  // One character, or two Latin letters, would fire inside countless correct words.
  if (characters.length < 2 || (/^[\x20-\x7e]+$/.test(pattern) && characters.length < 3)) {
    return 'pattern 过短：至少 2 个汉字或 3 个字母数字';
  }
  if (foldText(suggestion).includes(foldText(pattern))) return 'suggestion（更正建议）包含 pattern 本身，改后仍会被查出';
  return null;
}

/**
 * Reads rule rows: every problem is reported with its line, and duplicates are found the way
 * the matcher sees patterns (letters folded to lower case, full-width forms to half-width), so
 * `BET365` and `ｂｅｔ３６５` are one pattern.
 */
export function parseRuleCsv(buffer: Buffer): { rules: (RuleInput & { line: number })[]; errors: RuleLineError[] } {
  const rows = parseCsv(buffer, RULE_CSV_COLUMNS, RULE_CSV_OPTIONAL_COLUMNS);
  const rules: (RuleInput & { line: number })[] = [];
  const errors: RuleLineError[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of rows) {
    const rule: RuleInput = {
      pattern: values.pattern ?? '',
      kind: (values.kind ?? '').toLowerCase() as RuleKind,
      severity: (values.severity ?? '').toLowerCase() as RuleSeverity,
      suggestion: values.suggestion ?? '',
      note: values.note ? values.note : null,
    };
    const problem = ruleProblem(rule);
    if (problem) {
      errors.push({ line, message: problem });
      continue;
    }
    const key = isRegexPattern(rule.pattern) ? rule.pattern : foldText(rule.pattern);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      errors.push({ line, message: `pattern“${rule.pattern}”与第 ${earlier} 行重复（不区分大小写和全角半角）` });
      continue;
    }
    firstLine.set(key, line);
    rules.push({ ...rule, line });
  }
  return { rules, errors };
}

export const DEFAULT_RULES_FILE = 'data/content-checks/default-rules.csv';

/**
 * The dictionary Duban ships, with ids by position (1 for the first rule), as the seed of the
 * rule table will number them. A bad row is a defect of the release: every one is listed.
 */
export function loadDefaultRules(path = fromRoot(DEFAULT_RULES_FILE)): ContentRule[] {
  const { rules, errors } = parseRuleCsv(readFileSync(path));
  if (errors.length) throw new Error(`${path}:\n${errors.map((e) => `第 ${e.line} 行：${e.message}`).join('\n')}`);
  return rules.map(({ line: _line, ...rule }, i) => ({ id: i + 1, ...rule }));
}
