import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { PageSession } from './console-session';

describe('web console: sign-in, CSRF, roles, escaping', () => {
  let t: TestApp;
  let org: OrgFixtures;

  beforeAll(async () => {
    t = await createTestApp();
    org = new OrgFixtures(t);
  });
  afterAll(async () => t?.close());

  it('sends an anonymous visitor to the sign-in page and back after signing in', async () => {
    const anon = await t.http().get('/console/admin/units').redirects(0);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login?next=%2Fconsole%2Fadmin%2Funits');
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const home = await s.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('工作台');
    expect(home.text).toContain('退出');
  });

  it('sets an HttpOnly, SameSite session cookie', async () => {
    const page = await t.http().get('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const cookie = (page.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const res = await t.http().post('/login').set('Cookie', cookie).type('form').send({ username: TEST_ADMIN.username, password: TEST_ADMIN.password, _csrf: token }).redirects(0);
    const session = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('duban_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
  });

  it('refuses a sign-in or a form post without the CSRF token (403) and does nothing', async () => {
    const bare = await t.http().post('/login').type('form').send({ username: TEST_ADMIN.username, password: TEST_ADMIN.password }).redirects(0);
    expect(bare.status).toBe(403);
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const username = `csrf-${t.uid()}`.toLowerCase();
    const unit = await org.unit({});
    const form = { username, password: 'pass-word-123', displayName: '无令牌', email: 'x@example.gov.cn', role: 'operator', unitId: String(unit.id) };
    const forged = await s.post('/console/admin/users', form, false);
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('CSRF');
    const users = await t.http().get(`/api/v1/users?unitId=${unit.id}`).auth(await t.adminToken(), { type: 'bearer' });
    expect(users.body.items).toHaveLength(0);
    const ok = await s.post('/console/admin/users', form);
    expect(ok.status).toBe(303);
    const after = await t.http().get(`/api/v1/users?unitId=${unit.id}`).auth(await t.adminToken(), { type: 'bearer' });
    expect(after.body.items.map((u: any) => u.username)).toEqual([username]);
  });

  it('shows a unit name with <script> as text', async () => {
    await org.unit({ name: '<script>alert(1)</script>测试局' });
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const page = await s.get('/console/admin/units');
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;测试局');
    expect(page.text).not.toContain('<script>alert(1)</script>');
  });

  it('refuses admin pages to other roles with the 403 page', async () => {
    const unit = await org.unit({});
    const op = await org.user('operator', unit);
    const s = new PageSession(t);
    await s.login(op.username, op.password);
    const page = await s.get('/console/admin/users');
    expect(page.status).toBe(403);
    expect(page.text).toContain('无权');
  });

  it('shows every bad CSV row on the import page and writes nothing', async () => {
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const p = t.uid();
    const csv = `code,name,kind,level,parent_code\n${p}-1,好,department,county,\n${p}-2,坏,ministry,county,\n${p}-3,,department,county,\n`;
    await s.get('/console/admin/imports');
    const res = await s.upload('/console/admin/imports', { kind: 'units' }, { field: 'file', content: Buffer.from(csv), name: 'units.csv' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('第 3 行');
    expect(res.text).toContain('第 4 行');
    const units = await t.http().get('/api/v1/units').auth(await t.adminToken(), { type: 'bearer' });
    expect(units.body.some((u: any) => u.code.startsWith(p))).toBe(false);
  });

  it('serves the stylesheet and ECharts from the app itself', async () => {
    expect((await t.http().get('/assets/app.css')).status).toBe(200);
    const echarts = await t.http().get('/assets/vendor/echarts/echarts.min.js');
    expect(echarts.status).toBe(200);
    expect(echarts.text.length).toBeGreaterThan(100000);
  });

  it('keeps the API under /api/v1 with JSON errors', async () => {
    const res = await t.http().get('/api/v1/units');
    expect(res.status).toBe(401);
    expect(res.body.statusCode).toBe(401);
  });
});
