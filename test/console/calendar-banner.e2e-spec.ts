import { FixedClock } from '../../src/common/clock';
import { at } from '../notifications/reminders-support';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { PageSession } from './console-session';

/**
 * Issue 11 item 21: from November on, while next year's calendar is missing, admins see a
 * banner on every console page with a link to the page that loads it, and a deadline that
 * reaches the missing year answers 422 naming that page. The shipped data ends with 2026.
 */
describe('missing next year’s calendar: the banner and the 422', () => {
  let t: TestApp;
  const clock = new FixedClock(at('2026-11-05 10:00'));
  let admin: PageSession;
  let supervisor: PageSession;
  const banner = 'data-testid="calendar-banner"';

  beforeAll(async () => {
    // Its own database: 2027 is loaded here.
    t = await createTestApp({ clock, ownDatabase: true });
    const org = new OrgFixtures(t);
    const city = await org.unit({ level: 'city', name: '日历市人民政府' });
    const boss = await org.user('supervisor', city);
    admin = new PageSession(t);
    await admin.login(TEST_ADMIN.username, TEST_ADMIN.password);
    supervisor = new PageSession(t);
    await supervisor.login(boss.username, boss.password);
  });
  afterAll(async () => t?.close());

  it('is not shown before November', async () => {
    clock.set(at('2026-10-31 23:00'));
    expect((await admin.get('/')).text).not.toContain(banner);
    clock.set(at('2026-11-05 10:00'));
  });

  it('is shown to admins on every page from November, linking to the page that loads the year', async () => {
    for (const path of ['/', '/console/tasks', '/console/admin/users']) {
      const page = await admin.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain(banner);
      expect(page.text).toContain('缺少 2027 年的工作日历');
      expect(page.text).toContain('href="/console/admin/calendar?year=2027"');
    }
    expect((await supervisor.get('/')).text).not.toContain(banner);
  });

  it('answers 422 naming the console page for a deadline that reaches the missing year', async () => {
    const res = await t.http().get('/api/v1/calendar/deadline?from=2026-12-28T10:00:00%2B08:00&days=5&count=working').auth(await t.adminToken(), { type: 'bearer' });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('“管理 → 工作日历”页面（/console/admin/calendar?year=2027）');
    expect(res.body.message).not.toContain('PUT /api');
  });

  it('goes away once the admin loads the year on the linked page', async () => {
    const page = await admin.get('/console/admin/calendar?year=2027');
    expect(page.status).toBe(200);
    const loaded = await admin.post('/console/admin/calendar/years', {
      year: '2027',
      holidays: '2027-01-01 元旦\n2027-10-01~2027-10-07 国庆节',
      makeupWorkdays: '2027-09-26',
    });
    expect(new URL(loaded.headers.location, 'http://x').searchParams.get('flash')).toBe('2027 年工作日历已载入');
    expect((await admin.get('/')).text).not.toContain(banner);
    const deadline = await t.http().get('/api/v1/calendar/deadline?from=2026-12-28T10:00:00%2B08:00&days=5&count=working').auth(await t.adminToken(), { type: 'bearer' });
    expect(deadline.status).toBe(200);
  });
});
