import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { createChannel } from '../evidence/evidence-fixtures';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const MB = 1024 * 1024;

/**
 * Starts a request that announces `declaredBytes` but sends only the first chunk, and waits
 * for the answer. A server that reads the body before answering never answers (the rest never
 * comes), so the deadline is where the test fails, not a sleep.
 */
function answerBeforeBody(port: number, path: string, headers: Record<string, string>, declaredBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'Content-Length': String(declaredBytes) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        clearTimeout(deadline);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    const deadline = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to ${path} within 15 s: the server is waiting for the body`));
    }, 15_000);
    req.on('error', () => undefined);
    req.write(Buffer.alloc(256 * 1024, 'a'));
  });
}

describe('request bodies: read after authentication, with per-route limits', () => {
  let t: TestApp;
  let port: number;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    admin = await t.adminToken();
  });
  afterAll(async () => t?.close());

  it('refuses an unauthenticated 95 MB import before reading it', async () => {
    const res = await answerBeforeBody(port, '/api/v1/units/import', { 'Content-Type': 'text/csv' }, 95 * MB);
    expect(res.status).toBe(401);
  });

  it('refuses an unauthenticated 95 MB publication import and console upload before reading them', async () => {
    expect((await answerBeforeBody(port, '/api/v1/publications/import', { 'Content-Type': 'text/csv' }, 95 * MB)).status).toBe(401);
    const console = await answerBeforeBody(port, '/console/admin/imports', { 'Content-Type': 'multipart/form-data; boundary=x' }, 95 * MB);
    expect(console.status).toBe(303);
  });

  it('refuses a JSON body over 1 MB on an ordinary route, in Chinese', async () => {
    const res = await t
      .http()
      .post('/api/v1/units')
      .auth(admin, { type: 'bearer' })
      .send({ code: t.uid(), name: 'x'.repeat(2 * MB), kind: 'department', level: 'county' });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/请求体过大.*1 MB/);
  });

  it('still takes a 5,000-item publication batch (over 1 MB) and a signed-in user’s multi-megabyte CSV', async () => {
    const org = new OrgFixtures(t);
    const channel = await createChannel(t, await org.unit({}));
    const items = Array.from({ length: 5000 }, (_, i) => ({ channelId: channel.id, publishedAt: '2022-09-29T10:00:00+08:00', title: `标题${'长'.repeat(60)}${i}`, externalId: `big-${i}` }));
    expect(Buffer.byteLength(JSON.stringify({ items }))).toBeGreaterThan(MB);
    const batch = await t.http().post('/api/v1/publications').auth(admin, { type: 'bearer' }).send({ items });
    expect(batch.status).toBe(201);
    expect(batch.body.accepted).toBe(5000);

    // A 3 MB file with a wrong header: read whole and judged on its content (400), not refused for size.
    const csv = Buffer.from(`wrong,header\n${'a,b\n'.repeat(Math.ceil((3 * MB) / 4))}`);
    const res = await t.http().post('/api/v1/units/import').auth(admin, { type: 'bearer' }).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('表头');
  }, 180_000);

  it('answers malformed JSON with a Chinese 400', async () => {
    const res = await t.http().post('/api/v1/units').auth(admin, { type: 'bearer' }).set('Content-Type', 'application/json').send('{"code": "X1", "name": ');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/JSON/);
    expect(res.body.message).toMatch(/请求体/);
  });
});
