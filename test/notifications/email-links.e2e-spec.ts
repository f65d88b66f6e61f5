import { FixedClock } from '../../src/common/clock';
import { NOTIFICATION_KINDS } from '../../src/notifications/notification-kinds';
import { PageSession } from '../console/console-session';
import { OrgFixtures, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { at, ReminderFixtures, runReminders } from './reminders-support';

const PUBLIC_URL = 'https://duban.example.gov.cn';

/**
 * Issue 11 item 13: every link in every email opens a page. Reminder planning renders every
 * kind of email for one small city; each link of each email (text and HTML) is followed as
 * its recipient, signed in to the console (a 200 page about the email's subject), and signed
 * out (the sign-in page, then the page itself after signing in).
 */
describe('email links open console pages', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let f: ReminderFixtures;
  const clock = new FixedClock(at('2022-10-01 10:00'));
  const expectedOn = new Map<string, string>();
  let users: Map<number, TestUser>;
  let contactStandsFor: TestUser;

  beforeAll(async () => {
    // Its own database: planning is global, and every row it writes here is this test's.
    t = await createTestApp({ clock, ownDatabase: true, env: { PUBLIC_URL } });
    org = new OrgFixtures(t);
    f = new ReminderFixtures(t);
    const city = await org.unit({ name: '链接市人民政府', level: 'city' });
    const cityBoss = await org.user('supervisor', city);
    const county = await org.unit({ parent: city, name: '链接县人民政府' });
    const countyBoss = await org.user('supervisor', county);
    const dept = await org.unit({ parent: county, name: '链接县交通运输局', kind: 'department', contactEmails: [`contact-${t.uid().toLowerCase()}@example.gov.cn`] });
    const operator = await org.user('operator', dept);
    users = new Map([cityBoss, countyBoss, operator].map((u) => [u.id, u]));
    // A contact address belongs to no account: its reader signs in as the unit's operator.
    contactStandsFor = operator;

    const site = await f.channel(dept.id, 'website', '链接县交通网');
    const wechat = await f.channel(dept.id, 'wechat', '链接交通');
    const task = await f.task(dept.id, '2022-10-11', { title: '首页栏目长期未更新' });
    const message = await f.message(site, dept.id, '2022-09-29 10:00', '2022-10-11', '咨询客运班线时刻');
    const daily = await f.item({ requirement: 'WEBSITE_DAILY_UPDATE', unitId: dept.id, channelId: site, start: '2022-10-13', end: '2022-10-13' });
    const weekly = await f.item({ requirement: 'NEW_MEDIA_TWICE_WEEKLY', unitId: dept.id, channelId: wechat, start: '2022-10-10', end: '2022-10-16', observed: 1, required: 2 });
    const missed = await f.item({ requirement: 'NEW_MEDIA_TWICE_WEEKLY', unitId: dept.id, channelId: wechat, start: '2022-10-03', end: '2022-10-09', status: 'missed', final: true, required: 2 });
    expectedOn.set(`/console/tasks/${task}`, '首页栏目长期未更新');
    expectedOn.set(`/console/messages/${message}`, '咨询客运班线时刻');
    expectedOn.set(`/console/checklist-items/${daily}`, '政府网站首页信息每天至少更新一次');
    expectedOn.set(`/console/checklist-items/${weekly}`, '政务新媒体每周更新不少于2次');
    expectedOn.set(`/console/checklist-items/${missed}`, '政务新媒体每周更新不少于2次');
    expectedOn.set('/console/tasks?overdue=true&sort=overdueDays', '整改任务');

    // Due soon (10-10), overdue and the digest (10-12), weekly and daily unseen (10-13),
    // escalation after 3 working days overdue (10-14).
    for (const asOf of ['2022-10-10 09:00', '2022-10-12 09:00', '2022-10-13 09:00', '2022-10-13 16:00', '2022-10-14 09:30']) await runReminders(t, clock, asOf);
  });
  afterAll(async () => t?.close());

  async function mails() {
    return (await t.dataSource.query('SELECT id, kind, recipient_user_id, body_text, body_html FROM notification ORDER BY id')) as {
      id: number;
      kind: string;
      recipient_user_id: number | null;
      body_text: string;
      body_html: string;
    }[];
  }

  /** The links of a text body (each ends at white space), as paths under PUBLIC_URL. */
  const linksOf = (text: string) => [...text.matchAll(/https:\/\/duban\.example\.gov\.cn\S*/g)].map((m) => m[0].slice(PUBLIC_URL.length));
  const hrefsOf = (html: string) => [...html.matchAll(/href="https:\/\/duban\.example\.gov\.cn([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

  it('plans every kind of email, each with links into the console', async () => {
    const rows = await mails();
    expect([...new Set(rows.map((r) => r.kind))].sort()).toEqual([...NOTIFICATION_KINDS].sort());
    for (const row of rows) {
      const links = linksOf(row.body_text);
      expect(links.length).toBeGreaterThan(0);
      expect(new Set(hrefsOf(row.body_html))).toEqual(new Set(links));
      for (const link of links) expect(link).toMatch(/^\/console\//);
    }
  });

  it('opens every link as its recipient, signed in', async () => {
    const sessions = new Map<number, PageSession>();
    const opened: string[] = [];
    for (const row of await mails()) {
      const reader = row.recipient_user_id ? users.get(Number(row.recipient_user_id))! : contactStandsFor;
      let session = sessions.get(reader.id);
      if (!session) {
        session = new PageSession(t);
        await session.login(reader.username, reader.password);
        sessions.set(reader.id, session);
      }
      for (const link of linksOf(row.body_text)) {
        const page = await session.get(link);
        opened.push(`${row.kind} → ${link}: ${page.status}`);
        expect(`${row.kind} → ${link}: ${page.status}`).toBe(`${row.kind} → ${link}: 200`);
        expect(expectedOn.has(link)).toBe(true);
        expect(page.text).toContain(expectedOn.get(link));
      }
    }
    // Every subject of this city was linked from some email.
    expect(new Set(opened.map((o) => o.split(' → ')[1].split(':')[0]))).toEqual(new Set(expectedOn.keys()));
  });

  it('sends a reader who is signed out to the sign-in page, then to the page', async () => {
    const links = new Set((await mails()).flatMap((r) => linksOf(r.body_text)));
    const boss = [...users.values()][0];
    for (const link of links) {
      const s = new PageSession(t);
      const first = await s.get(link);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe(`/login?next=${encodeURIComponent(link)}`);
      const form = await s.get(first.headers.location);
      const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
      const next = /name="next" value="([^"]+)"/.exec(form.text)![1].replace(/&amp;/g, '&');
      expect(next).toBe(link);
      const signedIn = await s.post('/login', { username: boss.username, password: boss.password, _csrf: token, next }, false);
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.location).toBe(link);
      const page = await s.get(link);
      expect(page.status).toBe(200);
      expect(page.text).toContain(expectedOn.get(link));
    }
  });

  it('still opens the links of emails written before, which had no /console', async () => {
    for (const link of expectedOn.keys()) {
      const old = link.replace('/console', '');
      const res = await t.http().get(old).redirects(0);
      expect(`${old} ${res.status} ${res.headers.location}`).toBe(`${old} 301 ${link}`);
    }
    expect((await t.http().get('/tasks/abc').redirects(0)).status).toBe(404);
  });
});
