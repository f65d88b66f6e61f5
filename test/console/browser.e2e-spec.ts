import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { FixedClock } from '../../src/common/clock';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
// A journey of many pages takes 40–80 s in headless chromium when the 2 cores are shared.
const JOURNEY_TIMEOUT_MS = 180_000;
// A 1×1 PNG: the rectification screenshot the operator uploads.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * The journey of issue 8 in a real browser (Debian's chromium, headless): an operator submits
 * a rectification with a screenshot, the supervisor rejects it, the operator resubmits, the
 * supervisor accepts, and the overdue count on the supervisor's home page follows.
 */
describe('web console in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date('2022-10-20T02:00:00Z'));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ clock, env: { UPLOAD_DIR: join(ARTIFACTS, 'uploads') } });
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

  async function signIn(username: string, password: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  it('operator submits, supervisor rejects, operator resubmits, supervisor accepts', async () => {
    const org = new OrgFixtures(t);
    const county = await org.unit({ kind: 'government', level: 'county', name: '甲县人民政府', shortName: '甲县' });
    const dept = await org.unit({ parent: county, kind: 'department', level: 'county', name: '甲县交通运输局', shortName: '甲县交通' });
    const supervisor = await org.user('supervisor', county);
    const operator = await org.user('operator', dept);

    // A finding from an inspection, due 5 working days after 2022-10-10: already overdue on 10-20.
    const finding = await t
      .http()
      .post('/api/v1/findings')
      .auth(supervisor.token, { type: 'bearer' })
      .send({ unitId: dept.id, category: 'not_updated', source: 'city_check', description: '甲县交通(微信订阅号) 9月未及时更新', foundAt: '2022-10-10T09:00:00+08:00' });
    expect(finding.status).toBe(201);
    const taskId = finding.body.taskId;

    // Today's checklist of the operator's unit: its WeChat account, weekly and 14-day rules.
    const admin = await t.adminToken();
    const channel = await t.http().post('/api/v1/channels').auth(admin, { type: 'bearer' }).send({ unitId: dept.id, kind: 'wechat', name: '甲县交通', platformLabel: '微信订阅号' });
    expect(channel.status).toBe(201);
    const generated = await t.http().post('/api/v1/checklists/generate').auth(admin, { type: 'bearer' }).send({ from: '2022-10-20', to: '2022-10-20' });
    expect(generated.status).toBe(200);

    const sup = await signIn(supervisor.username, supervisor.password);
    await expect(sup.getByTestId('overdue-total').textContent()).resolves.toBe('1');
    await shot(sup, '01-supervisor-home-overdue');

    const op = await signIn(operator.username, operator.password);
    await shot(op, '02-operator-home');
    const today = op.getByRole('region', { name: '今日检查清单' });
    await expect(today.getByText('县级以上政府部门和乡镇（街道）政务新媒体每周更新不少于2次').count()).resolves.toBe(1);
    await expect(today.getByText('甲县交通').count()).resolves.toBeGreaterThan(0);
    await op.getByRole('link', { name: /甲县交通\(微信订阅号\)/ }).first().click();
    await op.waitForURL(`${base}/console/tasks/${taskId}`);
    await op.getByLabel('整改说明（必填）').fill('已补发 9 月信息并建立每周更新制度');
    await op.getByLabel(/截图或文件/).setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
    await shot(op, '03-operator-submit-form');
    await op.getByRole('button', { name: '提交整改' }).click();
    await op.waitForURL(/flash=/);
    await expect(op.locator('#task-status').textContent()).resolves.toBe('待核验');
    await expect(op.getByRole('link', { name: 'screenshot.png' }).count()).resolves.toBe(1);

    await sup.goto(`${base}/`);
    await shot(sup, '04-supervisor-awaiting');
    await expect(sup.getByTestId('overdue-total').textContent()).resolves.toBe('0');
    await sup.getByRole('link', { name: /甲县交通\(微信订阅号\)/ }).first().click();
    await sup.getByLabel('退回原因（必填）').fill('截图未显示更新日期，请补充');
    await sup.getByRole('button', { name: '退回整改' }).click();
    await sup.waitForURL(/flash=/);
    await expect(sup.locator('#task-status').textContent()).resolves.toBe('已退回');
    await shot(sup, '05-supervisor-rejected');

    await sup.goto(`${base}/`);
    await expect(sup.getByTestId('overdue-total').textContent()).resolves.toBe('1');

    await op.goto(`${base}/console/tasks/${taskId}`);
    await expect(op.getByText('截图未显示更新日期，请补充').count()).resolves.toBeGreaterThan(0);
    await op.getByLabel('整改说明（必填）').fill('已补充带日期的截图');
    await op.getByLabel(/截图或文件/).setInputFiles({ name: 'screenshot-dated.png', mimeType: 'image/png', buffer: PNG });
    await op.getByRole('button', { name: '提交整改' }).click();
    await op.waitForURL(/flash=/);

    await sup.goto(`${base}/console/tasks/${taskId}`);
    await sup.getByRole('button', { name: '通过' }).click();
    await sup.waitForURL(/flash=/);
    await expect(sup.locator('#task-status').textContent()).resolves.toBe('已通过');
    await shot(sup, '06-supervisor-accepted');
    await sup.goto(`${base}/`);
    await expect(sup.getByTestId('overdue-total').textContent()).resolves.toBe('0');
    await shot(sup, '07-supervisor-home-after');

    // The home and task pages at phone width.
    const phone = await signIn(operator.username, operator.password, { width: 390, height: 844 });
    await shot(phone, '08-operator-home-phone');
    await phone.goto(`${base}/console/tasks/${taskId}`);
    await expect(phone.locator('#task-status').textContent()).resolves.toBe('已通过');
    await shot(phone, '09-task-phone');
  }, JOURNEY_TIMEOUT_MS);
});
