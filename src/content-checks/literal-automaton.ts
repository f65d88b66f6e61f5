import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { FOLDED_RANGES, foldUnit } from './text-fold';

// All literal phrases found in one pass by one Aho–Corasick automaton: the double-array
// automaton of @monyone/aho-corasick (docs/content-checks.md says why that package).
//
// The package walks the text one string character at a time and looks each one up by its
// string value. For Chinese text that lookup dominates: every character read from a
// two-byte string is a fresh string to hash (about 4 M characters a second). So the
// automaton is built over a private alphabet instead. Each UTF-16 code unit that occurs in
// some pattern gets an id, written as two one-byte characters: a high byte in 1–127 and a
// low byte in 128–255. The text is re-encoded the same way (a code unit in no pattern
// becomes 0,0, which no pattern contains) as a one-byte string, whose characters V8 reads
// without allocating. Because high and low bytes come from disjoint ranges, a pattern can
// only match at an even offset, so a match at [b, e) in the encoding is the code units
// [b/2, e/2) of the text: JavaScript string indices with no mapping table. Folding (case,
// full-width forms) is free: folded variants share the id.

const MAX_UNITS = 127 * 128 - 1;

export class LiteralAutomaton {
  private readonly ids = new Uint16Array(65536);
  private readonly automaton: AhoCorasick;
  private readonly patternIndexes = new Map<string, number[]>();
  readonly size: number;

  /** `patterns` need not be folded or unique; every index is reported for a shared pattern. */
  constructor(patterns: readonly string[]) {
    let nextId = 1;
    const encoded = patterns.map((pattern, index) => {
      if (!pattern) throw new RangeError(`pattern ${index} is empty`);
      let key = '';
      for (let i = 0; i < pattern.length; i++) {
        const unit = foldUnit(pattern.charCodeAt(i));
        let id = this.ids[unit];
        if (id === 0) {
          if (nextId > MAX_UNITS) throw new RangeError(`the patterns use more than ${MAX_UNITS} distinct characters`);
          id = this.ids[unit] = nextId++;
        }
        key += String.fromCharCode(1 + (id >> 7), 128 + (id & 127));
      }
      const indexes = this.patternIndexes.get(key);
      if (indexes) indexes.push(index);
      else this.patternIndexes.set(key, [index]);
      return key;
    });
    for (const [from, to] of FOLDED_RANGES) {
      for (let unit = from; unit <= to; unit++) this.ids[unit] = this.ids[foldUnit(unit)];
    }
    this.automaton = new AhoCorasick([...new Set(encoded)]);
    this.size = patterns.length;
  }

  /** Calls `onMatch` for every occurrence of every pattern, overlaps included, in end order. */
  forEachMatch(text: string, onMatch: (patternIndex: number, start: number, end: number) => void): void {
    if (this.size === 0 || text.length === 0) return;
    for (const { begin, end, keyword } of this.automaton.matchInText(this.encode(text))) {
      for (const index of this.patternIndexes.get(keyword)!) onMatch(index, begin >> 1, end >> 1);
    }
  }

  private encode(text: string): string {
    const bytes = Buffer.allocUnsafe(text.length * 2);
    const ids = this.ids;
    for (let i = 0, j = 0; i < text.length; i++, j += 2) {
      const id = ids[text.charCodeAt(i)];
      if (id === 0) {
        bytes[j] = 0;
        bytes[j + 1] = 0;
      } else {
        bytes[j] = 1 + (id >> 7);
        bytes[j + 1] = 128 + (id & 127);
      }
    }
    return bytes.toString('latin1');
  }
}
