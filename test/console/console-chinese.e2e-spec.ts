import { ReminderFixtures } from '../notifications/reminders-support';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { PageSession } from './console-session';

/** What a page shows a person, without its markup. */
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<head>[\s\S]*?<\/head>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/**
 * Issue 11 item 18 (the console part): what a person reads in the console is Chinese — the
 * system in a task's history, requirement names instead of codes, periods, the audit log as
 * a readable diff — an unknown address is a Chinese 404 page, and the app has a favicon.
 */
describe('web console in Chinese', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let f: ReminderFixtures;
  let admin: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    org = new OrgFixtures(t);
    f = new ReminderFixtures(t);
    admin = new PageSession(t);
    await admin.login(TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(async () => t?.close());

  it('shows a task opened by the system as 系统 and its requirement by name', async () => {
    const unit = await org.unit({ name: '中文县人民政府' });
    const channel = await f.channel(unit.id, 'wechat', `中文发布${t.uid()}`);
    const opened = new Date('2022-10-12T01:00:00Z');
    const result = await t.dataSource.query(
      "INSERT INTO task (title, unit_id, channel_id, requirement_code, source, category, status, due_at, opened_at) VALUES ('中文发布 未按要求更新', ?, ?, 'GOV_NEW_MEDIA_WORKDAY_UPDATE', 'checklist', 'not_updated', 'open', ?, ?)",
      [unit.id, channel, new Date('2022-10-15T16:00:00Z'), opened],
    );
    const taskId = Number(result.insertId);
    // As the checklist engine records the tasks it opens: no actor.
    await t.dataSource.query("INSERT INTO task_transition (task_id, from_status, to_status, actor_id, actor_username, at, comment) VALUES (?, NULL, 'open', NULL, 'system', ?, '清单事项未达标，系统自动生成')", [
      taskId,
      opened,
    ]);
    const page = visible((await admin.get(`/console/tasks/${taskId}`)).text);
    expect(page).toContain('系统 · 待整改');
    expect(page).not.toMatch(/\bsystem\b/);
    expect(page).toContain('清单未达标（市、县级人民政府政务新媒体保持每个工作日更新）');
    expect(page).not.toContain('GOV_NEW_MEDIA_WORKDAY_UPDATE');
  });

  it('names the periods of the requirements in Chinese', async () => {
    const page = (await admin.get('/console/admin/requirements')).text;
    expect(page).toContain('value="每个工作日"');
    expect(page).toContain('value="每周（周一至周日）"');
    expect(page).not.toMatch(/value="(day|workday|week)"/);
  });

  it('shows the audit log with Chinese actions and what changed, not JSON', async () => {
    const unit = await org.unit({ name: '审计县人民政府', shortName: '审计县' });
    const operator = await org.user('operator', unit);
    const res = await t.http().delete(`/api/v1/users/${operator.id}`).auth(await t.adminToken(), { type: 'bearer' });
    expect(res.status).toBe(200);
    const html = (await admin.get('/console/admin/audit')).text;
    const page = visible(html);
    expect(page).toContain(`停用用户 用户 ${operator.username}（#${operator.id}）`);
    expect(html).toContain('<span class="field">启用</span>：<del>是</del> → <ins>否</ins>');
    expect(page).toContain(`新建用户 用户 ${operator.username}（#${operator.id}）`);
    expect(page).toContain('角色 ：经办员');
    expect(page).toContain('单位 ：审计县');
    expect(page).toContain('登录 用户');
    expect(page).toContain('登录地址');
    expect(page).not.toMatch(/\b(auth\.login|user\.create|user\.deactivate|unit\.create)\b/);
    expect(page).not.toContain('{"');
  });

  it('shows a message and its category in Chinese', async () => {
    const unit = await org.unit({ name: '留言县人民政府' });
    const channel = await f.channel(unit.id, 'website', `留言县政府网${t.uid()}`);
    const id = await f.message(channel, unit.id, '2022-09-29 10:00', '2022-10-11', '咨询办事指南');
    const page = visible((await admin.get(`/console/messages/${id}`)).text);
    expect(page).toContain('网民留言：咨询办事指南');
    expect(page).toContain('一般性留言（一般性网民留言5个工作日内办结回复）');
    expect(page).toContain('2022年10月11日 24:00');
    expect(page).not.toMatch(/\bgeneral\b/);
  });

  it('answers an unknown address with a Chinese 404 page, signed in or not; the API keeps JSON', async () => {
    const signedIn = await admin.get('/console/no-such-page');
    expect(signedIn.status).toBe(404);
    expect(signedIn.headers['content-type']).toContain('text/html');
    expect(visible(signedIn.text)).toContain('未找到 页面不存在，或不在您的管理范围内');
    for (const path of ['/no-such-page', '/console/no-such-page', '/assets/no-such-file.css']) {
      const anon = await t.http().get(path);
      expect(`${path} ${anon.status}`).toBe(`${path} 404`);
      expect(anon.text).toContain('页面不存在');
      expect(anon.text).toContain('督办');
      expect(anon.text).not.toContain('Cannot GET');
    }
    const api = await t.http().get('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body.statusCode).toBe(404);
  });

  it('has a favicon, linked from every page', async () => {
    const icon = await t.http().get('/favicon.ico').buffer(true);
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/vnd.microsoft.icon');
    expect(icon.body.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect((await t.http().get('/assets/favicon.svg')).status).toBe(200);
    for (const path of ['/login', '/no-such-page']) expect((await t.http().get(path)).text).toContain('<link rel="icon" href="/favicon.ico"');
    expect((await admin.get('/')).text).toContain('<link rel="icon" href="/favicon.ico"');
  });
});
