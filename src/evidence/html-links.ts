// A small HTML reader for the link check: the hrefs of <a> and <area>, the <base href>, and the
// charset a page declares. Government CMS pages are messy (unquoted attributes, upper-case
// tags, links inside comments); this reads tags by a tokenizer-like regex rather than building
// a DOM, and ignores comments, scripts and styles, where a "link" is not one a reader can follow.

const IGNORED = /<!--[\s\S]*?(?:-->|$)|<script\b[\s\S]*?(?:<\/script\s*>|$)|<style\b[\s\S]*?(?:<\/style\s*>|$)/gi;
const TAG = /<(a|area|base)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function attributes(source: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1].toLowerCase();
    if (!result.has(name)) result.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return result;
}

export interface PageLinks {
  /** The first <base href>, as written. */
  base: string | null;
  /** Every href of <a> and <area>, entities decoded, in document order. */
  hrefs: string[];
}

export function extractLinks(html: string): PageLinks {
  const visible = html.replace(IGNORED, ' ');
  let base: string | null = null;
  const hrefs: string[] = [];
  for (const m of visible.matchAll(TAG)) {
    const href = attributes(m[2]).get('href')?.trim();
    if (!href) continue;
    if (m[1].toLowerCase() === 'base') base ??= href;
    else hrefs.push(href);
  }
  return { base, hrefs };
}

/**
 * The charset a page declares in its first bytes: `<meta charset=gbk>` or
 * `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`. The bytes are read
 * as latin1, which keeps ASCII markup intact whatever the real encoding is.
 */
export function sniffMetaCharset(head: Buffer): string | null {
  const text = head.subarray(0, 4096).toString('latin1').replace(/<!--[\s\S]*?-->/g, ' ');
  for (const m of text.matchAll(/<meta\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    const attrs = attributes(m[1]);
    const charset = attrs.get('charset');
    if (charset) return charset.trim().toLowerCase();
    if (attrs.get('http-equiv')?.toLowerCase() === 'content-type') {
      const fromContent = charsetOfContentType(attrs.get('content') ?? '');
      if (fromContent) return fromContent;
    }
  }
  return null;
}

/** `text/html; charset="GBK"` → `gbk`. */
export function charsetOfContentType(contentType: string): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? m[1].toLowerCase() : null;
}
