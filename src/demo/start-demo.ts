import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createConnection } from 'mysql2/promise';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { createHttpApp } from '../app';
import { AppConfig, ConfigError, loadConfig } from '../config/config';
import { runMigrations } from '../database/migrate';
import { QueueName } from '../queue/queues';
import { DemoClock } from './demo-clock';
import { DEMO_PASSWORD_DEFAULT, DemoSummary, loadDemoData } from './demo-data';
import { passwordProblem } from '../org/password-policy';
import { DEMO_EVIDENCE_DAYS, loadDemoEvidence } from './demo-evidence';
import { DemoReplaySummary, replayDemo } from './demo-replay';

/**
 * `npm run start:demo` (and the compose `duban` service): one process that creates the database
 * if needed, migrates it, loads the 赣州市 demo, replays its history day by day and serves the
 * API. Safe to run again: the demo is loaded by code and username, and the replay resumes where
 * the last start left off, so nothing is duplicated.
 *
 * Two apps, one after the other: the history is loaded and replayed by an app without the
 * worker role, so no scheduled job (evaluation, reminders) runs while the clock is in the past;
 * then the app that serves starts with every role. Its start-up logs are written out before
 * the banner, so the URLs and users are the last thing on the screen.
 */

const DEFAULTS: Record<string, string> = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/duban',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_USERNAME: 'admin',
};

function demoEnvironment(): { env: NodeJS.ProcessEnv; password: string; days: number; adminPasswordDefaulted: boolean; demoPasswordDefaulted: boolean } {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(DEFAULTS)) {
    if (!env[name]?.trim()) {
      env[name] = value;
      console.log(`${name} is not set: using ${value}`);
    }
  }
  const password = env.DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT;
  const problem = passwordProblem(password, null);
  if (problem) throw new ConfigError('DEMO_PASSWORD', `does not meet the password policy (10 characters or more, three of lower case, upper case, digits and symbols, not a common password): ${problem}`);
  const adminPasswordDefaulted = !env.ADMIN_PASSWORD;
  if (adminPasswordDefaulted) {
    env.ADMIN_PASSWORD = password;
    console.log('ADMIN_PASSWORD is not set: the admin gets the demo password');
  }
  const days = env.DEMO_DAYS?.trim() ? Number(env.DEMO_DAYS) : DEMO_EVIDENCE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 300) throw new ConfigError('DEMO_DAYS', `is "${env.DEMO_DAYS}": expected a whole number of days from 1 to 300`);
  // The demo is one process: HTTP, queue processors and schedulers together.
  env.APP_ROLE = 'all';
  return { env, password, days, adminPasswordDefaulted, demoPasswordDefaulted: !env.DEMO_PASSWORD };
}

/** Creates the database named in the URL (utf8mb4) when the server does not have it yet. */
async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(name)) throw new ConfigError('DATABASE_URL', `names the database "${name}": expected letters, digits, _, $ or -`);
  try {
    await (await createConnection(url.toString())).end();
    return;
  } catch (error) {
    // ER_BAD_DB_ERROR: the server answers but has no such database; anything else is real.
    if ((error as { errno?: number }).errno !== 1049) throw error;
  }
  url.pathname = '/';
  const conn = await createConnection(url.toString());
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    console.log(`Created the database ${name}`);
  } finally {
    await conn.end();
  }
}

function bannerOf(config: AppConfig, summary: DemoSummary, history: string, passwords: { admin: string; demo: string }): string {
  const { units, channels } = summary;
  const byKind = Object.entries(channels.byKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const lines = [
    '',
    `Duban demo (赣州市) is running at ${config.publicUrl}  (web console: sign in below)`,
    `  OpenAPI:  ${config.publicUrl}/api/docs`,
    `  Health:   ${config.publicUrl}/health`,
    `  Units:    ${units.rows} in the demo file (${units.created} created, ${units.updated} updated)`,
    `  Channels: ${channels.total} under 赣州市: ${byKind} (${channels.created} created, ${channels.updated} updated)`,
    `  History:  ${history}`,
    '',
    '  Demo users (log in with POST /api/v1/auth/login {"username", "password"}):',
  ];
  const rows = summary.users.map((u) => [
    u.username,
    u.role,
    `${u.unitName} (${u.unitCode})`,
    u.role === 'admin' ? passwords.admin : passwords.demo,
  ]);
  const header = ['username', 'role', 'unit', 'password'];
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const format = (cells: string[]) => ('  ' + cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ')).trimEnd();
  lines.push(format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format));
  if (summary.users.some((u) => u.role !== 'admin' && !u.created)) lines.push('  (users that existed before this start keep the password they had)');
  lines.push('  Each unit that handed in a rectification has an operator too: operator.<unit code in lower case>, same password.');
  lines.push('', '');
  return lines.join('\n');
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** What the replay did, in one line of the banner. */
function historyLine(replay: DemoReplaySummary | null, seconds: number): string {
  if (!replay) return `not loaded (see the warning above); started in ${seconds.toFixed(0)} s`;
  const { tasks } = replay;
  const days = replay.days ? `${replay.days} day(s) replayed, ${replay.from} to ${replay.to}` : 'nothing new to replay';
  const stopped = replay.stopped ? ` (stopped early: ${replay.stopped})` : '';
  return `${days}${stopped}: ${tasks.opened} tasks opened, ${tasks.submitted} submitted, ${tasks.rejected} sent back, ${tasks.accepted} accepted; started in ${seconds.toFixed(0)} s`;
}

/**
 * nestjs-pino writes everything logged outside a request through one pino logger per process,
 * made by the first app with that app's level; the serving app sets its own level on it.
 */
function processLogger(): PinoLogger['logger'] {
  return new PinoLogger({ pinoHttp: {} }).logger;
}

/**
 * Prints after every log line written so far. pino writes to stdout asynchronously, so a
 * console.log would overtake the start-up logs still queued (and land above 175 of them);
 * written to pino's own stream, the banner queues behind them.
 */
function printAfterLogs(app: INestApplication, text: string): void {
  app.flushLogs();
  const logger = processLogger() as unknown as Record<symbol, { write(chunk: string): unknown }>;
  logger[pino.symbols.streamSym].write(text);
}

/**
 * Waits (up to `ms`) until the worker has nothing due: a restart after a pause finds scheduled
 * jobs it missed (an evaluation, reminder planning and the emails it sends) and runs them at
 * once; their log lines belong above the banner, not below it.
 */
async function waitForIdleWorker(app: INestApplication, ms: number): Promise<void> {
  const queues = Object.values(QueueName).map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const busy = async (queue: Queue) => {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return true;
    return (await queue.getDelayed(0, 20)).some((job) => job.timestamp + (job.delay ?? 0) <= Date.now());
  };
  const until = Date.now() + ms;
  for (let idle = 0; idle < 3 && Date.now() < until; ) {
    idle = (await Promise.all(queues.map(busy))).some(Boolean) ? 0 : idle + 1;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const { env, password, days, adminPasswordDefaulted, demoPasswordDefaulted } = demoEnvironment();
  const config = loadConfig(env);
  await ensureDatabase(config.databaseUrl);
  const applied = await runMigrations(config.databaseUrl);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'No pending migrations.');

  // Loading and replaying: no worker role, warnings only unless LOG_LEVEL asks for more (a
  // replay evaluates once per day, and each run logs a line).
  const loader = await createHttpApp(loadConfig({ ...env, APP_ROLE: 'api', LOG_LEVEL: env.LOG_LEVEL?.trim() || 'warn' }), { clock: new DemoClock() });
  await loader.init();
  loader.flushLogs();
  let summary: DemoSummary;
  let replay: DemoReplaySummary | null = null;
  try {
    summary = await loadDemoData(loader, { password });
    console.log(`Loading the demo's evidence (${days} days) and replaying its history day by day …`);
    try {
      let phase = Date.now();
      const seconds = () => `${((Date.now() - phase) / 1000).toFixed(1)} s`;
      const evidence = await loadDemoEvidence(loader, { days });
      console.log(
        `Demo evidence to ${evidence.to}: ${evidence.publications} publications, ${evidence.messages} messages (${evidence.replies} replies), ` +
          `${evidence.policyDocuments} policy documents, ${evidence.attestations} duty rosters; ${evidence.generated.created} checklist items generated (${seconds()})`,
      );
      phase = Date.now();
      replay = await replayDemo(loader, { days, password });
      console.log(`History replayed in ${seconds()} (evaluating the days ${replay.seconds.evaluation.toFixed(1)} s, acting on tasks ${replay.seconds.actions.toFixed(1)} s)`);
    } catch (error) {
      // A demo run in a year whose holiday schedule is not loaded yet still starts, without evidence.
      console.warn(`Demo evidence not loaded: ${(error as Error).message}`);
    }
  } finally {
    await loader.close();
  }

  const app = await createHttpApp(config);
  processLogger().level = config.logLevel;
  await app.listen(config.port);
  await waitForIdleWorker(app, 30_000);
  const banner = bannerOf(config, summary, historyLine(replay, (Date.now() - started) / 1000), {
    admin: adminPasswordDefaulted ? password : '(ADMIN_PASSWORD)',
    demo: demoPasswordDefaulted ? password : '(DEMO_PASSWORD)',
  });
  printAfterLogs(app, banner);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error('The demo failed to start:', error);
  }
  process.exit(1);
});
