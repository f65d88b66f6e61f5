import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NotificationsSweeper } from '../../src/notifications/notifications-sweeper';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { testQueuePrefix } from '../support/test-env';
import { waitFor } from '../support/wait';
import { ReminderFixtures, sleep } from './reminders-support';
import { SmtpSink, startSmtpSink } from './smtp-sink';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const CONTACTS = 20;
const TASKS = 2;
const RECIPIENTS = CONTACTS * TASKS;

/** CI builds before testing; locally, rebuild when dist is missing or older than the sources it runs. */
function ensureFreshBuild(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  if (existsSync(MAIN) && statSync(join(ROOT, 'dist', 'src', 'notifications', 'notification-sender.js')).mtimeMs >= newest(join(ROOT, 'src'))) return;
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(MAIN)) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}

/**
 * Durability: a worker process is killed with SIGKILL while it is sending; a second worker and
 * the outbox sweep deliver every planned email. The only duplicates allowed are those the
 * design documents: emails the SMTP server had accepted whose rows were not yet marked sent
 * (at most the rows in flight when the process died).
 */
describe('reminders: a worker killed mid-send', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const workers: ChildProcess[] = [];
  const output: string[] = [];
  const prefix = `${testQueuePrefix()}-crash`;

  const startWorker = () => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        APP_ROLE: 'worker',
        DATABASE_URL: t.config.databaseUrl,
        REDIS_URL: t.config.redisUrl,
        QUEUE_PREFIX: prefix,
        SMTP_URL: sink.url,
        PUBLIC_URL: t.config.publicUrl,
        MAIL_CONCURRENCY: '4',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => output.push(String(d)));
    child.stderr!.on('data', (d) => output.push(String(d)));
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    ensureFreshBuild();
    // A slow server: each message is accepted 250 ms after its data arrives.
    sink = await startSmtpSink({ delayMs: 250 });
    // The API role only: nothing in this process consumes the queue.
    t = await createTestApp({ ownDatabase: true, env: { APP_ROLE: 'api', SMTP_URL: sink.url, QUEUE_PREFIX: prefix, PUBLIC_URL: 'https://duban.example.gov.cn' } });
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await t?.http().put('/api/v1/reminders/settings').auth(await t.adminToken(), { type: 'bearer' }).send({ stuckSendingSeconds: 300 });
    await t?.close();
    await sink?.close();
  });

  it('delivers every planned email after SIGKILL, duplicates only within the documented window', async () => {
    const org = new OrgFixtures(t);
    const f = new ReminderFixtures(t);
    const token = await t.adminToken();
    const tag = t.uid().toLowerCase();
    const contacts = Array.from({ length: CONTACTS }, (_, i) => `crash-${tag}-${i}@example.gov.cn`);
    const unit = await org.unit({ name: '壬县人民政府', contactEmails: contacts });
    const taskIds = [await f.task(unit.id, '2022-10-10'), await f.task(unit.id, '2022-10-11')];
    expect((await t.http().put('/api/v1/reminders/settings').auth(token, { type: 'bearer' }).send({ stuckSendingSeconds: 10 })).status).toBe(200);

    const plan = await t.http().post('/api/v1/reminders/run').auth(token, { type: 'bearer' }).send({ asOf: '2022-10-12T09:00:00+08:00' });
    expect(plan.status).toBe(200);
    const planned = await f.rows("kind = 'task_overdue' AND subject_id IN (?, ?)", taskIds);
    expect(planned).toHaveLength(RECIPIENTS);
    expect(planned.every((r) => r.status === 'pending')).toBe(true);
    const mine = () => sink.messages.filter((m) => m.to.some((a) => a.startsWith(`crash-${tag}-`)));

    const first = startWorker();
    const until = Date.now() + 60_000;
    while (mine().length < 8) {
      if (Date.now() > until) throw new Error(`worker sent nothing: ${output.join('')}`);
      await sleep(20);
    }
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const inFlight = (await f.rows("kind = 'task_overdue' AND subject_id IN (?, ?) AND status = 'sending'", taskIds)).length;
    const sentBeforeKill = (await f.rows("kind = 'task_overdue' AND subject_id IN (?, ?) AND status = 'sent'", taskIds)).length;
    expect(sentBeforeKill).toBeLessThan(RECIPIENTS);

    // A second worker sends the rest at once; the abandoned rows come back only through the
    // sweep, once they have been 'sending' for longer than stuckSendingSeconds.
    startWorker();
    let rows = planned;
    const allSent = async () => {
      await t.app.get(NotificationsSweeper).sweep();
      rows = await f.rows("kind = 'task_overdue' AND subject_id IN (?, ?)", taskIds);
      return rows.every((r) => r.status === 'sent');
    };
    await waitFor(allSent, 120_000, 'every row sent', 1000).catch(() => undefined);
    expect(rows.map((r) => r.status)).toEqual(Array(RECIPIENTS).fill('sent'));
    // Every row is sent, so no job can send again; the killed worker's last messages were accepted
    // by the sink 250 ms after it died, long before the abandoned rows were released.

    const received = mine();
    const ids = new Set(received.map((m) => m.messageId));
    for (const row of rows) expect(ids.has(`<notification-${row.id}@duban.example.gov.cn>`)).toBe(true);
    const duplicates = received.length - ids.size;
    console.log(`worker crash: ${RECIPIENTS} planned, ${sentBeforeKill} marked sent before SIGKILL, ${inFlight} in flight, ${received.length} received, ${duplicates} duplicate(s)`);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
  }, 240_000);
});
