import * as iconv from 'iconv-lite';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgFixtures, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { as, createChannel, TestChannel } from './evidence-fixtures';

describe('publications', () => {
  let t: TestApp;
  let admin: string;
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let opA: TestUser;
  let supA: TestUser;
  let inspector: TestUser;
  let wxA: TestChannel;
  let siteA: TestChannel;
  let wxB: TestChannel;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    const org = new OrgFixtures(t);
    city = await org.city();
    opA = await org.user('operator', city.deptA);
    supA = await org.user('supervisor', city.countyA);
    inspector = await org.user('inspector', city.city);
    wxA = await createChannel(t, city.deptA, 'wechat');
    siteA = await createChannel(t, city.deptA, 'website');
    wxB = await createChannel(t, city.deptB, 'wechat');
  });
  afterAll(async () => t?.close());

  const stored = (channelId: number) =>
    t.dataSource.query('SELECT published_at, DATE_FORMAT(local_date, "%Y-%m-%d") AS local_date, title, url, external_id, dedupe_key FROM publication WHERE channel_id = ? ORDER BY id', [channelId]);

  describe('POST /publications', () => {
    it('accepts a batch and counts duplicates inside the call and across calls', async () => {
      const items = [
        { channelId: wxA.id, publishedAt: '2022-09-29T10:00:00+08:00', title: '一', externalId: 'wx-1' },
        { channelId: wxA.id, publishedAt: '2022-09-29T10:00:00+08:00', title: '一（重复）', externalId: 'wx-1' },
        { channelId: siteA.id, publishedAt: '2022-09-29T11:00:00+08:00', url: 'https://www.example.gov.cn/a/index.html' },
        { channelId: siteA.id, publishedAt: '2022-09-29T11:00:00+08:00', url: 'http://WWW.example.gov.cn/a/' },
        { channelId: siteA.id, publishedAt: '2022-09-29T12:00:00+08:00', title: '无链接无编号' },
      ];
      const first = await as(t, opA.token).post('/publications', { items });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ accepted: 3, duplicates: 2 });
      const again = await as(t, opA.token).post('/publications', { items: items.slice(0, 4) });
      expect(again.body).toEqual({ accepted: 0, duplicates: 4 });
      expect(await stored(wxA.id)).toHaveLength(1);
      // The same id on another channel is another publication.
      const admin_ = await as(t, admin).post('/publications', { items: [{ channelId: wxB.id, publishedAt: '2022-09-29T10:00:00+08:00', externalId: 'wx-1' }] });
      expect(admin_.body).toEqual({ accepted: 1, duplicates: 0 });
    });

    it('stores the local date: 23:30 and 00:10 local fall on their own days', async () => {
      const channel = await createChannel(t, city.deptA, 'weibo');
      const res = await as(t, opA.token).post('/publications', {
        items: [
          { channelId: channel.id, publishedAt: '2022-09-29T23:30:00', externalId: 'late' },
          { channelId: channel.id, publishedAt: '2022-09-30T00:10:00+08:00', externalId: 'early' },
          { channelId: channel.id, publishedAt: '2022-09-29T16:10:00Z', externalId: 'utc' },
        ],
      });
      expect(res.body.accepted).toBe(3);
      const rows = await stored(channel.id);
      expect(rows.map((r: any) => [r.external_id, r.local_date, r.published_at.toISOString()])).toEqual([
        ['late', '2022-09-29', '2022-09-29T15:30:00.000Z'],
        ['early', '2022-09-30', '2022-09-29T16:10:00.000Z'],
        ['utc', '2022-09-30', '2022-09-29T16:10:00.000Z'],
      ]);
    });

    it('stores titles, addresses and ids with quotes, backslashes and line breaks exactly as sent', async () => {
      const channel = await createChannel(t, city.deptA, 'weibo');
      const tricky = [
        { channelId: channel.id, publishedAt: '2022-09-29T10:00:00+08:00', title: "It's \\ \"quoted\"\n第二行\t'); DROP TABLE publication; --", externalId: "o'k\\" },
        { channelId: channel.id, publishedAt: '2022-09-29T11:00:00+08:00', title: '\u0000\u001a\r', url: "https://a.gov.cn/x?q='1'" },
      ];
      expect((await as(t, opA.token).post('/publications', { items: tricky })).body).toEqual({ accepted: 2, duplicates: 0 });
      const rows = await stored(channel.id);
      expect(rows.map((r: any) => [r.title, r.url, r.external_id])).toEqual([
        [tricky[0].title, null, tricky[0].externalId],
        [tricky[1].title, tricky[1].url, null],
      ]);
    });

    it('accepts 5,000 items of the longest title and address (split into statements under max_allowed_packet)', async () => {
      const channel = await createChannel(t, city.deptA, 'website');
      const items = Array.from({ length: 5000 }, (_, i) => ({
        channelId: channel.id,
        publishedAt: '2022-09-29T10:00:00+08:00',
        title: `${i}`.padEnd(500, '政'),
        url: `https://a.gov.cn/${i}/`.padEnd(1000, 'x'),
      }));
      expect((await as(t, opA.token).post('/publications', { items })).body).toEqual({ accepted: 5000, duplicates: 0 });
      const [{ n, longest }] = await t.dataSource.query('SELECT COUNT(*) AS n, MAX(CHAR_LENGTH(title) + CHAR_LENGTH(url)) AS longest FROM publication WHERE channel_id = ?', [channel.id]);
      expect([Number(n), Number(longest)]).toEqual([5000, 1500]);
    });

    it('refuses 5,001 items with 400 and writes nothing', async () => {
      const items = Array.from({ length: 5001 }, (_, i) => ({ channelId: wxA.id, publishedAt: '2022-10-01T10:00:00+08:00', externalId: `big-${i}` }));
      const res = await as(t, opA.token).post('/publications', { items });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('5000');
      const [{ n }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM publication WHERE channel_id = ? AND external_id LIKE 'big-%'", [wxA.id]);
      expect(Number(n)).toBe(0);
      const ok = await as(t, opA.token).post('/publications', { items: items.slice(0, 5000) });
      expect(ok.body).toEqual({ accepted: 5000, duplicates: 0 });
    });

    it('refuses a bad time, a foreign channel, an unknown channel and an unknown field, naming the item, and writes nothing', async () => {
      const good = { channelId: wxA.id, publishedAt: '2022-10-02T10:00:00+08:00', externalId: 'never-written' };
      const cases: [object, string][] = [
        [{ channelId: wxA.id, publishedAt: '2022-02-30T10:00:00' }, 'items[1].publishedAt'],
        [{ channelId: wxA.id, publishedAt: 'yesterday' }, 'items[1].publishedAt'],
        [{ channelId: wxB.id, publishedAt: '2022-10-02T10:00:00+08:00' }, `items[1].channelId ${wxB.id}`],
        [{ channelId: 99999999, publishedAt: '2022-10-02T10:00:00+08:00' }, 'items[1].channelId 99999999'],
        [{ channelId: wxA.id, publishedAt: '2022-10-02T10:00:00+08:00', colour: 'red' }, 'items[1].colour'],
        [{ channelId: wxA.id, publishedAt: '2022-10-02T10:00:00+08:00', title: 'x'.repeat(501) }, 'items[1].title'],
        [{ channelId: 'abc', publishedAt: '2022-10-02T10:00:00+08:00' }, 'items[1].channelId'],
      ];
      for (const [bad, field] of cases) {
        const res = await as(t, opA.token).post('/publications', { items: [good, bad] });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toContain(field);
      }
      const [{ n }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM publication WHERE external_id = 'never-written'");
      expect(Number(n)).toBe(0);
      expect((await as(t, opA.token).post('/publications', { items: 'x' })).status).toBe(400);
    });

    it('lets a supervisor record for units below them, refuses an inspector with 403', async () => {
      const res = await as(t, supA.token).post('/publications', { items: [{ channelId: wxA.id, publishedAt: '2022-10-03T10:00:00+08:00', externalId: 'sup' }] });
      expect(res.body).toEqual({ accepted: 1, duplicates: 0 });
      expect((await as(t, supA.token).post('/publications', { items: [{ channelId: wxB.id, publishedAt: '2022-10-03T10:00:00+08:00' }] })).status).toBe(400);
      expect((await as(t, inspector.token).post('/publications', { items: [{ channelId: wxA.id, publishedAt: '2022-10-03T10:00:00+08:00' }] })).status).toBe(403);
    });
  });

  describe('POST /publications/import', () => {
    it('imports a UTF-8 CSV, skipping bad rows and reporting each by line', async () => {
      const csv = [
        'channel_code,published_at,title,url,external_id',
        `${wxA.code},2022-10-04 09:00,国庆假期值班安排,,csv-1`,
        `${wxA.code},2022-10-04 09:00,重复,,csv-1`,
        `NO-SUCH-CODE,2022-10-04 09:00,未知载体,,csv-2`,
        `${wxA.code},2022-10-04 25:00,时间错误,,csv-3`,
        `${wxB.code},2022-10-04 09:00,范围外,,csv-4`,
        '',
        `${siteA.code},2022-10-04T23:30:00,"标题, 含逗号",https://www.example.gov.cn/n/1.html,`,
      ].join('\n');
      const res = await as(t, opA.token).csv('/publications/import', csv);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ encoding: 'utf-8', rows: 6, accepted: 2, duplicates: 1, rejected: 3 });
      expect(res.body.errors).toEqual([
        expect.stringMatching(/^第 4 行：channel_code NO-SUCH-CODE 不存在或不在您的管理范围内/),
        expect.stringMatching(/^第 5 行：published_at/),
        expect.stringMatching(new RegExp(`^第 6 行：channel_code ${wxB.code}`)),
      ]);
      expect(res.body.ranges).toEqual([{ fromLine: 2, toLine: 8, accepted: 2, duplicates: 1, rejected: 3 }]);
      const site = (await stored(siteA.id)).find((r: any) => r.url === 'https://www.example.gov.cn/n/1.html');
      expect(site).toMatchObject({ title: '标题, 含逗号', local_date: '2022-10-04' });
    });

    it('imports a GB18030 (Excel) CSV sent as multipart', async () => {
      const csv = `channel_code,published_at,title\r\n${wxA.code},2022-10-05 08:00,关于做好国庆节期间值班工作的通知\r\n`;
      const res = await t
        .http()
        .post('/api/v1/publications/import')
        .auth(opA.token, { type: 'bearer' })
        .attach('file', iconv.encode(csv, 'gb18030'), 'publications.csv');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ encoding: 'gb18030', rows: 1, accepted: 1, rejected: 0 });
      expect((await stored(wxA.id)).some((r: any) => r.title === '关于做好国庆节期间值班工作的通知')).toBe(true);
    });

    it('refuses a file without the required columns with 400, and an inspector with 403', async () => {
      const res = await as(t, opA.token).csv('/publications/import', 'code,title\nX,Y\n');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('第 1 行');
      expect((await as(t, inspector.token).csv('/publications/import', `channel_code,published_at\n${wxA.code},2022-10-05 08:00\n`)).status).toBe(403);
      expect((await as(t, opA.token).post('/publications/import')).status).toBe(400);
    });

    it('imports in the background with ?async=true and reports progress and the result to its owner only', async () => {
      const lines = ['channel_code,published_at,title,url,external_id'];
      for (let i = 0; i < 5000; i++) lines.push(`${wxA.code},2022-10-06 ${String(8 + (i % 10)).padStart(2, '0')}:00,异步${i},,async-${i}`);
      lines.push(`${wxA.code},bad,坏行,,async-bad`);
      const res = await t
        .http()
        .post('/api/v1/publications/import?async=true')
        .auth(opA.token, { type: 'bearer' })
        .attach('file', Buffer.from(lines.join('\n')), 'big.csv');
      expect(res.status).toBe(202);
      expect(res.body.jobId).toMatch(/^[0-9a-f]{32}$/);
      let job: any;
      for (let i = 0; i < 100; i++) {
        job = (await as(t, opA.token).get(`/publications/import/${res.body.jobId}`)).body;
        if (job.status === 'done' || job.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(job).toMatchObject({ status: 'done', rows: 5001, result: { rows: 5001, accepted: 5000, duplicates: 0, rejected: 1 } });
      expect(job.result.errors[0]).toMatch(/^第 5002 行：published_at/);
      expect((await as(t, supA.token).get(`/publications/import/${res.body.jobId}`)).status).toBe(404);
      expect((await as(t, admin).get(`/publications/import/${res.body.jobId}`)).status).toBe(200);
      expect((await as(t, opA.token).get('/publications/import/0123456789abcdef0123456789abcdef')).status).toBe(404);
    });

    it('streams 200,000 rows with flat memory and reports ranges of 100,000 lines', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'duban-import-'));
      const file = join(dir, 'rows.csv');
      const channels = [wxA, siteA];
      await new Promise<void>((resolve, reject) => {
        const out = createWriteStream(file);
        out.on('error', reject);
        out.write('channel_code,published_at,title,url,external_id\n');
        let i = 0;
        const write = () => {
          let ok = true;
          while (i < 200_000 && ok) {
            const c = channels[i % 2];
            const day = String(1 + (i % 28)).padStart(2, '0');
            ok = out.write(`${c.code},2022-11-${day} 10:${String(i % 60).padStart(2, '0')},第${i}条更新的标题文字,https://www.example.gov.cn/big/${i}.html,stream-${i}\n`);
            i++;
          }
          if (i < 200_000) out.once('drain', write);
          else out.end(resolve);
        };
        write();
      });
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = Date.now();
      const res = await t.http().post('/api/v1/publications/import').auth(admin, { type: 'bearer' }).attach('file', file);
      clearInterval(sampler);
      await rm(dir, { recursive: true });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ rows: 200_000, accepted: 200_000, duplicates: 0, rejected: 0 });
      expect(res.body.ranges).toEqual([
        { fromLine: 2, toLine: 100_001, accepted: 100_000, duplicates: 0, rejected: 0 },
        { fromLine: 100_002, toLine: 200_001, accepted: 100_000, duplicates: 0, rejected: 0 },
      ]);
      const growthMb = (peak - before) / 1024 / 1024;
      console.log(`200,000-row import: ${Date.now() - started} ms, RSS growth ${growthMb.toFixed(1)} MB`);
      // The file is ~25 MB; holding it and its 200,000 parsed rows at once would grow RSS by several hundred MB.
      // The bound includes the test client reading the file and the collector's slack in this one process.
      expect(growthMb).toBeLessThan(160);
    }, 180_000);
  });
});
