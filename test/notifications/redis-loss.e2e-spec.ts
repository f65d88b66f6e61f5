import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { CHECKLIST_SCHEDULES } from '../../src/checklists/checklists-jobs';
import { FixedClock } from '../../src/common/clock';
import { PLAN_SCHEDULER, SWEEP_SCHEDULER } from '../../src/notifications/notifications.processor';
import { QueueName } from '../../src/queue/queues';
import { PageSession } from '../console/console-session';
import { OrgFixtures } from '../support/org-fixtures';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { testQueuePrefix, testRedisUrl } from '../support/test-env';
import { waitFor } from '../support/wait';
import { at, ReminderFixtures, runReminders } from './reminders-support';
import { SmtpSink, startSmtpSink } from './smtp-sink';

/**
 * Deletes this test's keys, and only them: every key under its own QUEUE_PREFIX. The Redis
 * server is shared with other test runs and other engineers, so never FLUSHALL/FLUSHDB.
 */
async function deleteKeysUnder(prefix: string): Promise<number> {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

const schedulerIds = async (t: TestApp, name: QueueName) => (await t.app.get<Queue>(getQueueToken(name)).getJobSchedulers()).map((s) => s.key).sort();
const ALL_CHECKLIST_SCHEDULERS = CHECKLIST_SCHEDULES.map((s) => s.id).sort();

/**
 * A pending task reminder held until the next working morning (planned on a working evening),
 * so its send job sits delayed in Redis; then the clock reaches that morning.
 */
async function heldOverdueReminder(t: TestApp, clock: FixedClock) {
  const org = new OrgFixtures(t);
  const f = new ReminderFixtures(t);
  const unit = await org.unit({ name: '癸县人民政府' });
  const operator = await org.user('operator', unit);
  const taskId = await f.task(unit.id, '2022-09-28', { title: `逾期任务 ${t.uid()}` });
  await runReminders(t, clock, '2022-09-30 20:00');
  const [row] = await f.rows("kind = 'task_overdue' AND subject_id = ?", [taskId]);
  expect(row).toMatchObject({ status: 'pending' });
  expect(new Date(row.not_before).toISOString()).toBe(at('2022-10-08 08:30').toISOString());
  return { email: `${operator.username}@example.gov.cn`, rowId: Number(row.id), f };
}

describe('Redis emptied while the app runs', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const prefix = `${testQueuePrefix()}-emptied`;
  const clock = new FixedClock(at('2022-09-30 20:00'));

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ clock, ownDatabase: true, env: { SMTP_URL: sink.url, QUEUE_PREFIX: prefix, SCHEDULE_CHECK_SECONDS: '1' } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('notices within its check period, registers its schedulers again, sends the pending emails and runs the next evaluation', async () => {
    const { email, rowId, f } = await heldOverdueReminder(t, clock);
    const org = new OrgFixtures(t);
    const county = await org.unit({ name: '癸县政务公开办' });
    const site = await f.channel(county.id, 'website', '癸县政府网');
    // Yesterday's homepage item with no update: the next evaluation finds it missed.
    const item = await f.item({ requirement: 'WEBSITE_DAILY_UPDATE', unitId: county.id, channelId: site, start: '2022-10-07', end: '2022-10-07' });
    expect(await schedulerIds(t, QueueName.Checklists)).toEqual(ALL_CHECKLIST_SCHEDULERS);

    clock.set(at('2022-10-08 09:00'));
    // Schedulers, their next jobs and the held send job all go; the worker's next check puts the schedulers back.
    expect(await deleteKeysUnder(prefix)).toBeGreaterThan(0);

    await sink.waitFor(() => sink.to(email).length === 1, 20_000);
    await waitFor(async () => (await f.rows('id = ?', [rowId]))[0].status === 'sent', 5_000, 'the row marked sent');
    await waitFor(async () => (await schedulerIds(t, QueueName.Checklists)).join() === ALL_CHECKLIST_SCHEDULERS.join(), 10_000);
    expect(await schedulerIds(t, QueueName.Notifications)).toEqual([PLAN_SCHEDULER, SWEEP_SCHEDULER].sort());

    // The next quarter-hourly evaluation is scheduled again; run it now instead of waiting for it.
    const checklists = t.app.get<Queue>(getQueueToken(QueueName.Checklists));
    const next = (await checklists.getDelayed()).find((j) => j.repeatJobKey === 'checklists-evaluate-quarter-hourly');
    expect(next).toBeDefined();
    await next!.promote();
    await waitFor(async () => (await t.dataSource.query('SELECT status FROM checklist_item WHERE id = ?', [item]))[0].status === 'missed', 20_000);
  }, 60_000);
});

describe('Redis restarted empty, or down, while the app runs', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let proxy: TcpProxy;
  const prefix = `${testQueuePrefix()}-restarted`;
  const clock = new FixedClock(at('2022-09-30 20:00'));
  const others: TestApp[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port || 6379), new URL(testRedisUrl()).hostname);
    // A check period far longer than the test: only the reconnect ("ready") can bring the schedulers back.
    t = await createTestApp({ clock, ownDatabase: true, env: { SMTP_URL: sink.url, REDIS_URL: proxy.url('redis'), QUEUE_PREFIX: prefix, SCHEDULE_CHECK_SECONDS: '3600' } });
  });
  afterAll(async () => {
    proxy?.up();
    for (const other of others) await other.close();
    await t?.close();
    await proxy?.close();
    await sink?.close();
  });

  it('registers its schedulers again when Redis is ready after a restart that lost its data, and sends what was pending', async () => {
    const { email, rowId, f } = await heldOverdueReminder(t, clock);
    clock.set(at('2022-10-08 09:00'));
    proxy.down();
    await deleteKeysUnder(prefix);
    proxy.up();

    await sink.waitFor(() => sink.to(email).length === 1, 20_000);
    await waitFor(async () => (await f.rows('id = ?', [rowId]))[0].status === 'sent', 5_000, 'the row marked sent');
    await waitFor(async () => (await schedulerIds(t, QueueName.Checklists)).join() === ALL_CHECKLIST_SCHEDULERS.join(), 10_000);
    expect(await schedulerIds(t, QueueName.Notifications)).toEqual([PLAN_SCHEDULER, SWEEP_SCHEDULER].sort());
  }, 60_000);

  it('plans reminders while Redis is down without hanging, and sends them when it is back', async () => {
    const org = new OrgFixtures(t);
    const f = new ReminderFixtures(t);
    const unit = await org.unit({ name: '子县人民政府' });
    const operator = await org.user('operator', unit);
    const taskId = await f.task(unit.id, '2022-10-10', { title: `队列中断期间的任务 ${t.uid()}` });
    const token = await t.adminToken();
    const page = new PageSession(t);
    await page.login(TEST_ADMIN.username, TEST_ADMIN.password);
    await page.get('/console/admin/reminders');
    clock.set(at('2022-10-12 09:00'));
    proxy.down();

    const started = Date.now();
    const res = await t.http().post('/api/v1/reminders/run').auth(token, { type: 'bearer' }).send({ asOf: '2022-10-12T09:00:00+08:00' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.status).toBe(200);
    expect(res.body.planned).toBeGreaterThanOrEqual(1);
    expect(res.body.queued).toBe(0);
    expect(res.body.notice).toContain('消息队列暂时不可用');
    const [row] = await f.rows("kind = 'task_overdue' AND subject_id = ?", [taskId]);
    expect(row.status).toBe('pending');

    // The console's 立即计划提醒 says the same in Chinese.
    const later = await f.task(unit.id, '2022-10-11', { title: `队列中断期间的第二个任务 ${t.uid()}` });
    const consoleRun = await page.post('/console/admin/reminders/run', {});
    expect(consoleRun.status).toBe(303);
    expect(decodeURIComponent(consoleRun.headers.location)).toContain('消息队列暂时不可用：提醒已写入发件箱，队列恢复后自动发送');
    expect(await f.rows("kind = 'task_overdue' AND subject_id = ?", [later])).toHaveLength(1);

    // Another instance starting while Redis is down still starts and serves.
    const second = await createTestApp({
      clock,
      databaseUrl: t.config.databaseUrl,
      env: { SMTP_URL: sink.url, REDIS_URL: proxy.url('redis'), QUEUE_PREFIX: prefix, SCHEDULE_CHECK_SECONDS: '3600' },
    });
    others.push(second);
    const plannedAgain = await second.http().post('/api/v1/reminders/run').auth(token, { type: 'bearer' }).send({ asOf: '2022-10-12T09:00:00+08:00' });
    expect(plannedAgain.status).toBe(200);
    expect(plannedAgain.body.planned).toBe(0);

    proxy.up();
    await sink.waitFor(() => sink.to(`${operator.username}@example.gov.cn`).length === 2, 20_000);
    await waitFor(async () => (await f.rows('id = ?', [row.id]))[0].status === 'sent', 5_000);
  }, 90_000);
});
