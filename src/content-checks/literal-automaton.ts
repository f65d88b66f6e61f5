import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { foldText } from './text-fold';

// All literal phrases found in one pass by one Aho–Corasick automaton: the double-array
// automaton of @monyone/aho-corasick (docs/content-checks.md compares the candidates and
// says why this one). The automaton walks the text one UTF-16 code unit at a time, so its
// offsets are JavaScript string indices as they are, and a character outside the BMP is
// two units in the patterns and in the text alike. Patterns and text are folded (letter
// case, full-width forms) one unit for one, so offsets in the folded text are offsets in
// the original.

export class LiteralAutomaton {
  private readonly automaton: AhoCorasick;
  private readonly patternIndexes = new Map<string, number[]>();
  readonly size: number;

  /** `patterns` need not be folded or unique; every index is reported for a shared pattern. */
  constructor(patterns: readonly string[]) {
    patterns.forEach((pattern, index) => {
      if (!pattern) throw new RangeError(`pattern ${index} is empty`);
      const key = foldText(pattern);
      const indexes = this.patternIndexes.get(key);
      if (indexes) indexes.push(index);
      else this.patternIndexes.set(key, [index]);
    });
    this.automaton = new AhoCorasick([...this.patternIndexes.keys()]);
    this.size = patterns.length;
  }

  /** Calls `onMatch` for every occurrence of every pattern, overlaps included, in end order. */
  forEachMatch(text: string, onMatch: (patternIndex: number, start: number, end: number) => void): void {
    if (this.size === 0 || text.length === 0) return;
    for (const { begin, end, keyword } of this.automaton.matchInText(foldText(text))) {
      for (const index of this.patternIndexes.get(keyword)!) onMatch(index, begin, end);
    }
  }
}
