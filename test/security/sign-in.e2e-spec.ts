import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { PageSession } from '../console/console-session';
import { ensureTestDatabase } from '../support/database';
import { OrgFixtures, TestUnit } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

const LIMIT = 5;

describe('sign-in lockout', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let unit: TestUnit;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_ATTEMPTS: String(LIMIT) } });
    org = new OrgFixtures(t);
    unit = await org.unit({});
  });
  afterAll(async () => t?.close());

  const login = (username: string, password: string) => t.http().post('/api/v1/auth/login').send({ username, password });

  /** A user named `auth.rl.<hex>`, so that accented and upper-case spellings exist. */
  async function lockableUser(): Promise<{ username: string; password: string }> {
    const username = `auth.rl.${t.uid().slice(1).toLowerCase()}`;
    const password = 'Right-horse-42';
    const res = await t
      .http()
      .post('/api/v1/users')
      .auth(await t.adminToken(), { type: 'bearer' })
      .send({ username, password, displayName: '锁定测试', email: `${username}@example.gov.cn`, role: 'operator', unitId: unit.id });
    expect(res.status).toBe(201);
    return { username, password };
  }

  it('counts every spelling the database takes for the same account against one counter', async () => {
    const { username, password } = await lockableUser();
    // Each of these signs in as the same account (the collation ignores case, accents and
    // trailing spaces), so each must count against that account.
    const spellings = [`${username} `, username.toUpperCase(), `á${username.slice(1)}`, `${username}\u3000`, `Ａ${username.slice(1)}`];
    expect(spellings).toHaveLength(LIMIT);
    expect((await login(`${username} `, password)).status).toBe(200);
    for (const spelling of spellings) expect((await login(spelling, 'wrong-password-1')).status).toBe(401);
    const locked = await login(username, password);
    expect(locked.status).toBe(429);
    expect(locked.body.message).toMatch(/登录失败次数过多/);
  });

  it('checks no more guesses than the limit when they arrive all at once', async () => {
    const { username, password } = await lockableUser();
    const answers = await Promise.all(Array.from({ length: 30 }, () => login(username, 'wrong-password-1')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - LIMIT);
    expect((await login(username, password)).status).toBe(429);
  });
});

describe('sign-in without Redis', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: Redis is down for this instance from the start.
    t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', APP_ROLE: 'api' } });
  });
  afterAll(async () => t?.close());

  it('signs in through the API and the console, and counts failures', async () => {
    const token = await t.login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' })).status).toBe(200);
    const wrong = await t.http().post('/api/v1/auth/login').send({ username: TEST_ADMIN.username, password: 'wrong-password-1' });
    expect(wrong.status).toBe(401);
    const page = new PageSession(t);
    await page.login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await page.get('/')).status).toBe(200);
  });
});

describe('sign-in without the database', () => {
  let t: TestApp;
  let proxy: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // The app reaches MariaDB through a proxy this test controls; closing it is "database down".
    const direct = new URL(await ensureTestDatabase());
    proxy = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(Number(direct.port || 3306), direct.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const viaProxy = new URL(direct.toString());
    viaProxy.host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    t = await createTestApp({ databaseUrl: viaProxy.toString(), env: { APP_ROLE: 'api' } });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    proxy?.close();
    await t?.close().catch(() => undefined);
  });

  it('answers 503 with a Chinese message, never 500', async () => {
    const token = await t.adminToken();
    expect((await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' })).status).toBe(200);
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
    const login = await t.http().post('/api/v1/auth/login').send({ username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect(login.status).toBe(503);
    expect(login.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(login.body.message).toMatch(/数据库/);
    const api = await t.http().get('/api/v1/units').auth(token, { type: 'bearer' });
    expect(api.status).toBe(503);
    const page = await t.http().get('/').set('Cookie', `duban_session=${token}`).redirects(0);
    expect(page.status).toBe(503);
    expect(page.text).toContain('数据库');
  });
});
