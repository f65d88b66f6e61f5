// Literal rules match regardless of letter case and of full-width forms: spam writes BET365,
// Bet365 and ｂｅｔ３６５ for the same brand, and Chinese input methods type full-width Latin
// letters and digits. Folding maps one UTF-16 code unit to one code unit, so a position in
// the folded text is the same position in the original: hit offsets need no mapping back.

/** The code unit `unit` is read as: A–Z → a–z, full-width ！–～ (U+FF01–FF5E) → ASCII. */
export function foldUnit(unit: number): number {
  if (unit >= 0xff01 && unit <= 0xff5e) unit -= 0xfee0;
  if (unit >= 0x41 && unit <= 0x5a) unit += 0x20;
  return unit;
}

export function foldText(text: string): string {
  return /[A-Z\uff01-\uff5e]/.test(text) ? text.replace(/[A-Z\uff01-\uff5e]/g, (c) => String.fromCharCode(foldUnit(c.charCodeAt(0)))) : text;
}

const isLetterUnit = (unit: number) => unit >= 0x61 && unit <= 0x7a;
const isDigitUnit = (unit: number) => unit >= 0x30 && unit <= 0x39;

/**
 * Whether a Latin-edged literal stands as a word at [start, end): a pattern that begins with
 * a letter must not continue a word of letters before it (`bocai` is not in `xbocai`), one
 * that ends with a digit must not run on into more digits (`hg0088` is not in `hg00888`), and
 * so on. Chinese characters have no such edges; an edge beside one always stands.
 */
export function standsAsWord(text: string, start: number, end: number): boolean {
  const first = foldUnit(text.charCodeAt(start));
  const last = foldUnit(text.charCodeAt(end - 1));
  if (start > 0) {
    const before = foldUnit(text.charCodeAt(start - 1));
    if ((isLetterUnit(first) && isLetterUnit(before)) || (isDigitUnit(first) && isDigitUnit(before))) return false;
  }
  if (end < text.length) {
    const after = foldUnit(text.charCodeAt(end));
    if ((isLetterUnit(last) && isLetterUnit(after)) || (isDigitUnit(last) && isDigitUnit(after))) return false;
  }
  return true;
}

/** Whether a literal has a Latin letter or digit at either end (and so needs `standsAsWord`). */
export function hasLatinEdge(pattern: string): boolean {
  const edge = (unit: number) => isLetterUnit(unit) || isDigitUnit(unit);
  return edge(foldUnit(pattern.charCodeAt(0))) || edge(foldUnit(pattern.charCodeAt(pattern.length - 1)));
}
