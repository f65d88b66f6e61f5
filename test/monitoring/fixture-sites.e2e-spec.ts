import * as http from 'node:http';
import { decodePage } from '../../src/evidence/page-decoding';
import { fetchPage } from '../../src/evidence/page-fetcher';
import { normaliseUrl } from '../../src/evidence/url-normalise';
import { classifyProbe, INITIAL_OUTAGE_STATE, nextOutageState, OutageAlert, ProbeResult } from '../../src/monitoring/availability';
import { columnState, summariseItems } from '../../src/monitoring/column-state';
import { readDatedItems } from '../../src/monitoring/dated-items';
import { readFeed } from '../../src/monitoring/feeds';
import { HostScheduler } from '../../src/monitoring/host-scheduler';
import { FixtureItem, FixtureSites, startFixtureSites } from '../support/fixture-sites';

// The pure monitoring readers against real bytes over loopback: what the fixture sites serve
// (GBK and UTF-8, every date format, columns fresh/stale/blank, three feed formats, broken
// links, a site that goes down and comes back) read back as the fixture's answer key says.

const TODAY = '2022-09-29';
const TIME_ZONE = 'Asia/Shanghai';
const NOW = new Date('2022-09-29T04:00:00Z'); // 12:00 local

interface Answer {
  status: number | null;
  contentType: string;
  body: Buffer;
  ms: number;
  errorCode: string | null;
  timedOut: boolean;
}

/** One GET as a probe makes it: status, bytes, time, or the error. */
function get(url: string, timeoutMs = 5000): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? null, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks), ms: Date.now() - started, errorCode: null, timedOut: false }),
      );
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: null, contentType: '', body: Buffer.alloc(0), ms: Date.now() - started, errorCode: null, timedOut: true });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, contentType: '', body: Buffer.alloc(0), ms: Date.now() - started, errorCode: error.code ?? 'ERROR', timedOut: false }));
  });
}

async function readPage(url: string, today = TODAY) {
  const answer = await get(url);
  expect(answer.status).toBe(200);
  const decoded = decodePage(answer.body, answer.contentType);
  return { decoded, reading: readDatedItems(decoded.text, url, { today, timeZone: TIME_ZONE }) };
}

function expected(items: FixtureItem[]) {
  return items.map((i) => ({ title: i.title, url: i.url, key: i.key, date: { localDate: i.localDate, instant: i.instant } }));
}

describe('fixture sites read by the monitoring readers', () => {
  let fixture: FixtureSites;

  beforeAll(async () => {
    fixture = await startFixtureSites({ today: TODAY, sites: 10, addresses: 2, slowMs: 3000 });
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('serves GBK and UTF-8 homepages whose dated items, in every format, read back exactly', async () => {
    for (const site of fixture.sites) {
      const { decoded, reading } = await readPage(site.homepageUrl);
      expect(decoded.charset).toBe(site.encoding === 'gbk' ? 'gb18030' : 'utf-8');
      expect(decoded.text).toContain(site.unitName);
      expect(reading.items).toEqual(expected(site.homepage.items));
      const keys = new Set(reading.items.map((i) => i.key));
      for (const url of site.homepage.undatedLinks) expect(keys.has(normaliseUrl(url)!)).toBe(false);
      expect(reading.undatedLinks).toBeGreaterThanOrEqual(site.homepage.undatedLinks.length);
    }
    const formats = new Set(fixture.sites.flatMap((s) => s.homepage.items.map((i) => i.format)));
    expect([...formats].sort()).toEqual(['bracket-md', 'chinese', 'dot', 'iso', 'md', 'slash', 'time']);
    const declarations = new Set(fixture.sites.map((s) => `${s.encoding}/${s.declaration}`));
    expect(declarations).toEqual(new Set(['gbk/header', 'gbk/meta', 'gbk/http-equiv', 'gbk/none', 'utf-8/header', 'utf-8/meta', 'utf-8/http-equiv', 'utf-8/bom', 'utf-8/none']));
  });

  it('reads the link checker’s way too: fetchPage decodes a GBK page that declares nothing', async () => {
    const site = fixture.sites.find((s) => s.encoding === 'gbk' && s.declaration === 'none')!;
    const page = await fetchPage(site.homepageUrl, { timeoutMs: 5000, maxBytes: 2 * 1024 * 1024, maxRedirects: 3, allowPrivate: true });
    expect(page.charset).toBe('gb18030');
    expect(page.html).toContain(site.homepage.items[0].title.replace(/&/g, '&amp;'));
  });

  it('serves columns whose state (fresh, stale, blank) the column reader finds', async () => {
    const seen = new Set<string>();
    for (const site of fixture.sites.slice(0, 6)) {
      for (const column of site.columns) {
        const { reading } = await readPage(column.url);
        expect(reading.items).toEqual(expected(column.items));
        const state = columnState(column.kind, summariseItems(reading.items.map((i) => i.date.localDate), TODAY), TODAY);
        const label = state.blank ? 'blank' : state.stale ? 'stale' : 'fresh';
        expect(`${site.id}/${column.name}: ${label}`).toBe(`${site.id}/${column.name}: ${column.state}`);
        seen.add(`${column.kind}:${column.state}`);
      }
    }
    // Every state a kind can have occurs (interaction and other are never stale).
    expect(seen).toEqual(
      new Set(['news:fresh', 'news:stale', 'news:blank', 'notice:fresh', 'notice:stale', 'notice:blank', 'policy:fresh', 'policy:stale', 'policy:blank', 'interaction:fresh', 'interaction:blank', 'other:fresh', 'other:blank']),
    );
  });

  it('serves RSS (GBK for GBK sites), Atom and JSON feeds that read back the same entries, the undated one skipped', async () => {
    for (const site of fixture.sites.slice(0, 4)) {
      for (const url of [site.feeds.rssUrl, site.feeds.atomUrl, site.feeds.jsonUrl]) {
        const answer = await get(url);
        const reading = readFeed(decodePage(answer.body, answer.contentType).text, url, { now: NOW, timeZone: TIME_ZONE });
        expect(reading.entries).toEqual(expected(site.feeds.entries));
        expect(reading.skipped).toBe(1);
      }
    }
  });

  it('has broken links on each homepage: a 404, a 500 and one with no answer in time', async () => {
    const site = fixture.site(3);
    const results: ProbeResult[] = [];
    for (const link of site.brokenLinks) {
      const answer = await get(link.url, 500);
      results.push(classifyProbe(answer, 500));
    }
    expect(results.map((r) => r.error)).toEqual(['HTTP 404（页面不存在）', 'HTTP 500（服务器内部错误）', '超过 1 秒无应答']);
  });

  it('makes a site fail and recover: exactly one site_down and one site_up', async () => {
    const site = fixture.site(5);
    const other = fixture.site(6);
    let state = INITIAL_OUTAGE_STATE;
    const alerts: OutageAlert[] = [];
    const probe = async () => {
      const answer = await get(site.homepageUrl, 500);
      const result = classifyProbe(answer, 500);
      const step = nextOutageState(state, { at: new Date(), ok: result.ok });
      state = step.state;
      if (step.alert) alerts.push(step.alert);
      return result;
    };
    expect((await probe()).ok).toBe(true);
    fixture.setDown(site.id, 'refuse');
    expect((await probe()).error).toMatch(/^连接被(重置|中断)/);
    fixture.setDown(site.id, 'error');
    expect((await probe()).error).toBe('HTTP 503（服务不可用）');
    expect((await get(other.homepageUrl)).status).toBe(200); // only that site is down
    fixture.setDown(site.id, 'timeout');
    expect((await probe()).error).toBe('超过 1 秒无应答');
    expect((await probe()).ok).toBe(false);
    fixture.setDown(site.id, false);
    expect((await probe()).ok).toBe(true);
    expect((await probe()).ok).toBe(true);
    expect(alerts.map((a) => a.kind)).toEqual(['site_down', 'site_up']);
  });

  it('sees a polite reader: the per-host scheduler keeps two requests at most in flight, started apart', async () => {
    const site = fixture.site(3);
    const scheduler = new HostScheduler({ maxPerHost: 2, minIntervalMs: 100, maxTotal: 8 });
    fixture.resetStats();
    const starts: number[] = [];
    const urls = [site.homepageUrl, ...site.columns.map((c) => c.url), ...site.brokenLinks.filter((l) => !l.slow).map((l) => l.url)];
    await Promise.all(
      urls.map((url) =>
        scheduler.run(url, () => {
          starts.push(Date.now());
          return get(url);
        }),
      ),
    );
    expect(fixture.stats.requests).toBe(urls.length);
    expect(fixture.stats.peakPerHost).toBeLessThanOrEqual(2);
    // The task reads the clock a moment after the scheduler did, so a gap may read 1 ms short.
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(99);
  });

  it('spreads sites over several loopback hosts and counts requests per path', async () => {
    expect(fixture.hosts).toHaveLength(2);
    expect(new URL(fixture.site(1).homepageUrl).host).toBe(fixture.hosts[0]);
    expect(new URL(fixture.site(2).homepageUrl).host).toBe(fixture.hosts[1]);
    expect(fixture.hosts[1].startsWith('127.0.0.2:')).toBe(true);
    fixture.resetStats();
    await get(fixture.site(1).homepageUrl);
    await get(fixture.site(1).columns[0].url);
    expect(fixture.stats.requests).toBe(2);
    expect(fixture.stats.byPath.get('/site-1/')).toBe(1);
    expect((await get(`http://${fixture.hosts[0]}/site-2/`)).status).toBe(404); // site 2 lives on the other host
  });
});

describe('fixture sites are deterministic', () => {
  it('serves the same bytes for the same seed and today, other dates for another today, and reads year-less dates in early January', async () => {
    const a = await startFixtureSites({ today: TODAY, sites: 2, seed: 7 });
    const b = await startFixtureSites({ today: TODAY, sites: 2, seed: 7 });
    const january = await startFixtureSites({ today: '2023-01-03', sites: 2, seed: 7 });
    try {
      const bodyA = (await get(a.site(2).homepageUrl)).body.toString('utf-8');
      const bodyB = (await get(b.site(2).homepageUrl)).body.toString('utf-8');
      expect(bodyA.replace(/127\.0\.0\.1:\d+/g, 'HOST')).toBe(bodyB.replace(/127\.0\.0\.1:\d+/g, 'HOST'));
      const site = january.site(2);
      const { reading } = await readPage(site.homepageUrl, '2023-01-03');
      expect(reading.items).toEqual(expected(site.homepage.items));
      const yearless = site.homepage.items.filter((i) => i.format === 'md' || i.format === 'bracket-md');
      expect(yearless.some((i) => i.localDate.startsWith('2022-12'))).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close(), january.close()]);
    }
  });
});
