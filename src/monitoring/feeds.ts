import { XMLParser } from 'fast-xml-parser';
import { localDateOf } from '../common/time/local-date';
import { decodeEntities } from '../evidence/html-links';
import { absoluteUrl, normaliseUrl } from '../evidence/url-normalise';
import { readFeedDate } from './feed-dates';
import { ItemDate } from './item-dates';

// The entries of a channel's feed: RSS 2.0, RSS 1.0 (RDF), Atom, or JSON Feed 1.x — what an
// RSSHub instance serves for a Weibo, Douyin, Toutiao or WeChat account. An entry is evidence
// only with a date and an address; the rest are counted and skipped.

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedEntry {
  /** The entry's title; for a post without one (Weibo), the start of its text. */
  title: string;
  /** Absolute; resolved against the feed's address when relative. */
  url: string;
  /** `normaliseUrl(url)`: the publication's dedupe key. */
  key: string;
  date: ItemDate;
}

export interface FeedReading {
  format: FeedFormat;
  title: string | null;
  /** One per distinct `key`, in feed order. */
  entries: FeedEntry[];
  /** Entries without a date, without an address, or dated after today. */
  skipped: number;
}

export interface FeedContext {
  now: Date;
  timeZone: string;
}

/** Why a body is not a feed; shown to people as the channel's feed error. */
export class FeedError extends Error {}

/** Titles made from a post's text are cut to this many characters. */
const TITLE_FROM_TEXT = 60;

// Entity expansion stays within fast-xml-parser's default limits (a "billion laughs" DOCTYPE
// is refused). Namespace prefixes are dropped: dc:date is `date`, rdf:RDF is `RDF`.
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

interface RawEntry {
  title: string;
  /** Candidate addresses, best first; relative ones resolve against `base`. */
  links: string[];
  /** Candidate dates, best first. */
  dates: unknown[];
  base: string;
}

/** Reads a feed already decoded to text (see page-decoding.ts); `feedUrl` is where it was found. */
export function readFeed(text: string, feedUrl: string, context: FeedContext): FeedReading {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  const { format, title, raw } = body.startsWith('{') ? readJsonFeed(body, feedUrl) : readXmlFeed(body, feedUrl);
  const today = localDateOf(context.now, context.timeZone);
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const entry of raw) {
    const date = firstDate(entry.dates, context.timeZone);
    const url = entry.links.map((link) => (link === '' ? null : absoluteUrl(link, entry.base))).find((u) => u !== null) ?? null;
    const key = url === null ? null : normaliseUrl(url);
    if (date === null || url === null || key === null || date.localDate > today) {
      skipped++;
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ title: entry.title, url, key, date });
  }
  return { format, title, entries, skipped };
}

function readJsonFeed(body: string, feedUrl: string): { format: FeedFormat; title: string | null; raw: RawEntry[] } {
  let feed: unknown;
  try {
    feed = JSON.parse(body);
  } catch {
    throw new FeedError('订阅源不是有效的 JSON');
  }
  if (!isObject(feed) || typeof feed.version !== 'string' || !feed.version.startsWith('https://jsonfeed.org/version/') || !Array.isArray(feed.items)) {
    throw new FeedError('订阅源不是 JSON Feed（缺少 version 或 items）');
  }
  const base = (typeof feed.feed_url === 'string' && absoluteUrl(feed.feed_url)) || feedUrl;
  const raw = feed.items.filter(isObject).map(
    (item): RawEntry => ({
      title: titleOf(item.title, item.content_text ?? item.summary ?? stripTags(String(item.content_html ?? ''))),
      links: [typeof item.url === 'string' ? item.url : '', absoluteOnly(item.id)],
      // date_modified only when there is no date_published: an edit is still a sign of life.
      dates: [item.date_published, item.date_modified],
      base,
    }),
  );
  return { format: 'json', title: typeof feed.title === 'string' ? feed.title : null, raw };
}

function readXmlFeed(body: string, feedUrl: string): { format: FeedFormat; title: string | null; raw: RawEntry[] } {
  let doc: Record<string, unknown>;
  try {
    doc = xml.parse(body) as Record<string, unknown>;
  } catch (error) {
    throw new FeedError(`订阅源不是有效的 XML：${(error as Error).message}`);
  }
  if (isObject(doc.rss) && isObject(doc.rss.channel)) {
    const channel = doc.rss.channel;
    const raw = asArray(channel.item).filter(isObject).map(
      (item): RawEntry => ({
        title: titleOf(item.title, item.description),
        links: [text(item.link), absoluteOnly(permalink(item.guid))],
        dates: [item.pubDate, item.date],
        base: feedUrl,
      }),
    );
    return { format: 'rss', title: text(channel.title) || null, raw };
  }
  if (isObject(doc.RDF)) {
    const rdf = doc.RDF;
    const channel = isObject(rdf.channel) ? rdf.channel : {};
    const raw = asArray(rdf.item).filter(isObject).map(
      (item): RawEntry => ({ title: titleOf(item.title, item.description), links: [text(item.link), text(item['@about'])], dates: [item.date], base: feedUrl }),
    );
    return { format: 'rdf', title: text(channel.title) || null, raw };
  }
  if (isObject(doc.feed)) {
    const feed = doc.feed;
    const base = absoluteUrl(text(feed['@base']), feedUrl) ?? feedUrl;
    // RSSHub writes an entry's <updated> as the time it rendered the feed when the entry has
    // no date of its own; from RSSHub only <published> is the entry's date.
    const updatedIsReal = !/rsshub/i.test(text(feed.generator));
    const raw = asArray(feed.entry).filter(isObject).map(
      (entry): RawEntry => ({
        title: titleOf(entry.title, entry.summary ?? entry.content),
        links: atomLinks(entry.link),
        dates: updatedIsReal ? [entry.published, entry.updated] : [entry.published],
        base: absoluteUrl(text(entry['@base']), base) ?? base,
      }),
    );
    return { format: 'atom', title: titleOf(feed.title, '') || null, raw };
  }
  throw new FeedError('不是 RSS、Atom 或 JSON Feed 订阅源');
}

/** Atom: the `alternate` link (or one without `rel`), HTML first. */
function atomLinks(value: unknown): string[] {
  const links = asArray(value).filter(isObject);
  const alternate = links.filter((l) => l['@rel'] === undefined || l['@rel'] === 'alternate');
  alternate.sort((a, b) => Number(!/html/.test(text(a['@type']) || 'html')) - Number(!/html/.test(text(b['@type']) || 'html')));
  return alternate.map((l) => text(l['@href']));
}

/** An id or guid is an address only when it is written as a whole one ("5012345" is not a path). */
function absoluteOnly(value: unknown): string {
  const id = text(value);
  return /^https?:\/\//i.test(id) ? id : '';
}

/** RSS <guid> is the item's address unless it says isPermaLink="false" (RSSHub does). */
function permalink(guid: unknown): string {
  if (isObject(guid) && text(guid['@isPermaLink']).toLowerCase() === 'false') return '';
  return text(guid);
}

function firstDate(values: unknown[], timeZone: string): ItemDate | null {
  for (const value of values) {
    const date = typeof value === 'string' || isObject(value) ? readFeedDate(text(value), timeZone) : null;
    if (date !== null) return date;
  }
  return null;
}

function titleOf(title: unknown, fallback: unknown): string {
  const own = clean(text(title));
  if (own !== '') return own;
  const chars = [...clean(text(fallback))];
  return chars.length > TITLE_FROM_TEXT ? `${chars.slice(0, TITLE_FROM_TEXT).join('')}…` : chars.join('');
}

/** Titles may carry HTML (Atom type="html", or escaped twice); readers see the text. */
function clean(value: string): string {
  return decodeEntities(stripTags(value)).replace(/\s+/g, ' ').trim();
}

function stripTags(value: string): string {
  return value.replace(/<\/?[a-z][^>]*>/gi, ' ');
}

/** The text of an XML node however the parser shaped it (a string, or an object with attributes or children). */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (isObject(value)) {
    if ('#text' in value) return text(value['#text']);
    return Object.entries(value)
      .filter(([k]) => !k.startsWith('@'))
      .map(([, v]) => text(v))
      .join(' ')
      .trim();
  }
  return '';
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
