import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { findingCategoryOf, loadDefaultRules, parseRuleCsv, ruleProblem } from './content-rules';

const csv = (...rows: string[]) => Buffer.from(['pattern,kind,severity,suggestion,note', ...rows].join('\n'));

describe('parseRuleCsv', () => {
  it('reads rules with their lines, kinds and severities in any letter case', () => {
    const { rules, errors } = parseRuleCsv(csv('再接再励,typo,confirmed,再接再厉,', '截止目前,MISUSE,Suspected,截至目前,用“截至”', '"/截止(?=\\d{4}年)/",misuse,suspected,截至,'));
    expect(errors).toEqual([]);
    expect(rules).toEqual([
      { line: 2, pattern: '再接再励', kind: 'typo', severity: 'confirmed', suggestion: '再接再厉', note: null },
      { line: 3, pattern: '截止目前', kind: 'misuse', severity: 'suspected', suggestion: '截至目前', note: '用“截至”' },
      { line: 4, pattern: '/截止(?=\\d{4}年)/', kind: 'misuse', severity: 'suspected', suggestion: '截至', note: null },
    ]);
  });

  it('reads a file Excel saved as GBK', () => {
    const { rules, errors } = parseRuleCsv(iconv.encode('pattern,kind,severity,suggestion,note\r\n震憾,typo,confirmed,震撼,\r\n', 'gbk'));
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.pattern)).toEqual(['震憾']);
  });

  it.each([
    ['a pattern seen before, ignoring case and full-width forms', ['bet365,sensitive,confirmed,删除,', 'ＢＥＴ365,sensitive,confirmed,删除,'], 3, '与第 2 行重复'],
    ['a bad regular expression', ['"/截止(?=目前/",misuse,suspected,截至,'], 2, '正则表达式无效'],
    ['a missing suggestion', ['再接再励,typo,confirmed,,'], 2, '缺少 suggestion'],
    ['an unknown kind', ['再接再励,spelling,confirmed,再接再厉,'], 2, 'kind 必须是 typo、misuse、outdated_name、political、sensitive 之一'],
    ['an unknown severity', ['再接再励,typo,certain,再接再厉,'], 2, 'severity 必须是 confirmed'],
    ['a political rule that is only suspected', ['中华人民共合国,political,suspected,中华人民共和国,'], 2, 'political（严重表述错误）的 severity 必须是 confirmed'],
    ['an outdated name without the year of the change', ['国土资源局,outdated_name,suspected,自然资源局,机构改革'], 2, '须以更名年份开头'],
    ['a suggestion that still contains the pattern', ['截止,misuse,suspected,截止日期,'], 2, 'suggestion（更正建议）包含 pattern 本身'],
    ['a regex whose suggestion it still matches', ['"/截止/",misuse,suspected,截止日期,'], 2, '本身仍与 pattern 匹配'],
    ['a regex that can take exponential time', ['"/(截+)+止/",misuse,suspected,截至,'], 2, '嵌套重复'],
    ['a regex that matches the empty string', ['"/(?:截止)?/",misuse,suspected,截至,'], 2, '能匹配空字符串'],
    ['a one-character pattern', ['帐,typo,suspected,账,'], 2, 'pattern 过短'],
    ['a two-letter Latin pattern', ['av,sensitive,confirmed,删除,'], 2, 'pattern 过短'],
  ])('names the line of %s', (_what, rows, line, message) => {
    const { rules, errors } = parseRuleCsv(csv(...rows));
    expect(errors).toEqual([{ line, message: expect.stringContaining(message) }]);
    expect(rules).toHaveLength(rows.length - 1);
  });

  it('reports every bad line of a file at once', () => {
    const { errors } = parseRuleCsv(csv('再接再励,typo,confirmed,,', '好的,typo,confirmed,好,', '"/(/",typo,confirmed,x,'));
    expect(errors.map((e) => e.line)).toEqual([2, 4]);
  });
});

describe('ruleProblem', () => {
  it('accepts a sound rule of every kind', () => {
    expect(ruleProblem({ pattern: '国家卫计委', kind: 'outdated_name', severity: 'suspected', suggestion: '国家卫生健康委员会', note: '2018 国务院机构改革' })).toBeNull();
    expect(ruleProblem({ pattern: 'hg0088', kind: 'sensitive', severity: 'confirmed', suggestion: '删除', note: null })).toBeNull();
  });
});

describe('findingCategoryOf', () => {
  it('makes a wrong political formulation the veto category and everything else a typo', () => {
    expect(findingCategoryOf('political')).toBe('serious_error');
    expect(findingCategoryOf('sensitive')).toBe('typo');
  });
});

describe('loadDefaultRules', () => {
  it('numbers the shipped rules from 1 in file order', () => {
    const rules = loadDefaultRules();
    expect(rules[0]).toMatchObject({ id: 1, pattern: '再接再励', suggestion: '再接再厉' });
    expect(rules.map((r) => r.id)).toEqual(rules.map((_, i) => i + 1));
  });

  it('refuses a file with a bad row, naming the line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.csv');
    writeFileSync(path, csv('再接再励,typo,confirmed,再接再厉,', '截止目前,misuse,confirmed,,').toString());
    expect(() => loadDefaultRules(path)).toThrow(/第 3 行：缺少 suggestion/);
  });
});
