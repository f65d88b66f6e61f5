import * as iconv from 'iconv-lite';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { fetchPage } from '../../src/evidence/page-fetcher';
import { PolicyDocumentsService } from '../../src/evidence/policy-documents.service';
import { OrgFixtures, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { as } from './evidence-fixtures';

/** A government site on loopback: pages in UTF-8 and GBK, relative links, redirects, a huge page, a slow page. */
function startSite(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '/');
    const html = (body: string, charset = 'utf-8', header = true) => {
      res.writeHead(200, { 'Content-Type': header ? `text/html; charset=${charset}` : 'text/html' });
      res.end(iconv.encode(`<html><head><meta charset="${charset}"><title>页面</title></head><body>${body}</body></html>`, charset));
    };
    if (url === '/zc/wj/1.html') return html('<h1>关于印发某某办法的通知</h1><p><a href="../../jd/">政策解读</a></p>');
    // GBK, charset only in <meta>: the Chinese path in the link must decode right to match.
    if (url === '/jd/' || url === '/jd/index.html') return html('<h1>《某某办法》政策解读</h1><a href="/zc/wj/1.html#top">原文</a><a href="/政策/文件.html">相关</a>', 'gbk', false);
    if (url === '/政策/文件.html') return html('<p>GB2312 页面</p><a href=/jd/index.shtml>解读</a>', 'gb2312');
    if (url === '/jd/index.shtml') return html('<A HREF="HTTP://127.0.0.1:' + (server.address() as AddressInfo).port + '/%E6%94%BF%E7%AD%96/%E6%96%87%E4%BB%B6.html">文件</A>', 'gbk');
    if (url === '/zc/wj/2.html') return html('<a href="/jd/2.html">解读</a>');
    if (url === '/jd/2.html') return html('<a href="/zc/wj/other.html">别的文件</a>');
    if (url === '/moved') {
      res.writeHead(301, { Location: '/zc/wj/1.html' });
      return res.end();
    }
    const hop = /^\/r(\d)$/.exec(url);
    if (hop) {
      res.writeHead(302, { Location: Number(hop[1]) < 4 ? `/r${Number(hop[1]) + 1}` : '/zc/wj/1.html' });
      return res.end();
    }
    if (url === '/big.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (url === '/slow.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('<html>');
      const timer = setTimeout(() => res.end('</html>'), 3000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    res.writeHead(404).end('not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('policy documents and link checks', () => {
  let t: TestApp;
  let site: { server: Server; base: string };
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let opA: TestUser;
  let opB: TestUser;
  let inspector: TestUser;

  beforeAll(async () => {
    site = await startSite();
    t = await createTestApp();
    const org = new OrgFixtures(t);
    city = await org.city();
    opA = await org.user('operator', city.deptA);
    opB = await org.user('operator', city.deptB);
    inspector = await org.user('inspector', city.city);
  });
  afterAll(async () => {
    await t?.close();
    site?.server.close();
  });

  const document = async (url: string, interpretation?: string) => {
    const res = await as(t, opA.token).post('/policy-documents', { unitId: city.deptA.id, title: '关于印发某某办法的通知', url, publishedAt: '2022-09-29T10:00:00+08:00' });
    expect(res.status).toBe(201);
    if (interpretation) {
      const i = await as(t, opA.token).post(`/policy-documents/${res.body.id}/interpretations`, { title: '《某某办法》政策解读', url: interpretation, publishedAt: '2022-09-30T10:00:00+08:00' });
      expect(i.status).toBe(201);
    }
    return res.body.id as number;
  };
  const check = (id: number, token = opA.token) => as(t, token).post(`/policy-documents/${id}/check-links`);

  it('sets the due time 3 working days after publication, across the National Day holiday', async () => {
    const res = await as(t, opA.token).post('/policy-documents', { unitId: city.deptA.id, title: '通知', url: `${site.base}/zc/wj/1.html`, publishedAt: '2022-09-29T10:00:00+08:00' });
    // 09-30 (1), 10-08 (2, make-up working day), 10-09 (3): due 10-10 00:00 local.
    expect(res.body).toMatchObject({ dueAt: '2022-10-09T16:00:00.000Z', dueLastDay: '2022-10-09' });
  });

  it('verifies two pages that link to each other (relative links, GBK page, index.html, fragment)', async () => {
    const id = await document(`${site.base}/zc/wj/1.html`, `${site.base}/jd/index.html`);
    const res = await check(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ documentLinksToInterpretation: true, interpretationLinksToDocument: true });
    expect(res.body.error).toBeUndefined();
    const got = await as(t, opA.token).get(`/policy-documents/${id}`);
    expect(got.body).toMatchObject({ linked: true, lastCheck: { documentLinksToInterpretation: true, interpretationLinksToDocument: true }, interpretations: [{ url: `${site.base}/jd/index.html` }] });
    expect(got.body.linksVerifiedAt).not.toBeNull();
    const linked = await as(t, opA.token).get(`/policy-documents?unitId=${city.deptA.id}&linked=true`);
    expect(linked.body.items.map((d: any) => d.id)).toContain(id);
  });

  it('reads GBK and GB2312 pages by their declared charset (Chinese paths in links)', async () => {
    const id = await document(`${site.base}/政策/文件.html`, `${site.base}/jd/index.shtml`);
    expect((await check(id)).body).toMatchObject({ documentLinksToInterpretation: true, interpretationLinksToDocument: true });
  });

  it('follows a redirect to the real page', async () => {
    const id = await document(`${site.base}/moved`, `${site.base}/jd/`);
    expect((await check(id)).body).toMatchObject({ documentLinksToInterpretation: true, interpretationLinksToDocument: true });
  });

  it('reports a one-way link as not verified', async () => {
    const id = await document(`${site.base}/zc/wj/2.html`, `${site.base}/jd/2.html`);
    const res = await check(id);
    expect(res.body).toMatchObject({ documentLinksToInterpretation: true, interpretationLinksToDocument: false });
    expect((await as(t, opA.token).get(`/policy-documents/${id}`)).body).toMatchObject({ linked: false, linksVerifiedAt: null });
    const unlinked = await as(t, opA.token).get(`/policy-documents?unitId=${city.deptA.id}&linked=false`);
    expect(unlinked.body.items.map((d: any) => d.id)).toContain(id);
  });

  it('refuses more than 3 redirects and a page over 2 MB, saying why', async () => {
    const redirects = await check(await document(`${site.base}/r1`, `${site.base}/jd/`));
    expect(redirects.body).toMatchObject({ documentLinksToInterpretation: false });
    expect(redirects.body.error).toContain('重定向超过 3 次');
    const big = await check(await document(`${site.base}/big.html`, `${site.base}/jd/`));
    expect(big.body.error).toContain('超过 2 MB');
    // Three redirects are allowed.
    expect((await check(await document(`${site.base}/r2`, `${site.base}/jd/`))).body).toMatchObject({ documentLinksToInterpretation: true, interpretationLinksToDocument: true });
  });

  it('gives up on a slow page at the timeout', async () => {
    const started = Date.now();
    await expect(fetchPage(`${site.base}/slow.html`, { timeoutMs: 300, maxBytes: 2 * 1024 * 1024, maxRedirects: 3, allowPrivate: true })).rejects.toThrow('超时');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 409 without an interpretation, 404 outside scope, 403 for an inspector', async () => {
    const id = await document(`${site.base}/zc/wj/1.html`);
    expect((await check(id)).status).toBe(409);
    expect((await check(id, opB.token)).status).toBe(404);
    expect((await as(t, opB.token).get(`/policy-documents/${id}`)).status).toBe(404);
    expect((await check(id, inspector.token)).status).toBe(403);
    expect((await as(t, inspector.token).get(`/policy-documents/${id}`)).status).toBe(200);
    const foreign = await as(t, opA.token).post('/policy-documents', { unitId: city.deptB.id, title: 't', url: `${site.base}/x`, publishedAt: '2022-09-29T10:00:00+08:00' });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body.message)).toContain('unitId');
    expect((await as(t, opA.token).post('/policy-documents', { unitId: city.deptA.id, title: 't', url: 'ftp://x.gov.cn/a', publishedAt: '2022-09-29T10:00:00+08:00' })).status).toBe(400);
  });

  it('re-checks unverified documents in the scheduled job', async () => {
    const id = await document(`${site.base}/zc/wj/1.html`, `${site.base}/jd/`);
    // Due 2022-10-10: more than 2 days ago for the real clock, so move its due time ahead.
    await t.dataSource.query('UPDATE policy_document SET due_at = DATE_ADD(UTC_TIMESTAMP(3), INTERVAL 1 DAY) WHERE id = ?', [id]);
    const result = await t.app.get(PolicyDocumentsService).recheckPending();
    expect(result.verified).toBeGreaterThanOrEqual(1);
    expect((await as(t, opA.token).get(`/policy-documents/${id}`)).body.linked).toBe(true);
  });

  describe('with LINK_CHECK_ALLOW_PRIVATE=false', () => {
    let strict: TestApp;
    beforeAll(async () => {
      strict = await createTestApp({ env: { LINK_CHECK_ALLOW_PRIVATE: 'false' } });
    });
    afterAll(async () => strict?.close());

    // [::127.0.0.1] is the deprecated IPv4-compatible form, which the URL parser keeps as [::7f00:1].
    it.each(['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]', '[::127.0.0.1]', '[::1]'])('refuses %s', async (host) => {
      const port = new URL(site.base).port;
      const token = await strict.adminToken();
      const doc = await strict.http().post('/api/v1/policy-documents').auth(token, { type: 'bearer' }).send({ unitId: city.deptA.id, title: 't', url: `http://${host}:${port}/zc/wj/1.html`, publishedAt: '2022-09-29T10:00:00+08:00' });
      expect(doc.status).toBe(201);
      await strict.http().post(`/api/v1/policy-documents/${doc.body.id}/interpretations`).auth(token, { type: 'bearer' }).send({ title: 'j', url: `http://${host}:${port}/jd/`, publishedAt: '2022-09-30T10:00:00+08:00' });
      const res = await strict.http().post(`/api/v1/policy-documents/${doc.body.id}/check-links`).auth(token, { type: 'bearer' });
      expect(res.body).toMatchObject({ documentLinksToInterpretation: false, interpretationLinksToDocument: false });
      expect(res.body.error).toContain('拒绝访问内网或保留地址');
    });
  });
});
