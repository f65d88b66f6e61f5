// Reminder planning and delivery at scale: N overdue tasks in N units, one operator each, planned
// in one run (plan time) and delivered through the real worker (BullMQ queue, outbox rows,
// MailTransport's nodemailer pool) to a local SMTP sink that accepts everything. Beside it, the
// sink's own acceptance rate from a plain pooled nodemailer loop in the same run, so the
// delivery rate can be read against what the SMTP leg alone allows.
//   npm run bench:reminders                 (10 000 reminders)
//   npm run bench:reminders -- --n 50000
// Targets: ≥ 200 emails/s delivered, 0 duplicates (Message-IDs counted at the sink).
// Needs MySQL/MariaDB and Redis (BENCH_DATABASE_URL, default
// mysql://root@127.0.0.1:3306; BENCH_REDIS_URL, default redis://127.0.0.1:6379). It creates
// its own database and drops it at the end, and uses its own Redis key prefix.
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createWorkerApp } from '../src/app';
import { parseInstant } from '../src/common/time/local-date';
import { FixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { RemindersService } from '../src/notifications/reminders.service';
import { createBenchDatabase } from './bench-database';

const TARGET_RATE = 200;

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An SMTP server that accepts everything and counts each Message-ID it receives. */
async function startSink() {
  const received = new Map<string, number>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 1000,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `(none-${total})`;
        received.set(id, (received.get(id) ?? 0) + 1);
        total++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, total: () => total, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The sink's acceptance rate: a plain pooled nodemailer loop, as many in flight as connections. */
async function baseline(port: number, count: number, connections: number): Promise<number> {
  const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port, secure: false, ignoreTLS: true, maxConnections: connections, maxMessages: Infinity });
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections * 2 }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({ from: 'bench@localhost', to: `baseline-${i}@example.gov.cn`, subject: '基线测试', text: '督办基线', messageId: `<baseline-${i}@bench>` });
      }
    }),
  );
  const rate = count / seconds(started);
  transport.close();
  return rate;
}

async function main(): Promise<void> {
  const n = argument('--n', 10_000);
  const connections = argument('--connections', 10);
  const concurrency = argument('--concurrency', 50);
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const run = randomBytes(3).toString('hex');
  const prefix = `duban-bench-${run}`;
  const sink = await startSink();
  const database = await createBenchDatabase(`duban_bench_reminders_${run}`);
  let app: Awaited<ReturnType<typeof createWorkerApp>> | null = null;
  try {
    const baselineRate = await baseline(sink.port, Math.min(n, 5000), connections);
    sink.received.clear();

    const databaseUrl = database.url;
    const db = await createConnection(databaseUrl);
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i += 2000) {
      const ids = Array.from({ length: Math.min(2000, n - i) }, (_, k) => i + k + 1);
      await db.query(`INSERT INTO unit (id, code, name, kind, level, path, contact_emails) VALUES ${ids.map(() => "(?, ?, ?, 'department', 'county', ?, '[]')").join(', ')}`, ids.flatMap((id) => [id, `B${id}`, `基准单位${id}`, `/${id}/`]));
      await db.query(`INSERT INTO app_user (username, password_hash, display_name, email, role, unit_id) VALUES ${ids.map(() => "(?, 'x', '操作员', ?, 'operator', ?)").join(', ')}`, ids.flatMap((id) => [`op${id}`, `op${id}@example.gov.cn`, id]));
      await db.query(
        `INSERT INTO task (title, unit_id, source, category, status, due_at, opened_at) VALUES ${ids.map(() => "(?, ?, 'finding', 'other', 'open', '2022-10-11 16:00:00', '2022-10-01 02:00:00')").join(', ')}`,
        ids.flatMap((id) => [`基准整改任务 ${id}`, id]),
      );
    }
    // The queue limiter is a setting; the benchmark measures the pipeline, not a chosen limit.
    await db.query("INSERT INTO notification_setting (setting_key, value) VALUES ('ratePerSecond', '10000')");
    await db.end();
    const seedSeconds = seconds(started);

    const asOf = parseInstant('2022-10-12T10:00:00+08:00', 'Asia/Shanghai')!;
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true&maxConnections=${connections}`,
      PUBLIC_URL: 'https://duban.example.gov.cn',
      APP_ROLE: 'all',
      MAIL_CONCURRENCY: String(concurrency),
      LOG_LEVEL: 'warn',
    });
    app = await createWorkerApp(config, { clock: new FixedClock(asOf) });
    await app.init();

    const planStarted = process.hrtime.bigint();
    const result = await app.get(RemindersService).plan(asOf);
    const planSeconds = seconds(planStarted);
    const deliveryStarted = process.hrtime.bigint();
    const deadline = Date.now() + Math.max(120_000, n * 50);
    while (sink.received.size < result.planned && Date.now() < deadline) await sleep(20);
    const deliverySeconds = seconds(deliveryStarted);
    await sleep(1000); // anything arriving late would be a duplicate
    const totalReceived = [...sink.received.values()].reduce((a, b) => a + b, 0);
    const duplicates = totalReceived - sink.received.size;
    const rate = sink.received.size / deliverySeconds;

    console.log(`reminders benchmark (n = ${n}, SMTP pool ${connections} connections, worker concurrency ${concurrency})`);
    console.log(`  seed (units, operators, overdue tasks):  ${seedSeconds.toFixed(2)} s`);
    console.log(`  plan: ${result.planned} outbox rows (${JSON.stringify(Object.fromEntries(Object.entries(result.byKind).filter(([, v]) => v)))}), queued ${result.queued}, in ${planSeconds.toFixed(2)} s = ${Math.round(result.planned / planSeconds)} rows/s`);
    console.log(`  delivered: ${sink.received.size} distinct Message-IDs in ${deliverySeconds.toFixed(2)} s = ${Math.round(rate)} emails/s (target ≥ ${TARGET_RATE})`);
    console.log(`  duplicates: ${duplicates} (target 0)`);
    console.log(`  SMTP sink alone (plain pooled nodemailer loop): ${Math.round(baselineRate)} emails/s`);
    const ok = rate >= TARGET_RATE && duplicates === 0 && sink.received.size === result.planned && result.planned === n;
    console.log(ok ? '  OK' : '  BELOW TARGET');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await app?.close();
    await database.drop();
    await sink.close();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
