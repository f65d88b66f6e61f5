import { PageSession } from '../console/console-session';
import { createChannel } from '../evidence/evidence-fixtures';
import { OrgFixtures, TestUnit } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

describe('bad input and races answer 400/409, never 500, and say so in Chinese', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let admin: string;
  let unit: TestUnit;

  beforeAll(async () => {
    t = await createTestApp();
    org = new OrgFixtures(t);
    admin = await t.adminToken();
    unit = await org.unit({});
  });
  afterAll(async () => t?.close());

  const post = (path: string, body: object) => t.http().post(`/api/v1${path}`).auth(admin, { type: 'bearer' }).send(body);

  it('refuses 24:00 in receivedAt and publishedAt with a 400 naming the field', async () => {
    const channel = await createChannel(t, unit);
    const message = await post('/messages', { channelId: channel.id, category: 'general', receivedAt: '2022-09-29T24:00:00+08:00' });
    expect(message.status).toBe(400);
    expect(JSON.stringify(message.body.message)).toContain('receivedAt');
    const document = await post('/policy-documents', { unitId: unit.id, title: '通知', url: 'https://www.example.gov.cn/a.html', publishedAt: '2022-09-29 24:00' });
    expect(document.status).toBe(400);
    expect(JSON.stringify(document.body.message)).toContain('publishedAt');
  });

  it('refuses ?page=1e300 with a 400 naming page', async () => {
    for (const path of ['/users?page=1e300', '/tasks?page=1e300', '/channels?page=1e300']) {
      const res = await t.http().get(`/api/v1${path}`).auth(admin, { type: 'bearer' });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('page');
    }
  });

  it('answers concurrent creates of one unit code with one 201 and 409s', async () => {
    const code = t.uid();
    const answers = await Promise.all(Array.from({ length: 12 }, () => post('/units', { code, name: '并发单位', kind: 'department', level: 'county' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect(answers.find((a) => a.status === 409)!.body.message).toContain(code);
  });

  it('answers concurrent creates of one username with one 201 and 409s', async () => {
    const username = `race-${t.uid()}`.toLowerCase();
    const body = { username, password: 'Race-condition-42', displayName: '并发', email: `${username}@example.gov.cn`, role: 'operator', unitId: unit.id };
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/users', body)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
  });

  it('says in Chinese which path parameter must be a number', async () => {
    for (const path of ['/units/abc', '/tasks/1e300', '/users/-1']) {
      const res = await t.http().get(`/api/v1${path}`).auth(admin, { type: 'bearer' });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/id/);
      expect(res.body.message).toMatch(/正整数/);
      expect(res.body.message).not.toMatch(/Validation failed/);
    }
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const page = await s.get('/console/tasks/abc');
    expect(page.status).toBe(400);
    expect(page.text).toContain('正整数');
  });

  it('names fields in Chinese as well as by their API name', async () => {
    const res = await post('/units', { code: t.uid(), name: '单位', kind: 'ministry', level: 'county' });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^类型（kind）必须是以下之一/)]);
    const settings = await t.http().put('/api/v1/reminders/settings').auth(admin, { type: 'bearer' }).send({ dueSoonWorkingDays: 99 });
    expect(settings.status).toBe(400);
    expect(JSON.stringify(settings.body.message)).toContain('到期前提醒提前的工作日数（dueSoonWorkingDays）');
    const report = await t.http().get('/api/v1/reports/monthly?month=2999-01').auth(admin, { type: 'bearer' });
    expect(report.status).toBe(400);
    expect(JSON.stringify(report.body.message)).toContain('月份（month）2999-01 晚于本月');
  });

  it('says "file too large" in Chinese on the console’s evidence upload', async () => {
    const county = await org.unit({ kind: 'government', level: 'county' });
    const finding = await post('/findings', { unitId: county.id, category: 'typo', source: 'city_check', description: '错别字', foundAt: '2022-09-01T10:00:00+08:00' });
    expect(finding.status).toBe(201);
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    await s.get(`/console/tasks/${finding.body.taskId}`);
    const res = await s.upload(`/console/tasks/${finding.body.taskId}/submit`, { note: '已整改' }, { field: 'files', content: Buffer.alloc(11 * 1024 * 1024), name: 'big.png' });
    expect(res.status).toBe(413);
    expect(res.text).toContain('文件过大');
    expect(res.text).not.toContain('File too large');
  });
});
