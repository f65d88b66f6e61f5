import { readFileSync } from 'node:fs';
import { fromRoot } from '../common/paths';
import { ContentMatcher } from './content-matcher';
import { isRegexPattern, loadDefaultRules, RULE_KINDS } from './content-rules';

// The shipped dictionary against two corpora in data/content-checks/: correct official
// sentences, on which it must raise nothing (an editor who gets false alarms stops reading
// the queue), and wrong sentences, each of which it must catch with the named rule.

const rules = loadDefaultRules();
const matcher = new ContentMatcher(rules);
const byPattern = new Map(rules.map((r) => [r.pattern, r]));

const lines = (file: string) =>
  readFileSync(fromRoot('data/content-checks', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'));

describe('the default dictionary', () => {
  it('has at least 500 rules and rules of every kind', () => {
    expect(rules.length).toBeGreaterThanOrEqual(500);
    for (const kind of RULE_KINDS) expect(rules.filter((r) => r.kind === kind).length).toBeGreaterThanOrEqual(40);
  });

  it('keeps political and sensitive rules confirmed and gives every outdated name its year', () => {
    expect(rules.filter((r) => (r.kind === 'political' || r.kind === 'sensitive') && r.severity !== 'confirmed')).toEqual([]);
    expect(rules.filter((r) => r.kind === 'outdated_name' && !/^(19|20)\d\d/.test(r.note ?? ''))).toEqual([]);
  });

  it('raises nothing on the correct official sentences, the requirement sentences among them', () => {
    const correct = lines('correct-sentences.txt');
    expect(correct.length).toBeGreaterThanOrEqual(300);
    expect(correct).toEqual(
      expect.arrayContaining([
        '政府网站首页信息每天至少更新一次。',
        '市、县级人民政府政务新媒体保持每个工作日更新。',
        '县级以上政府部门和乡镇(街道)政务新媒体每周更新不少于2次。',
        '简单咨询类网民留言3日内办结回复。',
        '一般性网民留言5个工作日内办结回复。',
        '所有政策文件必须要做政策解读，且政策文件和政策解读做好互链。',
        '节假日实行7×24小时应急值班。',
      ]),
    );
    const falseAlarms = correct.flatMap((sentence) => matcher.check(sentence).map((h) => `${sentence} → ${h.text}（规则 ${h.ruleId}）`));
    expect(falseAlarms).toEqual([]);
  });

  it('finds the error of every wrong sentence with the right rule, and nothing else', () => {
    const wrong = lines('wrong-sentences.tsv').map((line) => line.split('\t') as [string, string]);
    expect(wrong.length).toBeGreaterThanOrEqual(200);
    const misses: string[] = [];
    for (const [pattern, sentence] of wrong) {
      const rule = byPattern.get(pattern);
      if (!rule) {
        misses.push(`${sentence}: no rule ${pattern}`);
        continue;
      }
      const hits = matcher.check(sentence);
      if (hits.length !== 1 || hits[0].ruleId !== rule.id) misses.push(`${sentence}: expected ${pattern}, got ${JSON.stringify(hits.map((h) => h.text))}`);
    }
    expect(misses).toEqual([]);
    const kindsCovered = new Set(wrong.map(([pattern]) => byPattern.get(pattern)?.kind));
    expect([...kindsCovered].sort()).toEqual([...RULE_KINDS].sort());
  });

  it('lets every literal rule be found on its own: no rule is hidden inside a longer one', () => {
    // A rule whose pattern always lies inside a longer rule's pattern could never win.
    const unreachable = rules
      .filter((r) => !isRegexPattern(r.pattern))
      .filter((r) => {
        const hits = matcher.check(`据了解，${r.pattern}。`);
        return !hits.some((h) => h.ruleId === r.id);
      })
      .map((r) => r.pattern);
    expect(unreachable).toEqual([]);
  });

  it('never flags its own suggestions', () => {
    const flagged = rules.flatMap((r) => matcher.check(r.suggestion).map((h) => `${r.pattern} → ${r.suggestion}: ${h.text}`));
    expect(flagged).toEqual([]);
  });
});
