import fc from 'fast-check';
import { ContentExceptions, ContentHit, ContentMatcher, excerptAround, resolveOverlaps } from './content-matcher';
import { ContentRule, RuleKind, RuleSeverity } from './content-rules';

let nextId = 1;
const rule = (pattern: string, kind: RuleKind = 'typo', severity: RuleSeverity = 'confirmed', suggestion = '改'): ContentRule => ({
  id: nextId++,
  pattern,
  kind,
  severity,
  suggestion,
  note: kind === 'outdated_name' ? '2018' : null,
});
const texts = (hits: ContentHit[]) => hits.map((h) => h.text);

describe('ContentMatcher', () => {
  it('reports start and end as string indices, with the text, suggestion, kind, severity and rule', () => {
    const r = rule('再接再励', 'typo', 'confirmed', '再接再厉');
    const text = '我们要再接再励。';
    const [hit] = new ContentMatcher([r]).check(text);
    expect(hit).toEqual({ start: 3, end: 7, text: '再接再励', suggestion: '再接再厉', kind: 'typo', severity: 'confirmed', ruleId: r.id });
    expect(text.slice(hit.start, hit.end)).toBe('再接再励');
  });

  it('keeps positions exact after characters outside the BMP', () => {
    const text = '😀😀𠮷截止目前';
    const [hit] = new ContentMatcher([rule('截止目前', 'misuse')]).check(text);
    expect([hit.start, hit.end]).toEqual([6, 10]);
    expect(text.slice(hit.start, hit.end)).toBe('截止目前');
  });

  it('lets the longest of overlapping hits win', () => {
    const matcher = new ContentMatcher([rule('卫生计生委', 'outdated_name', 'suspected'), rule('国家卫生计生委', 'outdated_name', 'suspected'), rule('计生委', 'outdated_name', 'suspected')]);
    expect(texts(matcher.check('国家卫生计生委印发通知'))).toEqual(['国家卫生计生委']);
  });

  it('lets a longer hit win even when a shorter one starts earlier', () => {
    const matcher = new ContentMatcher([rule('甲乙'), rule('乙丙丁')]);
    expect(texts(matcher.check('甲乙丙丁'))).toEqual(['乙丙丁']);
  });

  it('at equal length keeps the hit that starts first, and what no winner overlaps', () => {
    const matcher = new ContentMatcher([rule('乙丙'), rule('甲乙'), rule('丁戊')]);
    expect(texts(matcher.check('甲乙丙丁戊'))).toEqual(['甲乙', '丁戊']);
  });

  it('for the same span prefers a confirmed rule, then the earlier rule', () => {
    const suspected = rule('/截止(?=目前)/', 'misuse', 'suspected', '截至');
    const confirmed = rule('截止', 'misuse', 'confirmed', '截至');
    expect(new ContentMatcher([suspected, confirmed]).check('截止目前')).toEqual([expect.objectContaining({ ruleId: confirmed.id })]);
    const first = rule('截止', 'misuse', 'suspected', '截至');
    const second = rule('/截止/', 'misuse', 'suspected', '截至');
    expect(new ContentMatcher([second, first]).check('截止目前')).toEqual([expect.objectContaining({ ruleId: first.id })]);
  });

  it('uses regular-expression rules for context: 截止 before a date is wrong, 截止日期 is right', () => {
    const matcher = new ContentMatcher([rule('/截止(?=\\d{4}年)/', 'misuse', 'suspected', '截至')]);
    expect(texts(matcher.check('截止2024年底，截止日期为6月30日，截止2025年。'))).toEqual(['截止', '截止']);
    expect(matcher.check('申报截止日期为6月30日')).toEqual([]);
  });

  it('skips empty regex matches without looping', () => {
    const matcher = new ContentMatcher([rule('/(?:截止)?(?=目前)/', 'misuse', 'suspected', '截至')]);
    expect(texts(matcher.check('目前截止目前'))).toEqual(['截止']);
  });

  it('matches Latin patterns as words, in any case and width', () => {
    const matcher = new ContentMatcher([rule('bet365', 'sensitive'), rule('bocai', 'sensitive'), rule('hg0088', 'sensitive')]);
    expect(texts(matcher.check('访问BET365、ｂｅｔ３６５官网 www.bet365.com hg0088手机版'))).toEqual(['BET365', 'ｂｅｔ３６５', 'bet365', 'hg0088']);
    expect(matcher.check('xbocai bocaiwang hg00888 abet365')).toEqual([]);
  });

  it('does not report an outdated name written on purpose', () => {
    const matcher = new ContentMatcher([rule('国家卫生计生委', 'outdated_name', 'suspected'), rule('卫生计生委', 'outdated_name', 'suspected'), rule('国家旅游局', 'outdated_name', 'suspected'), rule('质监局', 'outdated_name', 'suspected')]);
    for (const text of [
      '原国家卫生计生委的文件继续有效',
      '不再保留国家卫生计生委、国家旅游局',
      '将国家旅游局的职责整合',
      '国家旅游局更名为文化和旅游部',
      '其前身为市卫生计生委',
      '机构改革后，原工商局、质监局的职责整合',
    ]) {
      expect(matcher.check(text)).toEqual([]);
    }
    expect(texts(matcher.check('目前国家卫生计生委要求'))).toEqual(['国家卫生计生委']);
    expect(texts(matcher.check('原定计划由质监局牵头'))).toEqual(['质监局']);
  });

  it('suppresses hits inside an exception phrase, globally or for its unit only', () => {
    const matcher = new ContentMatcher([rule('文化部', 'outdated_name', 'suspected'), rule('部落', 'typo', 'suspected')]);
    const exceptions = new ContentExceptions([
      { phrase: '文化部落', unitId: null },
      { phrase: '湘西文化部', unitId: 7 },
    ]);
    // Both hits lie inside the global exception 文化部落.
    expect(matcher.check('苗族文化部落', { exceptions, unitId: 3 })).toEqual([]);
    expect(texts(matcher.check('湘西文化部', { exceptions, unitId: 3 }))).toEqual(['文化部']);
    expect(matcher.check('湘西文化部', { exceptions, unitId: 7 })).toEqual([]);
    expect(texts(matcher.check('湘西文化部', {}))).toEqual(['文化部']);
  });

  it('keeps a hit that only crosses the edge of an exception', () => {
    const matcher = new ContentMatcher([rule('乙丙丁')]);
    const exceptions = new ContentExceptions([{ phrase: '甲乙', unitId: null }]);
    expect(texts(matcher.check('甲乙丙丁', { exceptions }))).toEqual(['乙丙丁']);
  });

  it('checks a text of 100,000 characters whole (its speed is measured by npm run bench:content)', () => {
    const matcher = new ContentMatcher([rule('再接再励'), rule('/截止(?=\\d{4}年)/', 'misuse', 'suspected', '截至')]);
    const text = '政务公开工作要再接再励，截止2024年底完成。'.repeat(4_000);
    const hits = matcher.check(text);
    expect(hits).toHaveLength(8_000);
    expect(hits[7_999]).toMatchObject({ start: text.length - '截止2024年底完成。'.length, text: '截止' });
  });
});

describe('resolveOverlaps', () => {
  const hit = (start: number, end: number, ruleId = start, severity: RuleSeverity = 'confirmed') => ({ start, end, ruleId, severity });

  it('never keeps two hits that overlap, and keeps every hit that overlaps nothing', () => {
    const span = fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 6 })).map(([start, length]) => hit(start, start + length, start * 10 + length));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), (hits) => {
        const kept = resolveOverlaps(hits, 40);
        for (let i = 1; i < kept.length; i++) expect(kept[i].start).toBeGreaterThanOrEqual(kept[i - 1].end);
        for (const h of hits) {
          const alone = hits.every((o) => o === h || o.end <= h.start || h.end <= o.start);
          if (alone) expect(kept).toContain(h);
        }
        // Every dropped hit overlaps a kept one at least as long.
        for (const h of hits.filter((x) => !kept.includes(x))) {
          expect(kept.some((k) => k.start < h.end && h.start < k.end && k.end - k.start >= h.end - h.start)).toBe(true);
        }
      }),
    );
  });
});

describe('excerptAround', () => {
  it('takes up to 20 characters each side and gives the hit inside the excerpt', () => {
    const text = `${'前'.repeat(30)}截止目前${'后'.repeat(30)}`;
    const { excerpt, hitStart, hitEnd } = excerptAround(text, 30, 34);
    expect(excerpt).toBe(`${'前'.repeat(20)}截止目前${'后'.repeat(20)}`);
    expect(excerpt.slice(hitStart, hitEnd)).toBe('截止目前');
  });

  it('stops at the ends of the text', () => {
    expect(excerptAround('截止目前，好', 0, 4)).toEqual({ excerpt: '截止目前，好', hitStart: 0, hitEnd: 4 });
  });

  it('counts a character outside the BMP as one and never splits it', () => {
    const text = `${'𠮷'.repeat(25)}截止${'😀'.repeat(25)}`;
    const { excerpt, hitStart, hitEnd } = excerptAround(text, 50, 52);
    expect(excerpt).toBe(`${'𠮷'.repeat(20)}截止${'😀'.repeat(20)}`);
    expect(excerpt.slice(hitStart, hitEnd)).toBe('截止');
  });

  it('turns line breaks into spaces without moving the hit', () => {
    const { excerpt, hitStart, hitEnd } = excerptAround('第一行\r\n截止目前\n', 5, 9);
    expect(excerpt).toBe('第一行  截止目前 ');
    expect(excerpt.slice(hitStart, hitEnd)).toBe('截止目前');
  });
});
