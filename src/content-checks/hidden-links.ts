import { Parser } from 'htmlparser2';
import { ContentHit, ContentMatcher } from './content-matcher';

// Hidden links (暗链): a hacked government page carries links a visitor cannot see but a
// search engine follows, almost always to gambling or porn sites. They are hidden by inline
// style or by a class of the page's own <style>; the checks below are the techniques seen on
// such pages. A hidden menu of the site's own pages, or a hidden drop-down of other
// government sites (政府网站导航), is ordinary page furniture, so a hidden link is reported
// when it leaves the site for a non-government host, or when its text or address is spam.
// A visible link is reported when it leaves the site and its text or address is spam.

export interface HiddenLink {
  /** The <a> element in the HTML source, as JavaScript string indices. */
  start: number;
  end: number;
  href: string;
  /** The link's text, white space collapsed (its title when it has no text). */
  text: string;
  /** What hides it, as a reader would check it (`display:none`, `hidden 属性`, `.ad（display:none）`); null when visible. */
  hiddenBy: string | null;
  offSite: boolean;
  /** Sensitive hits in the link's text or address. */
  spam: ContentHit[];
  kind: 'sensitive';
  severity: 'confirmed';
  suggestion: string;
}

export const HIDDEN_LINK_SUGGESTION = '删除该隐藏链接（暗链），排查网页是否被篡改';
export const SPAM_LINK_SUGGESTION = '删除该链接，排查网页是否被篡改';

// Hosts of government bodies; links among them are expected anywhere on a government page.
const GOVERNMENT_SUFFIXES = ['.gov.cn', '.政务', '.公益', '.mil.cn'];
const SECOND_LEVEL = new Set(['gov', 'com', 'net', 'org', 'edu', 'ac', 'mil']);

/** The part of a host that names the site: zwgk.example.gov.cn and www.example.gov.cn are one site. */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const keep = labels.length >= 3 && labels[labels.length - 1].length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

function isGovernmentHost(host: string): boolean {
  const h = `.${host.toLowerCase()}`;
  return GOVERNMENT_SUFFIXES.some((suffix) => h.endsWith(suffix));
}

const px = (value: string): number | null => {
  const m = /^(-?\d*\.?\d+)(px|pt|em|rem|%)?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'pt':
      return (n * 4) / 3;
    case 'em':
    case 'rem':
      return n * 16;
    case '%':
      return n <= -100 ? -10_000 : n === 0 ? 0 : null;
    default:
      return m[2] || n === 0 ? n : null;
  }
};

/**
 * The declaration of a style that hides its element, as written (`display:none`), or null.
 * Off-screen means moved at least 100 px beyond the top or left edge (spam uses -999px and
 * more; a layout never needs it), tiny means at most 1 px with the overflow cut.
 */
export function hidingDeclaration(style: string): string | null {
  const declarations = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).replace(/!\s*important/i, '').trim().toLowerCase();
    if (name) declarations.set(name, value);
  }
  const get = (name: string) => declarations.get(name);
  const show = (name: string) => `${name}:${get(name)}`;
  if (get('display') === 'none') return show('display');
  if (get('visibility') === 'hidden' || get('visibility') === 'collapse') return show('visibility');
  const fontSize = px(get('font-size') ?? '');
  if (fontSize !== null && fontSize <= 1) return show('font-size');
  if (get('opacity') !== undefined && Number(get('opacity')) === 0) return show('opacity');
  const position = get('position');
  if (position === 'absolute' || position === 'fixed') {
    for (const side of ['left', 'top', 'right', 'bottom']) {
      const offset = px(get(side) ?? '');
      if (offset !== null && offset <= -100) return show(side);
    }
  }
  const indent = px(get('text-indent') ?? '');
  if (indent !== null && indent <= -100) return show('text-indent');
  if (get('overflow') === 'hidden' || get('overflow-y') === 'hidden' || get('overflow-x') === 'hidden') {
    for (const side of ['height', 'width', 'max-height', 'max-width']) {
      const size = px(get(side) ?? '');
      if (size !== null && size <= 1) return show(side);
    }
  }
  const clip = get('clip');
  if (clip && /^rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)$/.test(clip)) return show('clip');
  return null;
}

/**
 * Classes and ids a page's own <style> hides: `.x{display:none}`, `div#y{…}`, lists of them.
 * Rules inside @-blocks (@media print and the like) are skipped: they do not hide on screen.
 */
export function hiddenSelectors(css: string): Map<string, string> {
  const hidden = new Map<string, string>();
  const source = css.replace(/\/\*[\s\S]*?\*\//g, ' ');
  let depth = 0;
  let skipUntilDepth = -1;
  let buffer = '';
  let selector = '';
  for (const c of source) {
    if (c === '{') {
      if (depth === 0) {
        selector = buffer.trim();
        if (selector.startsWith('@')) skipUntilDepth = 0;
      }
      depth++;
      buffer = '';
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        if (skipUntilDepth === 0) skipUntilDepth = -1;
        else {
          const declaration = hidingDeclaration(buffer);
          if (declaration) {
            for (const one of selector.split(',')) {
              const m = /^[a-z0-9]*([.#][\w-]+)$/i.exec(one.trim());
              if (m && !hidden.has(m[1])) hidden.set(m[1], declaration);
            }
          }
        }
      }
      buffer = '';
    } else buffer += c;
  }
  return hidden;
}

function hiddenByAttributes(attribs: Record<string, string>, selectors: Map<string, string>): string | null {
  if ('hidden' in attribs) return 'hidden 属性';
  const inline = attribs.style ? hidingDeclaration(attribs.style) : null;
  if (inline) return inline;
  if (selectors.size === 0) return null;
  if (attribs.id && selectors.has(`#${attribs.id}`)) return `#${attribs.id}（${selectors.get(`#${attribs.id}`)}）`;
  for (const name of (attribs.class ?? '').split(/\s+/)) {
    if (name && selectors.has(`.${name}`)) return `.${name}（${selectors.get(`.${name}`)}）`;
  }
  return null;
}

/**
 * The hidden and spam links of a page. `pageUrl` is the page's own address (relative links
 * and links to its own site are on-site); `matcher` is the dictionary whose `sensitive` hits
 * make a link's text or address spam.
 */
export function findHiddenLinks(html: string, pageUrl: string, matcher: ContentMatcher): HiddenLink[] {
  let css = '';
  let inStyle = false;
  const styleReader = new Parser({
    onopentag: (name) => (inStyle = name === 'style'),
    ontext: (text) => {
      if (inStyle) css += `${text}\n`;
    },
    onclosetag: () => (inStyle = false),
  });
  styleReader.end(html);
  const selectors = hiddenSelectors(css);
  const page = new URL(pageUrl);

  // One entry per open element: what hides it (or an ancestor), so a link reads its state
  // from the top of the stack.
  const hiding: (string | null)[] = [];
  const found: HiddenLink[] = [];
  let link: { start: number; href: string; title: string; text: string; hiddenBy: string | null } | null = null;
  let linkDepth = -1;

  const finish = (end: number) => {
    if (!link) return;
    const { start, href, hiddenBy } = link;
    const text = link.text.replace(/\s+/g, ' ').trim() || link.title.trim();
    link = null;
    let target: URL | null = null;
    try {
      target = new URL(href, page);
    } catch {
      target = null;
    }
    const web = target !== null && (target.protocol === 'http:' || target.protocol === 'https:');
    const offSite = web && siteOf(target!.hostname) !== siteOf(page.hostname);
    const spamAddress = web ? safeDecode(`${target!.hostname}${target!.pathname}${target!.search}`) : href;
    const spam = [...matcher.check(text), ...matcher.check(spamAddress)].filter((h) => h.kind === 'sensitive');
    const report = hiddenBy !== null ? (offSite && !isGovernmentHost(target!.hostname)) || spam.length > 0 : offSite && spam.length > 0;
    if (!report) return;
    found.push({
      start,
      end,
      href,
      text,
      hiddenBy,
      offSite,
      spam,
      kind: 'sensitive',
      severity: 'confirmed',
      suggestion: hiddenBy !== null ? HIDDEN_LINK_SUGGESTION : SPAM_LINK_SUGGESTION,
    });
  };

  const parser: Parser = new Parser(
    {
      onopentag: (name, attribs) => {
        const inherited = hiding.length ? hiding[hiding.length - 1] : null;
        const own = inherited ?? hiddenByAttributes(attribs, selectors);
        hiding.push(own);
        if (name === 'a' && attribs.href !== undefined && link === null) {
          link = { start: parser.startIndex, href: attribs.href.trim(), title: attribs.title ?? '', text: '', hiddenBy: own };
          linkDepth = hiding.length;
        }
      },
      ontext: (text) => {
        if (link) link.text += text;
      },
      onclosetag: (_name, isImplied) => {
        // A link closed by its own </a> ends after it; one closed implicitly (by its parent's
        // end tag or the end of the page) ends where that token begins.
        if (link && hiding.length === linkDepth) finish(Math.min(html.length, isImplied ? parser.startIndex : parser.endIndex + 1));
        hiding.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  finish(html.length);
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
