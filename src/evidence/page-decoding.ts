import * as iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { charsetOfContentType, sniffMetaCharset } from './html-links';

// How the bytes of a fetched page or feed become text. Shared by the link check
// (page-fetcher.ts) and monitoring, so a GBK county site reads the same in both.

export type CharsetSource = 'bom' | 'header' | 'meta' | 'detected';

export interface DecodedText {
  text: string;
  /** The iconv-lite encoding used: `utf-8`, `gb18030`, `utf-16le`, … */
  charset: string;
  /** Where the charset came from, for diagnostics. */
  source: CharsetSource;
}

// GBK and GB2312 pages often use characters only GB18030 defines; GB18030 decodes both.
const CHARSET_ALIASES: Record<string, string> = { gbk: 'gb18030', gb2312: 'gb18030', 'x-gbk': 'gb18030', 'gb_2312-80': 'gb18030', cp936: 'gb18030' };

const BOMS: [bytes: number[], charset: string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/**
 * Decodes a page by, in order: a byte order mark; the `Content-Type` header's charset; the
 * document's own declaration (the `<?xml encoding?>` a feed opens with, else `<meta charset>`
 * or `<meta http-equiv="Content-Type">`; the XML one first because a feed's entries may quote
 * HTML with a meta of its own); else UTF-8 when the bytes are valid UTF-8 and GB18030 when they
 * are not (a county site that declares nothing is almost always GBK).
 *
 * The BOM comes first, as in the WHATWG encoding sniffing algorithm browsers follow: the bytes
 * EF BB BF can only be a UTF-8 BOM at the start of a page, and a server that still says
 * `charset=gbk` for it would turn the title into the familiar "锘" mojibake. A declared charset
 * iconv-lite does not know is skipped, not fatal.
 */
export function decodePage(body: Buffer, contentType?: string | null): DecodedText {
  for (const [bytes, charset] of BOMS) {
    if (bytes.every((b, i) => body[i] === b)) {
      return { text: iconv.decode(body.subarray(bytes.length), charset, { stripBOM: false }), charset, source: 'bom' };
    }
  }
  const fromHeader = usable(contentType ? charsetOfContentType(contentType) : null);
  if (fromHeader) return { text: iconv.decode(body, fromHeader), charset: fromHeader, source: 'header' };
  const fromDocument = usable(sniffXmlEncoding(body) ?? sniffMetaCharset(body));
  if (fromDocument) return { text: iconv.decode(body, fromDocument), charset: fromDocument, source: 'meta' };
  const charset = isUtf8(body) ? 'utf-8' : 'gb18030';
  return { text: iconv.decode(body, charset), charset, source: 'detected' };
}

function usable(declared: string | null): string | null {
  const charset = declared ? (CHARSET_ALIASES[declared] ?? declared) : null;
  return charset && iconv.encodingExists(charset) ? charset : null;
}

/** `<?xml version="1.0" encoding="GB2312"?>` → `gb2312`; the declaration must open the document. */
export function sniffXmlEncoding(head: Buffer): string | null {
  const text = head.subarray(0, 256).toString('latin1');
  const m = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(text);
  return m ? m[1].toLowerCase() : null;
}
