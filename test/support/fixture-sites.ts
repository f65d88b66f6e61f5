import * as iconv from 'iconv-lite';
import * as http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { addDays, isoWeekday, parseInstant, toEpochDay } from '../../src/common/time/local-date';
import { absoluteUrl, normaliseUrl } from '../../src/evidence/url-normalise';
import { ColumnKind } from '../../src/monitoring/column-state';

// Government-like websites served on loopback, for monitoring tests, the demo and the
// benchmark. Everything on them is generated from a seed and a "today", so a test knows exactly
// what a correct reader must find: each site carries its own answer key (`site.homepage.items`,
// `site.columns[i].state`, `site.feeds.entries`, `site.brokenLinks`).
//
// Each site lives under `/site-<id>/` of one of `addresses` loopback addresses (127.0.0.1,
// 127.0.0.2, …, each with its own ephemeral port), so a benchmark can give every site its own
// host and per-host politeness does not serialise the whole run. A site:
//   - homepage (GBK or UTF-8; charset by header, <meta charset>, http-equiv, BOM, or not at all)
//     with dated items in every format a list page uses — 2022-08-29, 2022/8/29, 2022.08.29,
//     2022年8月29日, [08-29], 08-29, <time datetime> — in lists (date after or before the title),
//     a policy table, a flat <br> list; plus undated links (a menu, a 专题 list whose addresses
//     carry dates), an item dated far in the future, and 友情链接 that are broken (404, 500,
//     an answer that never comes in time);
//   - columns (栏目) of each kind, fresh, stale or blank;
//   - feeds: RSS 2.0 as RSSHub writes it, Atom and JSON Feed, each with one undated entry;
//   - a switch: `setDown(id, 'refuse' | 'error' | 'timeout')` makes every page of a site fail
//     (connection reset, HTTP 503, or no answer), `setDown(id, false)` brings it back.

export type DateFormat = 'iso' | 'slash' | 'dot' | 'chinese' | 'bracket-md' | 'md' | 'time';
export type Declaration = 'header' | 'meta' | 'http-equiv' | 'bom' | 'none';
export type DownMode = 'refuse' | 'error' | 'timeout';

export interface FixtureItem {
  title: string;
  /** Absolute, as a reader resolves the link. */
  url: string;
  /** normaliseUrl(url). */
  key: string;
  localDate: string;
  /** Set when the page or feed gives a time (a <time datetime>, feed dates). */
  instant: Date | null;
  format: DateFormat | 'feed';
}

export interface FixtureColumn {
  /** 1-based within the site; the page is `col/col<n>/index.html`. */
  n: number;
  name: string;
  kind: ColumnKind;
  url: string;
  state: 'fresh' | 'stale' | 'blank';
  /** Newest first. */
  items: FixtureItem[];
}

export interface FixtureSite {
  id: number;
  name: string;
  unitName: string;
  encoding: 'gbk' | 'utf-8';
  declaration: Declaration;
  /** The host (loopback address and port) the site is served on. */
  host: string;
  homepageUrl: string;
  homepage: {
    state: 'fresh' | 'stale';
    /** Newest first, one per address. */
    items: FixtureItem[];
    /** Addresses of links on the homepage that are not dated items. */
    undatedLinks: string[];
    /** An item dated after today: never an item. */
    futureItem: { title: string; url: string; localDate: string };
  };
  /** Broken links on the homepage: a 404, a 500 and one that answers only after `slowMs`. */
  brokenLinks: { url: string; status: number | null; slow: boolean }[];
  columns: FixtureColumn[];
  feeds: {
    rssUrl: string;
    atomUrl: string;
    jsonUrl: string;
    /** The same entries in the three feeds, newest first (each feed also has one undated entry). */
    entries: FixtureItem[];
  };
}

export interface FixtureOptions {
  /** The local date the sites are generated for. */
  today: string;
  seed?: number;
  sites?: number;
  columnsPerSite?: number;
  itemsPerColumn?: number;
  /** Loopback addresses to spread the sites over (at most 254 × 254). Default 1. */
  addresses?: number;
  /** How long the slow link (and a site down in 'timeout' mode) keeps a request waiting. Default 20 s. */
  slowMs?: number;
  timeZone?: string;
}

export interface FixtureStats {
  requests: number;
  /** Requests per path (`/site-3/col/col2/index.html`). */
  byPath: Map<string, number>;
  /** The most requests any one host had in flight at once. */
  peakPerHost: number;
}

export interface FixtureSites {
  readonly options: Required<FixtureOptions>;
  /** The site model (generated on first use and kept). */
  site(id: number): FixtureSite;
  /** Every site; generates all of them. */
  readonly sites: FixtureSite[];
  readonly hosts: string[];
  setDown(id: number, mode: DownMode | false): void;
  readonly stats: FixtureStats;
  resetStats(): void;
  close(): Promise<void>;
}

const PLACES = ['章贡', '南康', '赣县', '信丰', '大余', '上犹', '崇义', '安远', '定南', '全南', '宁都', '于都', '兴国', '会昌', '寻乌', '石城', '瑞金', '龙南'];
const SUBJECTS = ['县政府', '县委', '县人大常委会', '县政协', '县应急管理局', '县教育局', '县卫健委', '县农业农村局', '县市场监管局', '县住建局'];
const ACTIONS = ['召开', '部署', '开展', '推进', '举办', '通报', '督查'];
const TOPICS = ['安全生产', '防汛抗旱', '乡村振兴', '营商环境优化', '秋季农业生产', '森林防火', '招商引资', '民生实事', '生态环境保护', '消防安全', '政务公开', '“放管服”改革&审批提速'];
const COLUMN_KINDS: ColumnKind[] = ['news', 'news', 'notice', 'policy', 'interaction', 'other', 'news', 'notice'];
const COLUMN_NAMES: Record<ColumnKind, string[]> = {
  news: ['要闻动态', '部门动态', '乡镇动态', '工作动态'],
  notice: ['通知公告', '公示公告', '人事信息'],
  policy: ['政策文件', '规范性文件', '政策解读'],
  interaction: ['在线访谈', '征集调查', '领导信箱'],
  other: ['机构概况', '专题专栏', '统计信息'],
};
const DECLARATIONS: Declaration[] = ['header', 'meta', 'http-equiv', 'bom', 'none'];
const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
/** Year-less formats are only used for items this recent, where they cannot be ambiguous. */
const YEARLESS_MAX_AGE = 300;

/** mulberry32: a small deterministic PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loopbackAddress(i: number): string {
  return `127.0.${Math.floor(i / 254)}.${(i % 254) + 1}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The date as the format writes it, and the markup around it. */
function renderDate(date: string, format: DateFormat, instant: Date | null): string {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  switch (format) {
    case 'iso':
      return `<span class="date">${date}</span>`;
    case 'slash':
      return `<span class="date">${y}/${m}/${d}</span>`;
    case 'dot':
      return `<span class="date">${y}.${pad(m)}.${pad(d)}</span>`;
    case 'chinese':
      return `<span class="date">${y}年${m}月${d}日</span>`;
    case 'bracket-md':
      return `<span class="date">[${pad(m)}-${pad(d)}]</span>`;
    case 'md':
      return `<em>${pad(m)}-${pad(d)}</em>`;
    case 'time':
      return `<time datetime="${instant!.toISOString()}">${pad(m)}-${pad(d)}</time>`;
  }
}

/** Generates one site's model; pure in (options, id). */
function buildSite(options: Required<FixtureOptions>, id: number, host: string): FixtureSite {
  const rng = random(options.seed * 1_000_003 + id * 7919);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
  const { today, timeZone } = options;
  const place = PLACES[id % PLACES.length];
  const unitName = `${place}县人民政府`;
  const name = `${unitName}门户网站（演示站点 ${id}）`;
  const encoding = id % 2 === 0 ? 'gbk' : 'utf-8';
  let declaration = DECLARATIONS[Math.floor(id / 2) % DECLARATIONS.length];
  if (declaration === 'bom' && encoding === 'gbk') declaration = 'header';
  const base = `http://${host}/site-${id}/`;
  let articles = 0;

  const item = (date: string, format: DateFormat, kind: ColumnKind): FixtureItem => {
    const n = ++articles;
    const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
    // Addresses carry the date as CMSs write them; a reader must not take it for the item's date.
    const url = `${base}art/${y}/${m}/${d}/art_${id}_${n}.html`;
    const topic = pick(TOPICS);
    const title =
      kind === 'notice'
        ? `关于做好${topic}工作的通知（第${n}号）`
        : kind === 'policy'
          ? `关于印发《${place}县${topic}管理办法》的通知`
          : `${pick(SUBJECTS)}${pick(ACTIONS)}${topic}工作（${n}）`;
    const instant = format === 'time' ? parseInstant(`${date}T${pad(8 + (n % 10))}:${pad((n * 7) % 60)}`, timeZone) : null;
    return { title, url, key: normaliseUrl(url)!, localDate: date, instant, format };
  };

  // A run of item dates, newest first: the newest `newestAge` days ago, then 0–`gap` days apart.
  const dates = (count: number, newestAge: number, gap: number): string[] => {
    const result: string[] = [];
    let age = newestAge;
    for (let i = 0; i < count; i++) {
      result.push(addDays(today, -age));
      age += Math.floor(rng() * (gap + 1));
    }
    return result;
  };
  const formatFor = (date: string, wanted: DateFormat): DateFormat =>
    (wanted === 'md' || wanted === 'bracket-md') && toEpochDay(today) - toEpochDay(date) > YEARLESS_MAX_AGE ? 'iso' : wanted;

  // Homepage.
  const stale = id % 7 === 6;
  const homepageFormats: DateFormat[] = ['iso', 'slash', 'dot', 'chinese', 'md', 'time', 'iso', 'chinese'];
  const homeDates = dates(homepageFormats.length + 10, stale ? 16 + Math.floor(rng() * 20) : Math.floor(rng() * 2), 2);
  const newsItems = homepageFormats.map((f, i) => item(homeDates[i], formatFor(homeDates[i], f), 'news'));
  const noticeItems = homeDates.slice(8, 12).map((d) => item(d, formatFor(d, 'bracket-md'), 'notice'));
  const policyItems = homeDates.slice(12, 15).map((d) => item(d, 'iso', 'policy'));
  const flatItems = homeDates.slice(15, 18).map((d) => item(d, formatFor(d, 'md'), 'news'));
  const futureDate = addDays(today, 60);
  const future = item(futureDate, 'iso', 'notice');

  // Columns.
  const columns: FixtureColumn[] = [];
  const namesUsed = new Map<ColumnKind, number>();
  for (let n = 1; n <= options.columnsPerSite; n++) {
    const kind = COLUMN_KINDS[(n - 1) % COLUMN_KINDS.length];
    const k = namesUsed.get(kind) ?? 0;
    namesUsed.set(kind, k + 1);
    const names = COLUMN_NAMES[kind];
    const columnName = k < names.length ? names[k] : `${names[k % names.length]}${Math.floor(k / names.length) + 1}`;
    const h = id + n;
    let state: FixtureColumn['state'];
    if (kind === 'interaction' || kind === 'other') state = h % 2 === 1 ? 'blank' : 'fresh';
    else if (h % 11 === 5) state = 'blank';
    else if (kind === 'news') state = h % 4 === 3 ? 'stale' : 'fresh';
    else state = h % 3 === 2 ? 'stale' : 'fresh';
    let newestAge: number;
    let gap: number;
    if (kind === 'news') [newestAge, gap] = state === 'stale' ? [15 + Math.floor(rng() * 45), 4] : [Math.floor(rng() * 11), 2];
    else if (kind === 'notice' || kind === 'policy') [newestAge, gap] = state === 'stale' ? [200 + Math.floor(rng() * 200), 30] : [Math.floor(rng() * 150), 20];
    else [newestAge, gap] = [Math.floor(rng() * 60), 10];
    const layout: DateFormat = (['iso', 'bracket-md', 'chinese', 'md', 'time', 'dot', 'slash'] as DateFormat[])[(id + n) % 7];
    const items = state === 'blank' ? [] : dates(options.itemsPerColumn, newestAge, gap).map((d) => item(d, formatFor(d, layout), kind));
    columns.push({ n, name: columnName, kind, url: `${base}col/col${n}/index.html`, state, items });
  }

  // Feeds: entries on the last 20 days at office hours, as instants.
  const entries: FixtureItem[] = [];
  let feedAge = Math.floor(rng() * 3);
  for (let i = 1; i <= 8; i++) {
    const date = addDays(today, -feedAge);
    const instant = parseInstant(`${date}T${pad(8 + Math.floor(rng() * 10))}:${pad(Math.floor(rng() * 60))}:00`, timeZone)!;
    const url = `${base}wb/${id}_${i}.html`;
    entries.push({ title: `${place}发布：${pick(TOPICS)}（${i}）`, url, key: normaliseUrl(url)!, localDate: date, instant, format: 'feed' });
    feedAge += Math.floor(rng() * 3);
  }

  const allHomepageItems = [...newsItems, ...noticeItems, ...policyItems, ...flatItems];
  const brokenLinks = [
    { url: `${base}missing.html`, status: 404, slow: false },
    { url: `${base}error.html`, status: 500, slow: false },
    { url: `${base}slow.html`, status: null, slow: true },
  ];
  const undatedLinks = [
    ...columns.map((c) => c.url),
    `${base}zt/2022/9/1/zt_1.html`,
    `${base}zt/2021/3/15/zt_2.html`,
    future.url,
    ...brokenLinks.map((l) => l.url),
  ];
  const site: FixtureSite = {
    id,
    name,
    unitName,
    encoding,
    declaration,
    host,
    homepageUrl: base,
    homepage: { state: stale ? 'stale' : 'fresh', items: allHomepageItems, undatedLinks, futureItem: { title: future.title, url: future.url, localDate: futureDate } },
    brokenLinks,
    columns,
    feeds: { rssUrl: `${base}rss.xml`, atomUrl: `${base}atom.xml`, jsonUrl: `${base}feed.json`, entries },
  };
  pages.set(site, { newsItems, noticeItems, policyItems, flatItems, future });
  return site;
}

interface HomepageParts {
  newsItems: FixtureItem[];
  noticeItems: FixtureItem[];
  policyItems: FixtureItem[];
  flatItems: FixtureItem[];
  future: FixtureItem;
}
const pages = new WeakMap<FixtureSite, HomepageParts>();

function header(site: FixtureSite, today: string, title: string, root: string): string {
  const charset = site.encoding === 'gbk' ? 'gbk' : 'utf-8';
  const declare =
    site.declaration === 'meta'
      ? `<meta charset="${charset}">`
      : site.declaration === 'http-equiv'
        ? `<meta http-equiv="Content-Type" content="text/html; charset=${site.encoding === 'gbk' ? 'gb2312' : 'utf-8'}">`
        : '';
  const date = `${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日 ${WEEKDAYS[isoWeekday(today) - 1]}`;
  const menu = site.columns.map((c) => `<li><a href="${root}col/col${c.n}/index.html">${escapeHtml(c.name)}</a></li>`).join('');
  return `<!DOCTYPE html><html><head>${declare}<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/rss+xml" href="${root}rss.xml"></head><body>
<div class="top"><span>今天是${date}</span> <a href="${root}">网站首页</a> <a href="javascript:;">无障碍浏览</a></div>
<div class="nav"><ul>${menu}</ul></div>
`;
}

const link = (i: FixtureItem) => `<a href="${i.url}" target="_blank">${escapeHtml(i.title)}</a>`;

function homepageHtml(site: FixtureSite, today: string): string {
  const parts = pages.get(site)!;
  const first = parts.newsItems[0];
  const relative = (i: FixtureItem) => i.url.slice(site.homepageUrl.length);
  return `${header(site, today, site.name, '')}<div class="focus"><a href="${relative(first)}"><img src="img/focus.jpg" alt="${escapeHtml(first.title)}"></a></div>
<div class="news"><h3><a href="col/col1/index.html">${escapeHtml(site.columns[0]?.name ?? '要闻动态')}</a></h3><ul>
${parts.newsItems.map((i) => `<li>·<a href="${relative(i)}" title="${escapeHtml(i.title)}">${escapeHtml(i.title)}</a>${renderDate(i.localDate, i.format as DateFormat, i.instant)}</li>`).join('\n')}
</ul><a class="more" href="col/col1/index.html">更多&gt;&gt;</a></div>
<div class="notice"><h3>通知公告</h3><ul>
${parts.noticeItems.map((i) => `<li>${renderDate(i.localDate, i.format as DateFormat, i.instant)}<a href="${relative(i)}">${escapeHtml(i.title)}</a></li>`).join('\n')}
</ul></div>
<div class="policy"><table><tr><th>标题</th><th>发文机关</th><th>成文日期</th><th>发布日期</th></tr>
${parts.policyItems.map((i) => `<tr><td>${link(i)}</td><td><a href="${site.homepageUrl}jg/">${escapeHtml(site.unitName)}办公室</a></td><td>${addDays(i.localDate, -3)}</td><td>${i.localDate}</td></tr>`).join('\n')}
</table></div>
<div class="flat">${parts.flatItems.map((i) => `${link(i)} ${renderDate(i.localDate, i.format as DateFormat, i.instant)}<br>`).join('\n')}</div>
<div class="special"><h3>专题专栏</h3><ul><li><a href="zt/2022/9/1/zt_1.html">学习贯彻党的二十大精神专题</a></li><li><a href="zt/2021/3/15/zt_2.html">优化营商环境专题</a></li></ul></div>
<div class="upcoming"><ul><li><a href="${relative(parts.future)}">${escapeHtml(parts.future.title)}</a><span>${parts.future.localDate}</span></li></ul></div>
<div class="links"><h3>友情链接</h3><a href="missing.html">市人民政府网站</a> <a href="error.html">省人民政府网站</a> <a href="slow.html">国务院部门网站</a></div>
<div class="footer">主办：${escapeHtml(site.unitName)}办公室　网站标识码：3607${String(site.id).padStart(6, '0')}</div>
</body></html>`;
}

function columnHtml(site: FixtureSite, column: FixtureColumn, today: string): string {
  const root = '../../';
  let list: string;
  if (column.items.length === 0) list = '<p class="empty">暂无信息</p>';
  else {
    const format = column.items[0].format as DateFormat;
    if (format === 'bracket-md') list = `<ul>${column.items.map((i) => `<li>${renderDate(i.localDate, i.format as DateFormat, i.instant)} ${link(i)}</li>`).join('\n')}</ul>`;
    else if (format === 'chinese')
      list = `<table>${column.items.map((i, k) => `<tr><td>${k + 1}</td><td>${link(i)}</td><td>${renderDate(i.localDate, i.format as DateFormat, i.instant)}</td></tr>`).join('\n')}</table>`;
    else if (format === 'md') list = `<div class="flat">${column.items.map((i) => `${link(i)}${renderDate(i.localDate, i.format as DateFormat, i.instant)}<br>`).join('\n')}</div>`;
    else list = `<ul>${column.items.map((i) => `<li>${link(i)}${renderDate(i.localDate, i.format as DateFormat, i.instant)}</li>`).join('\n')}</ul>`;
  }
  return `${header(site, today, `${column.name} - ${site.name}`, root)}<div class="crumb">当前位置：<a href="${root}">首页</a> &gt; <a href="index.html">${escapeHtml(column.name)}</a></div>
<div class="list">${list}</div>
<div class="pages">共 ${column.items.length} 条 <a href="index.html">首页</a> <a href="#">上一页</a> <a href="#">下一页</a> <a href="#">尾页</a></div>
</body></html>`;
}

function rssXml(site: FixtureSite): string {
  const items = site.feeds.entries
    .map(
      (e) =>
        `<item><title><![CDATA[${e.title}]]></title><description><![CDATA[<p>${escapeHtml(e.title)}</p>]]></description><link>${e.url}</link><guid isPermaLink="false">${e.url}</guid><pubDate>${e.instant!.toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  const encoding = site.encoding === 'gbk' ? 'GBK' : 'UTF-8';
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel><title><![CDATA[${site.unitName}]]></title><link>${site.homepageUrl}</link>
<description>${escapeHtml(site.name)} - Powered by RSSHub</description><generator>RSSHub</generator>
${items}
<item><title>没有发布时间的条目</title><link>${site.homepageUrl}wb/undated.html</link><guid isPermaLink="false">undated</guid></item>
</channel></rss>`;
}

function atomXml(site: FixtureSite, now: Date): string {
  const entries = site.feeds.entries
    .map(
      (e) =>
        `<entry><title>${escapeHtml(e.title)}</title><link href="${e.url}"/><id>${e.url}</id><published>${e.instant!.toISOString()}</published><updated>${e.instant!.toISOString()}</updated></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeHtml(site.unitName)}</title><link rel="alternate" href="${site.homepageUrl}"/><id>${site.feeds.atomUrl}</id>
<generator>RSSHub</generator><updated>${now.toISOString()}</updated>
${entries}
<entry><title>没有发布时间的条目</title><link href="${site.homepageUrl}wb/undated.html"/><id>undated</id><updated>${now.toISOString()}</updated></entry>
</feed>`;
}

function jsonFeed(site: FixtureSite): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: site.unitName,
    home_page_url: site.homepageUrl,
    feed_url: site.feeds.jsonUrl,
    items: [
      ...site.feeds.entries.map((e) => ({ id: e.url, url: e.url, title: e.title, content_html: `<p>${escapeHtml(e.title)}</p>`, date_published: e.instant!.toISOString() })),
      { id: 'undated', url: `${site.homepageUrl}wb/undated.html`, title: '没有发布时间的条目' },
    ],
  });
}

/** Starts the sites; `close()` them when done. */
export async function startFixtureSites(input: FixtureOptions): Promise<FixtureSites> {
  const options: Required<FixtureOptions> = {
    seed: 1,
    sites: 3,
    columnsPerSite: 8,
    itemsPerColumn: 12,
    addresses: 1,
    slowMs: 20_000,
    timeZone: 'Asia/Shanghai',
    ...input,
  };
  if (options.addresses < 1 || options.addresses > 254 * 254) throw new RangeError('addresses must be between 1 and 64516');
  const models = new Map<number, FixtureSite>();
  const down = new Map<number, DownMode>();
  const stats: FixtureStats = { requests: 0, byPath: new Map(), peakPerHost: 0 };
  const held = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const servers: http.Server[] = [];
  const hosts: string[] = [];
  // The "now" of feeds and of the date widget: noon of `today`, local.
  const now = parseInstant(`${options.today}T12:00`, options.timeZone)!;

  const site = (id: number): FixtureSite => {
    if (!Number.isInteger(id) || id < 1 || id > options.sites) throw new RangeError(`no fixture site ${id}`);
    let model = models.get(id);
    if (model === undefined) {
      model = buildSite(options, id, hosts[(id - 1) % hosts.length]);
      models.set(id, model);
    }
    return model;
  };

  const hold = (res: http.ServerResponse, ms: number, then: () => void) => {
    held.add(res);
    const timer = setTimeout(() => {
      timers.delete(timer);
      held.delete(res);
      if (!res.destroyed) then();
    }, ms);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
      held.delete(res);
    });
  };

  const handler = (hostIndex: number) => {
    let inFlight = 0;
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      stats.requests++;
      stats.byPath.set(path, (stats.byPath.get(path) ?? 0) + 1);
      inFlight++;
      stats.peakPerHost = Math.max(stats.peakPerHost, inFlight);
      res.on('close', () => inFlight--);
      const m = /^\/site-(\d+)\/(.*)$/.exec(path);
      const id = m ? Number(m[1]) : NaN;
      if (!m || id < 1 || id > options.sites || (id - 1) % hosts.length !== hostIndex) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no such site');
        return;
      }
      const mode = down.get(id);
      if (mode === 'refuse') {
        req.socket.destroy();
        return;
      }
      if (mode === 'error') {
        res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' }).end('<h1>503 Service Unavailable</h1>');
        return;
      }
      if (mode === 'timeout') {
        hold(res, options.slowMs, () => res.writeHead(503).end());
        return;
      }
      let rest: string;
      try {
        rest = decodeURI(m[2]);
      } catch {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad path');
        return;
      }
      serve(site(id), rest, res);
    };
  };

  const sendHtml = (s: FixtureSite, html: string, res: http.ServerResponse) => {
    const body = s.declaration === 'bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html, 'utf-8')]) : iconv.encode(html, s.encoding);
    const contentType = s.declaration === 'header' ? `text/html; charset=${s.encoding === 'gbk' ? 'GBK' : 'UTF-8'}` : 'text/html';
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length }).end(body);
  };

  const serve = (s: FixtureSite, rest: string, res: http.ServerResponse) => {
    const column = /^col\/col(\d+)\/(?:index\.html)?$/.exec(rest);
    if (rest === '' || rest === 'index.html') return sendHtml(s, homepageHtml(s, options.today), res);
    if (column && Number(column[1]) >= 1 && Number(column[1]) <= s.columns.length) return sendHtml(s, columnHtml(s, s.columns[Number(column[1]) - 1], options.today), res);
    if (rest === 'rss.xml') {
      const body = iconv.encode(rssXml(s), s.encoding);
      return res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body);
    }
    if (rest === 'atom.xml') return res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' }).end(atomXml(s, now));
    if (rest === 'feed.json') return res.writeHead(200, { 'Content-Type': 'application/feed+json; charset=utf-8' }).end(jsonFeed(s));
    if (rest === 'error.html') return res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' }).end('<h1>500 Internal Server Error</h1>');
    if (rest === 'slow.html') return hold(res, options.slowMs, () => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<p>终于</p>'));
    if (/^(art|wb|zt)\//.test(rest) || rest === 'jg/') {
      return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<html><head><meta charset="utf-8"><title>${escapeHtml(s.name)}</title></head><body><p>正文</p></body></html>`);
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end('<h1>404 Not Found</h1>');
  };

  const count = Math.min(options.addresses, options.sites);
  try {
    for (let i = 0; i < count; i++) {
      const server = http.createServer({ keepAliveTimeout: 5000 }, handler(i));
      const sockets = new Set<Socket>();
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      const address = loopbackAddress(i);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, address, () => resolve());
      });
      servers.push(server);
      hosts.push(`${address}:${(server.address() as AddressInfo).port}`);
    }
  } catch (error) {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    throw error;
  }

  return {
    options,
    site,
    get sites() {
      return Array.from({ length: options.sites }, (_, i) => site(i + 1));
    },
    hosts,
    setDown(id, mode) {
      site(id);
      if (mode === false) down.delete(id);
      else down.set(id, mode);
    },
    get stats() {
      return stats;
    },
    resetStats() {
      stats.requests = 0;
      stats.byPath.clear();
      stats.peakPerHost = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const res of held) res.destroy();
      held.clear();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

/** `url` resolved against `base` as a reader resolves links (for tests building expectations). */
export function resolved(href: string, base: string): string {
  return absoluteUrl(href, base)!;
}
