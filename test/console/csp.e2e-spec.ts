import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { FixedClock } from '../../src/common/clock';
import { OrgFixtures, TestUser } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');

/**
 * Every console page under the app's Content-Security-Policy, in a real browser: nothing the
 * pages need is blocked (no violation reported), the chart draws and the scripts still act.
 */
// Each test walks many pages in a real browser; on a busy 2-core machine that takes minutes.
jest.setTimeout(180_000);

describe('console pages under the Content-Security-Policy', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let supervisor: TestUser;
  let operator: TestUser;
  let taskId: number;
  const clock = new FixedClock(new Date('2022-10-20T02:00:00Z'));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ clock });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const org = new OrgFixtures(t);
    const county = await org.unit({ kind: 'government', level: 'county', name: '丙县人民政府', shortName: '丙县' });
    const dept = await org.unit({ parent: county, kind: 'department', level: 'county', name: '丙县交通运输局', shortName: '丙县交通' });
    supervisor = await org.user('supervisor', county);
    operator = await org.user('operator', dept);
    const admin = await t.adminToken();
    await t.http().post('/api/v1/channels').auth(admin, { type: 'bearer' }).send({ unitId: dept.id, kind: 'wechat', name: '丙县交通', platformLabel: '微信订阅号' });
    await t.http().post('/api/v1/checklists/generate').auth(admin, { type: 'bearer' }).send({ from: '2022-10-01', to: '2022-10-20' });
    await t.http().post('/api/v1/checklists/evaluate').auth(admin, { type: 'bearer' }).send({ asOf: '2022-10-20T10:00:00+08:00' });
    const finding = await t
      .http()
      .post('/api/v1/findings')
      .auth(supervisor.token, { type: 'bearer' })
      .send({ unitId: dept.id, category: 'typo', source: 'city_check', description: '丙县交通 首页有错别字', foundAt: '2022-10-10T09:00:00+08:00' });
    taskId = finding.body.taskId;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A signed-in page that records every CSP violation and script error it meets. */
  async function signIn(username: string, password: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    await page.addInitScript({
      content: "window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });",
    });
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    return { page, problems };
  }

  /** Opens a page and collects the CSP violations the document itself reports. */
  async function visit(page: Page, path: string): Promise<string[]> {
    const res = await page.goto(`${base}${path}`);
    expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
    return page.evaluate('window.__csp') as Promise<string[]>;
  }

  it('shows every admin page with nothing blocked', async () => {
    const { page, problems } = await signIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const pages = [
      '/',
      '/console/tasks',
      `/console/tasks/${taskId}`,
      '/console/checklists?date=2022-10-20',
      '/console/findings/new',
      '/console/reports/monthly',
      '/console/reports/monthly?month=2022-09',
      '/console/admin',
      '/console/admin/units',
      '/console/admin/users',
      '/console/admin/channels',
      '/console/admin/imports',
      '/console/admin/calendar',
      '/console/admin/requirements',
      '/console/admin/reminders',
      '/console/admin/audit',
    ];
    for (const path of pages) expect({ path, violations: await visit(page, path) }).toEqual({ path, violations: [] });
    await page.goto(`${base}/console/admin/reminders`);
    await page.screenshot({ path: join(ARTIFACTS, 'csp-admin-reminders.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('draws the supervisor’s chart and keeps the scripted form behaviour', async () => {
    const { page, problems } = await signIn(supervisor.username, supervisor.password);
    expect(await visit(page, '/')).toEqual([]);
    await page.locator('#compliance-chart canvas').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'csp-supervisor-home.png'), fullPage: true });
    // Choosing a unit on the finding form reloads it with that unit's channels (app.js, not an inline handler).
    expect(await visit(page, '/console/findings/new')).toEqual([]);
    await page.getByLabel('责任单位').selectOption({ label: '丙县交通运输局' });
    await page.waitForURL(/unitId=\d+/);
    await expect(page.getByLabel('涉及载体（可选）').locator('option').count()).resolves.toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  it('lets the operator submit with a file through the scripted upload', async () => {
    const { page, problems } = await signIn(operator.username, operator.password);
    expect(await visit(page, '/')).toEqual([]);
    expect(await visit(page, `/console/tasks/${taskId}`)).toEqual([]);
    await page.getByLabel('整改说明（必填）').fill('已更正错别字');
    await page.getByLabel(/截图或文件/).setInputFiles({ name: 'fix.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByRole('button', { name: '提交整改' }).click();
    await page.waitForURL(/flash=/);
    await expect(page.locator('#task-status').textContent()).resolves.toBe('待核验');
    expect(problems).toEqual([]);
  });

  it('serves the API documentation page with nothing blocked', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    await page.goto(`${base}/api/docs`);
    await page.getByText('Duban 督办 API').first().waitFor();
    expect(violations).toEqual([]);
  });
});
