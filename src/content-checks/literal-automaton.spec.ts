import fc from 'fast-check';
import { LiteralAutomaton } from './literal-automaton';
import { foldText } from './text-fold';

const matches = (automaton: LiteralAutomaton, text: string) => {
  const found: [number, number, number][] = [];
  automaton.forEachMatch(text, (index, start, end) => found.push([index, start, end]));
  return found.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
};

// Every occurrence, overlaps included, by the obvious method.
const naive = (patterns: string[], text: string) => {
  const found: [number, number, number][] = [];
  const folded = foldText(text);
  patterns.forEach((pattern, index) => {
    const p = foldText(pattern);
    for (let at = folded.indexOf(p); at >= 0; at = folded.indexOf(p, at + 1)) found.push([index, at, at + p.length]);
  });
  return found.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
};

describe('LiteralAutomaton', () => {
  it('finds every occurrence, overlapping ones included, at UTF-16 indices', () => {
    const automaton = new LiteralAutomaton(['截止', '截止目前', '目前']);
    expect(matches(automaton, '截止目前，截止')).toEqual([
      [0, 0, 2],
      [1, 0, 4],
      [2, 2, 4],
      [0, 5, 7],
    ]);
  });

  it('counts positions in code units after characters outside the BMP, and matches them too', () => {
    const automaton = new LiteralAutomaton(['𠮷野家', '野家']);
    // '😀' and '𠮷' are two code units each.
    expect(matches(automaton, '😀𠮷野家')).toEqual([
      [0, 2, 6],
      [1, 4, 6],
    ]);
    expect('😀𠮷野家'.slice(2, 6)).toBe('𠮷野家');
  });

  it('matches regardless of letter case and full-width forms', () => {
    const automaton = new LiteralAutomaton(['Bet365']);
    expect(matches(automaton, 'BET365 bet365 ｂｅｔ３６５ ＢＥＴ365')).toEqual([
      [0, 0, 6],
      [0, 7, 13],
      [0, 14, 20],
      [0, 21, 27],
    ]);
  });

  it('reports every index of a pattern given twice', () => {
    expect(matches(new LiteralAutomaton(['长沙', '长沙']), '长沙市')).toEqual([
      [0, 0, 2],
      [1, 0, 2],
    ]);
  });

  it('finds nothing with no patterns or in empty text', () => {
    expect(matches(new LiteralAutomaton([]), '任何文字')).toEqual([]);
    expect(matches(new LiteralAutomaton(['文字']), '')).toEqual([]);
  });

  it('agrees with indexOf on random Chinese, Latin and astral text', () => {
    const alphabet = fc.constantFrom('截', '止', '至', '目', '前', 'a', 'B', 'ｂ', '1', '𠮷', '，');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(alphabet, { maxLength: 60 }), (patterns, chars) => {
        const text = chars.join('');
        expect(matches(new LiteralAutomaton(patterns), text)).toEqual(naive(patterns, text));
      }),
      { numRuns: 300 },
    );
  });
});
