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

  it('answers 404 for another unit’s task page and its evidence', async () => {
    const county = await org.unit({ kind: 'government', level: 'county' });
    const a = await org.unit({ parent: county, kind: 'department', level: 'county' });
    const b = await org.unit({ parent: county, kind: 'department', level: 'county' });
    const inspector = await org.user('inspector', county);
    const finding = await t
      .http()
      .post('/api/v1/findings')
      .auth(inspector.token, { type: 'bearer' })
      .send({ unitId: a.id, category: 'typo', source: 'city_check', description: '首页有错别字', foundAt: '2022-09-01T10:00:00+08:00' });
    expect(finding.status).toBe(201);
    const opA = await org.user('operator', a);
    const opB = await org.user('operator', b);
    const mine = new PageSession(t);
    await mine.login(opA.username, opA.password);
    expect((await mine.get(`/console/tasks/${finding.body.taskId}`)).status).toBe(200);
    const theirs = new PageSession(t);
    await theirs.login(opB.username, opB.password);
    const page = await theirs.get(`/console/tasks/${finding.body.taskId}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('页面不存在，或不在您的管理范围内');
    expect((await theirs.get(`/console/tasks/${finding.body.taskId}/evidence/1`)).status).toBe(404);
    const list = await theirs.get('/console/tasks');
    expect(list.text).not.toContain('首页有错别字');
  });

  it('shows the monthly report page and downloads it as DOCX and XLSX', async () => {
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const form = await s.get('/console/reports/monthly');
    expect(form.status).toBe(200);
    const page = await s.get('/console/reports/monthly?month=2022-07');
    expect(page.status).toBe(200);
    for (const heading of ['一、基本情况', '二、发现的问题', '三、各单位合规情况', '四、逾期整改任务', '五、政务公开数据统计']) expect(page.text).toContain(heading);
    const docx = await t.http().get('/console/reports/monthly?month=2022-07&format=docx').set('Cookie', s.cookieHeader()).buffer(true);
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xlsx = await t.http().get('/console/reports/monthly?month=2022-07&format=xlsx').set('Cookie', s.cookieHeader()).buffer(true);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const future = await s.get('/console/reports/monthly?month=2999-01');
    expect(future.status).toBe(400);
  });

  it('shows the checklist page of a unit in scope', async () => {
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const page = await s.get('/console/checklists?date=2022-10-08');
    expect(page.status).toBe(200);
    expect(page.text).toContain('检查清单');
    expect(page.text).toContain('2022年10月8日');
  });

  it('lets an admin change a requirement parameter from the console, validated like the API', async () => {
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const page = await s.get('/console/admin/requirements');
    expect(page.status).toBe(200);
    expect(page.text).toContain('县级以上政府部门和乡镇（街道）政务新媒体每周更新不少于2次');
    const bad = await s.post('/console/admin/requirements/NEW_MEDIA_TWICE_WEEKLY', { enabled: 'true', severity: 'normal', deductionPoints: '0.5', 'param.min': '0' });
    expect(bad.status).toBe(303);
    expect(decodeURIComponent(bad.headers.location)).toContain('error=');
    const ok = await s.post('/console/admin/requirements/NEW_MEDIA_TWICE_WEEKLY', { enabled: 'true', severity: 'normal', deductionPoints: '0.5', 'param.min': '3' });
    expect(decodeURIComponent(ok.headers.location)).toContain('已保存');
    const api = await t.http().get('/api/v1/requirements/NEW_MEDIA_TWICE_WEEKLY').auth(await t.adminToken(), { type: 'bearer' });
    expect(api.body.params.min).toBe(3);
    await s.post('/console/admin/requirements/NEW_MEDIA_TWICE_WEEKLY', { enabled: 'true', severity: 'normal', deductionPoints: '0.5', 'param.min': '2' });
  });

  it('shows the reminder settings and the outbox to an admin and saves a valid change', async () => {
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const page = await s.get('/console/admin/reminders?status=failed');
    expect(page.status).toBe(200);
    expect(page.text).toContain('发件箱');
    const form = { 'enabled.task_due_soon': 'on', dueSoonWorkingDays: '1', remindAt: '09:00', workStart: '08:30', workEnd: '18:00', escAfter: '3', escRepeats: '3', escEvery: '1', digestAt: '09:00', dailyAt: '16:00', weeklyWeekday: '4', weeklyAt: '09:00', ratePerSecond: '50' };
    const bad = await s.post('/console/admin/reminders/settings', { ...form, remindAt: '25:99' });
    expect(decodeURIComponent(bad.headers.location)).toContain('error=');
    const ok = await s.post('/console/admin/reminders/settings', form);
    expect(decodeURIComponent(ok.headers.location)).toContain('提醒设置已保存');
    const api = await t.http().get('/api/v1/reminders/settings').auth(await t.adminToken(), { type: 'bearer' });
    expect(api.body.enabled.task_due_soon).toBe(true);
    expect(api.body.enabled.task_overdue).toBe(false);
    await t.http().put('/api/v1/reminders/settings').auth(await t.adminToken(), { type: 'bearer' }).send({ enabled: Object.fromEntries(Object.keys(api.body.enabled).map((k) => [k, true])) });
  });
});
