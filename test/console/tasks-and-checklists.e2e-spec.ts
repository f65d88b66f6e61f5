import { FixedClock } from '../../src/common/clock';
import { api } from '../rectification/rectification-helpers';
import { OrgFixtures, TestUnit, TestUser } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { PageSession } from './console-session';

/**
 * The task and checklist pages as their users read them (issue 11, items 19 and 20). Its own
 * database: the last test deactivates the system unit (系统管理) the first admin starts under.
 */
describe('web console: task pages, the checklist page and unit pickers', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let admin: string;
  let inspector: TestUser;
  const clock = new FixedClock(new Date('2022-10-14T10:00:00+08:00'));

  const session = async (user: { username: string; password: string }) => {
    const s = new PageSession(t);
    await s.login(user.username, user.password);
    return s;
  };
  const finding = async (unit: TestUnit, description: string, fields: Record<string, unknown> = {}) => {
    const res = await api(t, inspector.token).post('/findings', { unitId: unit.id, category: 'not_updated', source: 'city_check', description, foundAt: '2022-10-10T09:00:00+08:00', ...fields });
    expect(res.status).toBe(201);
    return res.body.taskId as number;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, ownDatabase: true });
    org = new OrgFixtures(t);
    city = await org.city();
    admin = await t.adminToken();
    inspector = await org.user('inspector', city.city);
  });
  afterAll(async () => t?.close());

  it('opens a rejected task with the reason on top, marks veto tasks and lists them first, and names the source as the ledger does', async () => {
    const supervisor = await org.user('supervisor', city.countyA);
    const operator = await org.user('operator', city.deptA);
    const rejected = await finding(city.deptA, '首页“通知公告”栏目一个月未更新');
    expect((await api(t, operator.token).post(`/tasks/${rejected}/submit`, { note: '已补发三条通知' })).status).toBe(200);
    const reason = '截图未显示更新日期，请补充栏目更新记录截图';
    expect((await api(t, supervisor.token).post(`/tasks/${rejected}/reject`, { reason })).status).toBe(200);

    const page = (await (await session(operator)).get(`/console/tasks/${rejected}`)).text;
    const notice = page.indexOf('data-testid="rejection"');
    expect(notice).toBeGreaterThan(0);
    // Above the task's facts, not only in the history at the bottom.
    expect(notice).toBeLessThan(page.indexOf('class="facts"'));
    expect(page.slice(notice, page.indexOf('</div>', notice))).toContain(reason);

    const veto = await finding(city.deptA, '政务微博连续两周无更新', { severity: 'veto', foundAt: '2022-10-12T09:00:00+08:00' });
    const list = (await (await session(supervisor)).get(`/console/tasks?unitId=${city.deptA.id}`)).text;
    const order = [...list.matchAll(/<a href="\/console\/tasks\/(\d+)">/g)].map((m) => Number(m[1]));
    expect(order).toEqual([veto, rejected]);
    expect(list).toMatch(new RegExp(`<span class="badge veto">单项否决</span> <a href="/console/tasks/${veto}">`));
    expect(list).not.toMatch(new RegExp(`<span class="badge veto">单项否决</span> <a href="/console/tasks/${rejected}">`));
    // 来源 in the ledger's words: who found it.
    expect(list).toContain('<td data-label="来源">市级检查</td>');
    expect(list).not.toContain('<td data-label="来源">检查发现</td>');
  });

  it('shows the platform beside each account, offers waive only where it applies, sorts by status and covers a month', async () => {
    const county = await org.unit({ parent: city.city, kind: 'government', level: 'county', name: '丙县人民政府' });
    const supervisor = await org.user('supervisor', county);
    const channel = async (kind: string, platformLabel: string) => (await api(t, admin).post('/channels', { unitId: county.id, kind, name: '丙县融媒', platformLabel })).body.id as number;
    const weibo = await channel('weibo', '微博');
    const wechat = await channel('wechat', '微信订阅号');
    expect((await api(t, admin).post('/publications', { items: [{ channelId: wechat, publishedAt: '2022-10-10T09:30:00+08:00', externalId: `p-${t.uid()}` }] })).status).toBe(201);
    expect((await api(t, admin).post('/checklists/generate', { from: '2022-10-10', to: '2022-10-10' })).status).toBe(200);
    expect((await api(t, admin).post('/checklists/evaluate', { asOf: '2022-10-11T00:10:00+08:00' })).status).toBe(200);
    const items = (await api(t, admin).get(`/checklist-items?unitId=${county.id}&from=2022-10-10&to=2022-10-10&pageSize=100`)).body.items;
    const met = items.filter((i: any) => i.status === 'met').map((i: any) => i.id);
    const missed = items.filter((i: any) => i.status === 'missed').map((i: any) => i.id);
    expect(met.length).toBeGreaterThanOrEqual(2);
    expect(missed.length).toBeGreaterThanOrEqual(2);
    expect(items.find((i: any) => i.channelId === weibo)).toMatchObject({ platformLabel: '微博' });

    const s = await session(supervisor);
    const day = (await s.get(`/console/checklists?unitId=${county.id}&date=2022-10-10`)).text;
    expect(day).toContain('丙县融媒<span class="muted">(微博)</span>');
    expect(day).toContain('丙县融媒<span class="muted">(微信订阅号)</span>');
    for (const id of met) expect(day).not.toContain(`/console/checklists/${id}/waive`);
    for (const id of missed) expect(day).toContain(`/console/checklists/${id}/waive`);
    // The API refuses it too.
    expect((await api(t, supervisor.token).post(`/checklist-items/${met[0]}/waive`, { reason: '误操作' })).status).toBe(409);

    const rowOrder = (html: string) => [...html.matchAll(/<tr data-item="(\d+)">/g)].map((m) => Number(m[1]));
    const byStatus = rowOrder((await s.get(`/console/checklists?unitId=${county.id}&date=2022-10-10&sort=status`)).text);
    expect(byStatus.slice(0, missed.length).sort()).toEqual([...missed].sort());
    expect(byStatus.slice(-met.length).sort()).toEqual([...met].sort());
    const apiOrder = (await api(t, admin).get(`/checklist-items?unitId=${county.id}&from=2022-10-10&to=2022-10-10&sort=status`)).body.items.map((i: any) => i.status);
    expect(apiOrder).toEqual([...apiOrder].sort((a: string, b: string) => ['missed', 'pending', 'waived', 'met'].indexOf(a) - ['missed', 'pending', 'waived', 'met'].indexOf(b)));

    const month = (await s.get(`/console/checklists?unitId=${county.id}&date=2022-10-10&range=month`)).text;
    expect(month).toContain('2022年10月1日 至 2022年10月31日');
    expect(month).toContain('<option value="month" selected>本月</option>');
  });

  it('never offers the disabled system unit (系统管理) in a picker or as a default', async () => {
    const adminUser = (await api(t, admin).get(`/users?role=admin`)).body.items.find((u: any) => u.username === TEST_ADMIN.username);
    const root = (await api(t, admin).get('/units')).body.find((u: any) => u.code === 'ROOT');
    expect(root).toMatchObject({ name: '系统管理' });
    // What the demo does: the admin moves to the city, and the placeholder unit is deactivated.
    expect((await api(t, admin).patch(`/users/${adminUser.id}`, { unitId: city.city.id })).status).toBe(200);
    expect((await api(t, admin).patch(`/units/${root.id}`, { active: false })).status).toBe(200);

    const s = await session(TEST_ADMIN);
    for (const path of ['/console/checklists', '/console/tasks', '/console/findings/new', '/console/admin/users', '/console/admin/channels', '/console/reports/monthly']) {
      const page = await s.get(path);
      expect([path, page.status]).toEqual([path, 200]);
      expect([path, new RegExp(`<option value="${root.id}"[ >]`).test(page.text)]).toEqual([path, false]);
      expect([path, page.text.includes('>系统管理<')]).toEqual([path, false]);
    }
    const checklists = (await s.get('/console/checklists')).text;
    expect(checklists).toContain(`<option value="${city.city.id}" selected>`);

    const active = (await api(t, admin).get('/units?active=true')).body.map((u: any) => u.code);
    expect(active).toEqual(expect.arrayContaining([city.city.code, city.deptA.code]));
    expect(active).not.toContain('ROOT');
    expect((await api(t, admin).get('/units?active=false')).body.map((u: any) => u.code)).toEqual(['ROOT']);
    expect(JSON.stringify((await api(t, admin).get('/units?tree=true&active=true')).body)).not.toContain('系统管理');
    expect((await api(t, admin).get('/units?active=maybe')).status).toBe(400);
  });
});
