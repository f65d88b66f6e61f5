import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { FixedClock } from '../../src/common/clock';
import { at, ReminderFixtures, runReminders } from '../notifications/reminders-support';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
// A journey of many pages takes 40–80 s in headless chromium when the 2 cores are shared.
const JOURNEY_TIMEOUT_MS = 180_000;
const PUBLIC_URL = 'https://duban.example.gov.cn';

/**
 * Issue 11 item 13 in a real browser: an operator, signed out, opens the link of an overdue
 * email, signs in and lands on the task; their supervisor opens the links of the daily digest.
 */
describe('email links in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(at('2022-10-12 10:00'));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    // Its own database: reminder planning reads every task in it.
    t = await createTestApp({ clock, ownDatabase: true, env: { PUBLIC_URL } });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The links of an email's text, as addresses on the app under test (PUBLIC_URL is the deployment's). */
  async function linksTo(userId: number, kind: string): Promise<string[]> {
    const [row] = await t.dataSource.query('SELECT body_text FROM notification WHERE recipient_user_id = ? AND kind = ?', [userId, kind]);
    const links = [...String(row.body_text).matchAll(/https:\/\/duban\.example\.gov\.cn(\S*)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    return links.map((path) => `${base}${path}`);
  }

  it('opens the task of an overdue email after signing in, and the digest’s links as a supervisor', async () => {
    const org = new OrgFixtures(t);
    const f = new ReminderFixtures(t);
    const county = await org.unit({ kind: 'government', level: 'county', name: '邮件县人民政府', shortName: '邮件县' });
    const dept = await org.unit({ parent: county, kind: 'department', level: 'county', name: '邮件县交通运输局', shortName: '邮件县交通' });
    const supervisor = await org.user('supervisor', county);
    const operator = await org.user('operator', dept);
    const taskId = await f.task(dept.id, '2022-10-11', { title: '邮件县交通(微信订阅号) 9月未及时更新' });
    await runReminders(t, clock, '2022-10-12 09:00');

    const [link] = await linksTo(operator.id, 'task_overdue');
    expect(link).toBe(`${base}/console/tasks/${taskId}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(link);
    await page.waitForURL(`${base}/login?next=${encodeURIComponent(`/console/tasks/${taskId}`)}`);
    await page.getByLabel('用户名').fill(operator.username);
    await page.getByLabel('密码').fill(operator.password);
    await page.screenshot({ path: join(ARTIFACTS, 'email-link-01-sign-in.png') });
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(link);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('邮件县交通(微信订阅号) 9月未及时更新');
    await expect(page.getByRole('heading', { name: '提交整改' }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'email-link-02-operator-task.png'), fullPage: true });

    const sup = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const digest = await linksTo(supervisor.id, 'supervisor_digest');
    expect(digest).toEqual([`${base}/console/tasks/${taskId}`, `${base}/console/tasks?overdue=true&sort=overdueDays`]);
    await sup.goto(digest[1]);
    await sup.getByLabel('用户名').fill(supervisor.username);
    await sup.getByLabel('密码').fill(supervisor.password);
    await sup.getByRole('button', { name: '登录' }).click();
    await sup.waitForURL(digest[1]);
    await expect(sup.getByRole('link', { name: '邮件县交通(微信订阅号) 9月未及时更新' }).count()).resolves.toBe(1);
    await sup.screenshot({ path: join(ARTIFACTS, 'email-link-03-supervisor-overdue-list.png'), fullPage: true });
    await sup.goto(digest[0]);
    await expect(sup.getByRole('heading', { name: '核验' }).count()).resolves.toBe(0);
    await expect(sup.getByText('撤销任务').count()).resolves.toBe(1);
  }, JOURNEY_TIMEOUT_MS);
});
