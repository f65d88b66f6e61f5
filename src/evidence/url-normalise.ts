// How two addresses of the same page are recognised as one: a policy document's page links to
// its interpretation as `../jd/index.html`, `https://WWW.x.gov.cn:443/jd/` or
// `http://www.x.gov.cn/jd#top`, and all of these are the same page. Used by the link check and
// for the publication dedupe key.

const INDEX_PAGES = new Set(['index.html', 'index.htm', 'index.shtml', 'default.html', 'default.htm']);
const DEFAULT_PORTS = new Set(['80', '443']);

/**
 * The comparison key of an http(s) address, resolved against `base` when relative: scheme
 * dropped (http and https are one page for this purpose), host lower-cased, ports 80 and 443
 * dropped, the fragment dropped, a trailing `index.html`/`index.htm`/`index.shtml`/
 * `default.html` and a trailing slash dropped. The query is kept: `?id=1` and `?id=2` are
 * different documents on most CMSs. Null when the address is not http(s) or does not parse.
 */
export function normaliseUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const port = url.port && !DEFAULT_PORTS.has(url.port) ? `:${url.port}` : '';
  const segments = url.pathname.split('/');
  if (INDEX_PAGES.has(segments[segments.length - 1].toLowerCase())) segments.pop();
  let path = segments.join('/');
  while (path.endsWith('/')) path = path.slice(0, -1);
  return `${url.hostname.toLowerCase()}${port}${path}${url.search === '?' ? '' : url.search}`;
}

/** Whether two addresses name the same page after normalisation. */
export function sameUrl(a: string, b: string): boolean {
  const x = normaliseUrl(a);
  return x !== null && x === normaliseUrl(b);
}

/**
 * `href` as an absolute http(s) address, resolved against `base` when given, without its
 * fragment (a fragment names a place in a page, not another page). Null when it does not
 * parse or is not http(s) (`javascript:`, `mailto:`).
 */
export function absoluteUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(href.trim()) : new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.toString();
}
