import { createConnection } from 'mysql2/promise';
import { createHttpApp } from '../app';
import { AppConfig, ConfigError, loadConfig } from '../config/config';
import { runMigrations } from '../database/migrate';
import { DEMO_PASSWORD_DEFAULT, DemoSummary, loadDemoData } from './demo-data';
import { loadDemoEvidence } from './demo-evidence';
import { passwordProblem } from '../org/password-policy';

/**
 * `npm run start:demo` (and the compose `duban` service): one process that creates the database
 * if needed, migrates it, loads the 赣州市 demo and serves the API. Safe to run again: the
 * demo is loaded by code and username, so nothing is duplicated.
 */

const DEFAULTS: Record<string, string> = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/duban',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_USERNAME: 'admin',
};

function demoEnvironment(): { env: NodeJS.ProcessEnv; password: string; adminPasswordDefaulted: boolean; demoPasswordDefaulted: boolean } {
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
  // The demo is one process: HTTP, queue processors and schedulers together.
  env.APP_ROLE = 'all';
  return { env, password, adminPasswordDefaulted, demoPasswordDefaulted: !env.DEMO_PASSWORD };
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

function printSummary(config: AppConfig, summary: DemoSummary, passwords: { admin: string; demo: string }): void {
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
  lines.push('');
  console.log(lines.join('\n'));
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

async function main(): Promise<void> {
  const { env, password, adminPasswordDefaulted, demoPasswordDefaulted } = demoEnvironment();
  const config = loadConfig(env);
  await ensureDatabase(config.databaseUrl);
  const applied = await runMigrations(config.databaseUrl);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'No pending migrations.');

  const app = await createHttpApp(config);
  await app.init();
  const summary = await loadDemoData(app, { password });
  try {
    const evidence = await loadDemoEvidence(app);
    console.log(
      `Demo evidence ${evidence.from} to ${evidence.to}: ${evidence.publications} publications, ${evidence.messages} messages, ` +
        `${evidence.policyDocuments} policy documents; checklist items ${evidence.generated.created} created, ` +
        `${evidence.evaluated.met} met, ${evidence.evaluated.missed} missed; ${evidence.evaluated.tasks.created} rectification tasks opened`,
    );
  } catch (error) {
    // A demo run in a year whose holiday schedule is not loaded yet still starts, without evidence.
    console.warn(`Demo evidence not loaded: ${(error as Error).message}`);
  }
  await app.listen(config.port);
  printSummary(config, summary, {
    admin: adminPasswordDefaulted ? password : '(ADMIN_PASSWORD)',
    demo: demoPasswordDefaulted ? password : '(DEMO_PASSWORD)',
  });
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error('The demo failed to start:', error);
  }
  process.exit(1);
});
