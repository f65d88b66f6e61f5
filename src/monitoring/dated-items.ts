import { Parser } from 'htmlparser2';
import { absoluteUrl, normaliseUrl } from '../evidence/url-normalise';
import { ItemDate, readStandaloneDate, readIsoDateTime } from './item-dates';

// The dated items of a government list page (a homepage or a column's list page). The national
// index counts a page as updated only by items that show a date, so this reads which links
// carry one, the way a reader pairs a title with the date printed beside it:
//
//   <li><a href="…">标题</a><span>2022-08-29</span></li>        date after the title
//   <li><span>[08-29]</span><a href="…">标题</a></li>           date before the title
//   <tr><td><a>标题</a></td><td><a>市教育局</a></td><td>2022-08-29</td></tr>
//   <div><a>标题一</a><span>08-29</span><br><a>标题二</a><span>08-28</span></div>
//
// The page is parsed once (htmlparser2, which closes <li>, <td>, <tr> and <p> left open the way
// browsers do). For every element that holds a date, its children are read as a sequence of
// link units (L), date units (D), other text (T) and self-contained entries (children that
// hold both a link and a date, read on their own). A run of links followed by its dates (or,
// when the sequence opens with a date, a run of dates followed by its links) is one entry; its
// item is its longest title, so a category tag or a department link beside the title is not
// taken for it. What is not an entry's date: a date inside a sentence, a block of three or more
// links with no date (a menu), and a date more than GAP_LIMIT characters of text away.
//
// Dates in the URL (`/art/2022/8/29/…`, `t20220829_…`) are not read: a CMS stamps the day a
// record was created, not the day it was published, and an undated entry is "not updated" for
// the index whatever its address says.

export interface DatedItem {
  /** The link text, whitespace collapsed; the `title` attribute when the text is cut short with "…". */
  title: string;
  /** Absolute, without the fragment. */
  url: string;
  /** `normaliseUrl(url)`: the same key as the link check and the publication dedupe. */
  key: string;
  date: ItemDate;
}

export interface ListPageReading {
  /** One per distinct `key`, in document order. */
  items: DatedItem[];
  /** Distinct addresses of links that look like titles but carry no usable date (diagnostics). */
  undatedLinks: number;
}

export interface ListPageContext {
  /** The local date of the reading: year-less dates resolve against it, later dates are ignored. */
  today: string;
  timeZone: string;
}

/** Text between a title and its date beyond which they are not one entry (a summary fits). */
const GAP_LIMIT = 300;
/** A block of more links than this without a date is a menu, not one entry with several links. */
const MAX_LINKS_PER_ENTRY = 2;
const MIN_TITLE_LENGTH = 4;
// Not rendered, or not the page's content: no items there.
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'nav', 'footer', 'select', 'textarea']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const NOT_A_TITLE = /^(?:更多|查看更多|更多内容|more|详细|详情|查看详情|阅读全文|点击查看|下一页|上一页|首页|尾页|末页)[\s>»›.。…]*$/i;
const BRACKETED = /^[[【(（「《][^\]】)）」》]*[\]】)）」》]$/;
const ELLIPSIS = /(?:\.{2,}|…+)$/;

interface TextRun {
  kind: 'text';
  text: string;
  /** The date this run is, when it is only a date. */
  date: ItemDate | null;
}

/** A date found in an entry; `machine` when it is a <time datetime>, which outranks the text. */
interface Candidate {
  date: ItemDate;
  machine: boolean;
}

interface Node {
  kind: 'element';
  name: string;
  attribs: Record<string, string>;
  parent: Node | null;
  children: (Node | TextRun)[];
  /** Order of opening, for document order. */
  index: number;
  /** Title-like links in the subtree (an <a> counts itself, not what it wraps). */
  links: number;
  /** Dates in the subtree: standalone date texts and <time datetime> elements. */
  dates: number;
  textLength: number;
  /** For <a href>: its title when title-like. */
  title: string | null;
  /** For <time datetime>: what it says. */
  timeDate: ItemDate | null;
}

/** Reads the dated items of a list page; `pageUrl` is where it was found (after redirects). */
export function readDatedItems(html: string, pageUrl: string, context: ListPageContext): ListPageReading {
  const { root, base, anchors } = buildTree(html, context);
  const baseUrl = (base !== null && absoluteUrl(base, pageUrl)) || pageUrl;
  const chosen = new Map<Node, ItemDate>();

  for (const container of containers(root)) {
    for (const [anchor, date] of entriesOf(container, context.today)) chosen.set(anchor, date);
  }

  const items: DatedItem[] = [];
  const dated = new Set<string>();
  const undated = new Set<string>();
  for (const anchor of anchors) {
    if (anchor.links === 0) continue;
    const url = absoluteUrl(anchor.attribs.href, baseUrl);
    const key = url === null ? null : normaliseUrl(url);
    if (url === null || key === null) continue;
    const date = chosen.get(anchor);
    if (date === undefined) undated.add(key);
    else if (!dated.has(key)) {
      dated.add(key);
      items.push({ title: anchor.title!, url, key, date });
    }
  }
  for (const key of dated) undated.delete(key);
  return { items, undatedLinks: undated.size };
}

function buildTree(html: string, context: ListPageContext): { root: Node; base: string | null; anchors: Node[] } {
  const root = element('#root', {}, null, 0);
  const anchors: Node[] = [];
  let current = root;
  let base: string | null = null;
  let skipDepth = 0;
  let pending = '';
  let opened = 0;

  const flush = () => {
    if (pending === '') return;
    const text = pending.replace(/\s+/g, ' ').trim();
    pending = '';
    if (text === '') return;
    const day = readStandaloneDate(text, context.today);
    current.children.push({ kind: 'text', text, date: day === null ? null : { localDate: day, instant: null } });
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        flush();
        if (skipDepth > 0 || SKIPPED.has(name)) {
          if (!VOID.has(name)) skipDepth++;
          return;
        }
        if (name === 'base' && base === null && attribs.href) base = attribs.href.trim();
        if (VOID.has(name)) return;
        const node = element(name, attribs, current, ++opened);
        current.children.push(node);
        current = node;
      },
      ontext(data) {
        if (skipDepth === 0) pending += data;
      },
      onclosetag(name) {
        flush();
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth--;
          return;
        }
        if (VOID.has(name) || current === root) return;
        close(current);
        current = current.parent!;
      },
    },
    { decodeEntities: true },
  );
  // Counts are computed as each element closes, from its closed children (post-order for free).
  const close = (node: Node) => {
    closeNode(node, context);
    if (isLink(node)) anchors.push(node);
  };
  parser.end(html);
  flush();
  while (current !== root) {
    close(current);
    current = current.parent!;
  }
  close(root);
  anchors.sort((a, b) => a.index - b.index);
  return { root, base, anchors };
}

/** An <a href> not nested in another (an anchor inside an anchor is part of the outer's text). */
function isLink(node: Node): boolean {
  return node.name === 'a' && node.attribs.href !== undefined && !insideAnchor(node);
}

function element(name: string, attribs: Record<string, string>, parent: Node | null, index: number): Node {
  return { kind: 'element', name, attribs, parent, children: [], index, links: 0, dates: 0, textLength: 0, title: null, timeDate: null };
}

function insideAnchor(node: Node): boolean {
  for (let p = node.parent; p !== null; p = p.parent) if (p.name === 'a') return true;
  return false;
}

function closeNode(node: Node, context: ListPageContext): void {
  let links = 0;
  let dates = 0;
  let textLength = 0;
  for (const child of node.children) {
    if (child.kind === 'text') {
      textLength += child.text.length;
      if (child.date) dates++;
    } else {
      links += child.links;
      dates += child.dates;
      textLength += child.textLength;
    }
  }
  if (node.name === 'time' && node.attribs.datetime) {
    node.timeDate = readIsoDateTime(node.attribs.datetime, context.timeZone);
    if (node.timeDate) dates++;
  }
  if (isLink(node)) {
    // A link that goes nowhere a reader can follow (`javascript:`, `#`, `mailto:`) is text here,
    // so a script link beside a title cannot be chosen as the entry's item in its place.
    node.title = followable(node.attribs.href) ? titleOf(node) : null;
    links = node.title === null ? 0 : 1;
  }
  node.links = links;
  node.dates = dates;
  node.textLength = textLength;
}

function followable(href: string): boolean {
  const value = href.trim();
  if (value === '' || value.startsWith('#')) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
  return scheme === null || /^https?$/i.test(scheme[1]);
}

function titleOf(anchor: Node): string | null {
  const parts: string[] = [];
  walk(anchor, (run) => {
    if (!run.date) parts.push(run.text);
  });
  let title = parts.join('').replace(/\s+/g, ' ').trim();
  // Lists cut long titles ("关于做好……") and keep the whole one in the title attribute.
  const full = anchor.attribs.title?.replace(/\s+/g, ' ').trim();
  if (full && ELLIPSIS.test(title) && full.startsWith(title.replace(ELLIPSIS, '').trim())) title = full;
  if ([...title].length < MIN_TITLE_LENGTH || NOT_A_TITLE.test(title) || BRACKETED.test(title)) return null;
  return title;
}

function walk(node: Node, onText: (run: TextRun) => void, onElement?: (node: Node) => void): void {
  for (const child of node.children) {
    if (child.kind === 'text') onText(child);
    else {
      onElement?.(child);
      walk(child, onText, onElement);
    }
  }
}

/** Elements whose children may pair titles with dates: those holding a date (post-order not needed). */
function* containers(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.dates > 0) yield node;
    for (const child of node.children) if (child.kind === 'element' && child.dates > 0) stack.push(child);
  }
}

type Unit = { kind: 'links'; anchors: Node[] } | { kind: 'dates'; dates: Candidate[] } | { kind: 'text'; length: number } | { kind: 'break' };

/** The entries whose title and date are both among `container`'s children (or inside one link). */
function entriesOf(container: Node, today: string): [Node, ItemDate][] {
  if (container.name === 'a' && container.links === 1) {
    const date = latest(datesIn(container), today);
    return date ? [[container, date]] : [];
  }
  const units = container.children.map(unitOf);
  if (!units.some((u) => u.kind === 'links')) return [];

  const result: [Node, ItemDate][] = [];
  let segment: Unit[] = [];
  let gap = 0;
  const endSegment = () => {
    result.push(...pair(segment, today));
    segment = [];
    gap = 0;
  };
  for (const unit of units) {
    if (unit.kind === 'break') endSegment();
    else if (unit.kind === 'text') {
      gap += unit.length;
      if (gap > GAP_LIMIT) endSegment();
    } else {
      segment.push(unit);
      gap = 0;
    }
  }
  endSegment();
  return result;
}

function unitOf(child: Node | TextRun): Unit {
  if (child.kind === 'text') return child.date ? { kind: 'dates', dates: [{ date: child.date, machine: false }] } : { kind: 'text', length: child.text.length };
  if (child.links > 0) {
    // A child with both is an entry of its own (read as a container itself); a child with
    // many undated links is a menu or an undated list. Neither pairs with its neighbours.
    if (child.dates > 0 || child.links > MAX_LINKS_PER_ENTRY) return { kind: 'break' };
    return { kind: 'links', anchors: anchorsIn(child) };
  }
  if (child.dates > 0) return { kind: 'dates', dates: datesIn(child) };
  return { kind: 'text', length: child.textLength };
}

/**
 * Pairs the link and date units of one segment: links then their dates, or, when the segment
 * opens with a date, dates then their links. Each run of links gives one item, its longest title.
 */
function pair(segment: Unit[], today: string): [Node, ItemDate][] {
  const result: [Node, ItemDate][] = [];
  const datesFirst = segment[0]?.kind === 'dates';
  let anchors: Node[] = [];
  let dates: Candidate[] = [];
  const emit = () => {
    const date = latest(dates, today);
    if (date && anchors.length > 0) result.push([longestTitle(anchors), date]);
    anchors = [];
    dates = [];
  };
  for (const unit of segment) {
    if (unit.kind === 'links') {
      if (!datesFirst && dates.length > 0) emit();
      anchors.push(...unit.anchors);
    } else if (unit.kind === 'dates') {
      if (datesFirst && anchors.length > 0) emit();
      dates.push(...unit.dates);
    }
  }
  emit();
  return result;
}

function anchorsIn(node: Node): Node[] {
  if (node.name === 'a' && node.links === 1) return [node];
  const found: Node[] = [];
  walk(node, () => undefined, (child) => {
    if (child.name === 'a' && child.links === 1 && !insideAnchor(child)) found.push(child);
  });
  return found;
}

function datesIn(node: Node): Candidate[] {
  const found: Candidate[] = [];
  if (node.timeDate) found.push({ date: node.timeDate, machine: true });
  walk(
    node,
    (run) => {
      if (run.date) found.push({ date: run.date, machine: false });
    },
    (child) => {
      if (child.timeDate) found.push({ date: child.timeDate, machine: true });
    },
  );
  return found;
}

function longestTitle(anchors: Node[]): Node {
  return anchors.reduce((best, a) => ([...a.title!].length > [...best.title!].length ? a : best));
}

/**
 * The entry's date: the latest of its dates that is not after today (a policy table lists the
 * day it was written and the later day it was published; an item is never published before it
 * was written). A date after today is not evidence yet; the reading of that day will count it.
 * A <time datetime> outranks the text (which may be a year-less `08-01` of an older year), and
 * of two readings of the same day the one with an instant wins.
 */
function latest(candidates: Candidate[], today: string): ItemDate | null {
  const machine = candidates.some((c) => c.machine && c.date.localDate <= today);
  let best: ItemDate | null = null;
  for (const { date, machine: isMachine } of candidates) {
    if (date.localDate > today || (machine && !isMachine)) continue;
    if (best === null || date.localDate > best.localDate || (date.localDate === best.localDate && !best.instant && date.instant)) best = date;
  }
  return best;
}
