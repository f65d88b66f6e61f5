import { compileRulePattern, ContentRule, isRegexPattern, RuleKind, RuleSeverity } from './content-rules';
import { LiteralAutomaton } from './literal-automaton';
import { hasLatinEdge, standsAsWord } from './text-fold';

/** One problem found in a text; `start`/`end` are JavaScript string (UTF-16) indices. */
export interface ContentHit {
  start: number;
  end: number;
  /** The text as written at [start, end). */
  text: string;
  suggestion: string;
  kind: RuleKind;
  severity: RuleSeverity;
  ruleId: number;
}

/** A phrase that suppresses the hits inside it: for one unit, or everywhere when `unitId` is null. */
export interface ContentException {
  phrase: string;
  unitId: number | null;
}

/**
 * Proper names that contain a rule (a place, a company, a quoted old document title) and were
 * dismissed with an exception. Built once from the exception list and passed to each check.
 */
export class ContentExceptions {
  private readonly automaton: LiteralAutomaton;

  constructor(private readonly entries: readonly ContentException[]) {
    this.automaton = new LiteralAutomaton(entries.map((e) => e.phrase));
  }

  /** The spans of `text` covered by an exception that applies to `unitId`. */
  spans(text: string, unitId: number | null): [number, number][] {
    const spans: [number, number][] = [];
    this.automaton.forEachMatch(text, (index, start, end) => {
      const owner = this.entries[index].unitId;
      if (owner === null || owner === unitId) spans.push([start, end]);
    });
    return spans;
  }
}

export interface CheckOptions {
  exceptions?: ContentExceptions;
  /** The unit whose text this is; its own exceptions apply besides the global ones. */
  unitId?: number | null;
}

// An outdated name written on purpose — 原国家卫生计生委, 将国土资源部的职责整合,
// 不再保留文化部、国家旅游局, 国家煤矿安全监察局更名为… — names the old body, as reform
// documents and history pages must. A marker right before or after the name says so, or a
// marker earlier in the same clause (其前身为县扶贫开发办公室), or one that opens a list the
// name is in (原工商局、质监局、食药监局). Such a hit is not a problem.
const HISTORICAL_BEFORE = ['原', '将', '前身为', '前身是', '撤销', '撤并', '不再保留'];
const HISTORICAL_IN_CLAUSE = ['不再保留', '撤销', '撤并', '前身'];
const HISTORICAL_AFTER = ['更名', '改名', '改为', '改组', '重组', '并入', '撤销', '的职责', '职责划入', '整合'];
const CLAUSE_END = /[，,。；;！!？?\n]/;

function namesTheOldBody(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  let cut = before.length;
  while (cut > 0 && !CLAUSE_END.test(before[cut - 1])) cut--;
  const clause = before.slice(cut);
  const after = text.slice(end, end + 4);
  return (
    HISTORICAL_BEFORE.some((m) => before.endsWith(m)) ||
    HISTORICAL_IN_CLAUSE.some((m) => clause.includes(m)) ||
    (clause.endsWith('、') && HISTORICAL_BEFORE.some((m) => clause.startsWith(m))) ||
    HISTORICAL_AFTER.some((m) => after.startsWith(m))
  );
}

const SEVERITY_RANK: Record<RuleSeverity, number> = { confirmed: 0, suspected: 1 };

/**
 * Keeps one reading of every stretch of text. The longest hit wins wherever hits overlap; at
 * equal length the one that starts first wins (text is read left to right); for the very
 * same span a confirmed rule beats a suspected one, then the lower rule id (the earlier
 * rule). A hit that lost is dropped whole, never trimmed. Returns the winners by position.
 */
export function resolveOverlaps<T extends { start: number; end: number; severity: RuleSeverity; ruleId: number }>(hits: T[], textLength: number): T[] {
  if (hits.length < 2) return hits;
  const ordered = [...hits].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.ruleId - b.ruleId,
  );
  // Each kept hit marks the units it covers; a candidate touching a marked unit overlaps.
  // Patterns are short, so this is linear in the total length of the hits.
  const taken = new Uint8Array(textLength);
  const kept: T[] = [];
  for (const hit of ordered) {
    let free = true;
    for (let i = hit.start; i < hit.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, hit.start, hit.end);
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Checks text against a set of rules: literal rules all at once with one automaton, the few
 * regular-expression rules one by one. Build it once per set of rules and reuse it; it keeps
 * no state between checks.
 */
export class ContentMatcher {
  private readonly literals: ContentRule[] = [];
  private readonly latinEdged: boolean[] = [];
  private readonly automaton: LiteralAutomaton;
  private readonly regexRules: { rule: ContentRule; regex: RegExp }[] = [];

  constructor(rules: readonly ContentRule[]) {
    for (const rule of rules) {
      if (isRegexPattern(rule.pattern)) {
        this.regexRules.push({ rule, regex: compileRulePattern(rule.pattern) });
      } else {
        this.literals.push(rule);
        this.latinEdged.push(hasLatinEdge(rule.pattern));
      }
    }
    this.automaton = new LiteralAutomaton(this.literals.map((r) => r.pattern));
  }

  get ruleCount(): number {
    return this.literals.length + this.regexRules.length;
  }

  check(text: string, options: CheckOptions = {}): ContentHit[] {
    const candidates: ContentHit[] = [];
    const add = (rule: ContentRule, start: number, end: number) =>
      candidates.push({ start, end, text: text.slice(start, end), suggestion: rule.suggestion, kind: rule.kind, severity: rule.severity, ruleId: rule.id });

    this.automaton.forEachMatch(text, (index, start, end) => {
      if (this.latinEdged[index] && !standsAsWord(text, start, end)) return;
      add(this.literals[index], start, end);
    });
    for (const { rule, regex } of this.regexRules) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        add(rule, m.index, m.index + m[0].length);
      }
    }
    if (candidates.length === 0) return candidates;

    let allowed = candidates;
    if (options.exceptions) {
      const spans = options.exceptions.spans(text, options.unitId ?? null);
      if (spans.length) allowed = candidates.filter((h) => !spans.some(([s, e]) => s <= h.start && h.end <= e));
    }
    // The historical reading is judged on the winner: were it dropped before, a shorter rule
    // inside the same name (卫生计生委 in 原国家卫生计生委) would take its place.
    return resolveOverlaps(allowed, text.length).filter((h) => h.kind !== 'outdated_name' || !namesTheOldBody(text, h.start, h.end));
  }
}

/** The text around a hit that an issue keeps: up to `radius` characters (code points) each side. */
export function excerptAround(text: string, start: number, end: number, radius = 20): { excerpt: string; hitStart: number; hitEnd: number } {
  let from = start;
  for (let n = 0; n < radius && from > 0; n++) from -= from >= 2 && isLowSurrogate(text.charCodeAt(from - 1)) && isHighSurrogate(text.charCodeAt(from - 2)) ? 2 : 1;
  let to = end;
  for (let n = 0; n < radius && to < text.length; n++) to += isHighSurrogate(text.charCodeAt(to)) && isLowSurrogate(text.charCodeAt(to + 1)) ? 2 : 1;
  // Line breaks and tabs become spaces (one unit for one), so the excerpt reads as one line
  // and the hit's offsets inside it stay exact.
  return { excerpt: text.slice(from, to).replace(/[\r\n\t\v\f]/g, ' '), hitStart: start - from, hitEnd: end - from };
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
