// Rectification read paths at national scale: the overdue list of a county (first page,
// sorted by overdue days) and the dashboard drill-down, through the real service and
// repository code, each beside the plain hand-written indexed SQL of the same query.
//   npm run bench:tasks                                   (1 000 000 tasks over 40 000 units)
//   npm run bench:tasks -- --tasks 100000 --units 5000 --requests 200 --keep
// Targets: p95 < 100 ms, and within 2× of the plain SQL.
// Creates its own database (duban_bench_tasks), and drops it at the end unless --keep.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createPool, Pool } from 'mysql2/promise';
import { AppModule } from '../src/app.module';
import { Actor } from '../src/common/actor';
import { FixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { ListTasksQuery } from '../src/rectification/rectification.dto';
import { TasksService } from '../src/rectification/tasks.service';
import { createBenchDatabase } from './bench-database';

const TARGET_P95_MS = 100;
const TARGET_RATIO = 2;
const COUNTIES = 20;
const NOW = new Date('2026-11-26T10:00:00+08:00');

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * A tree like a province's: city → 20 counties → departments and townships (5 % of the
 * units) → villages (the rest), ids and paths computed in SQL from a number sequence.
 */
async function loadUnits(pool: Pool, units: number): Promise<{ level2: number }> {
  const level2 = Math.max(COUNTIES, Math.floor(units * 0.05));
  const villages = Math.max(0, units - 1 - COUNTIES - level2);
  const firstL2 = 2 + COUNTIES;
  const firstVillage = firstL2 + level2;
  await pool.query(`INSERT INTO unit (id, code, name, kind, level, parent_id, path, contact_emails) VALUES (1, 'B1', '某市人民政府', 'government', 'city', NULL, '/1/', '[]')`);
  await pool.query(
    `INSERT INTO unit (id, code, name, kind, level, parent_id, path, contact_emails)
     SELECT 1 + seq, CONCAT('B', 1 + seq), CONCAT('县', seq, '人民政府'), 'government', 'county', 1, CONCAT('/1/', 1 + seq, '/'), '[]' FROM seq_1_to_${COUNTIES}`,
  );
  await pool.query(
    `INSERT INTO unit (id, code, name, kind, level, parent_id, path, contact_emails)
     SELECT ${firstL2} + seq, CONCAT('B', ${firstL2} + seq), CONCAT('单位', seq), IF(seq % 3 = 0, 'township', 'department'),
            IF(seq % 3 = 0, 'township', 'county'), 2 + seq % ${COUNTIES}, CONCAT('/1/', 2 + seq % ${COUNTIES}, '/', ${firstL2} + seq, '/'), '[]'
       FROM seq_0_to_${level2 - 1}`,
  );
  for (let from = 0; from < villages; from += 100_000) {
    const to = Math.min(villages, from + 100_000) - 1;
    await pool.query(
      `INSERT INTO unit (id, code, name, kind, level, parent_id, path, contact_emails)
       SELECT ${firstVillage} + seq, CONCAT('B', ${firstVillage} + seq), CONCAT('村', seq), 'village', 'village', ${firstL2} + seq % ${level2},
              CONCAT('/1/', 2 + (seq % ${level2}) % ${COUNTIES}, '/', ${firstL2} + seq % ${level2}, '/', ${firstVillage} + seq, '/'), '[]'
         FROM seq_${from}_to_${to}`,
    );
  }
  return { level2 };
}

/**
 * Tasks spread over every unit; 70 % accepted, 3 % cancelled, 12 % open, 7 % submitted, 8 %
 * rejected; due times from 60 days before to 60 days after "now".
 */
async function loadTasks(pool: Pool, tasks: number, units: number): Promise<void> {
  const batch = 100_000;
  for (let from = 0; from < tasks; from += batch) {
    const to = Math.min(tasks, from + batch) - 1;
    await pool.query(
      `INSERT INTO task (title, unit_id, source, category, status, due_at, opened_at, submitted_at, first_submitted_at, verified_at, closed_at, rework_count, occurrences)
       SELECT CONCAT('整改任务 ', seq), 2 + (seq * 7919) % ${units - 1}, 'finding', ELT(1 + seq % 3, 'not_updated', 'typo', 'no_interaction'),
              @s := CASE WHEN seq % 100 < 70 THEN 'accepted' WHEN seq % 100 < 73 THEN 'cancelled' WHEN seq % 100 < 85 THEN 'open'
                         WHEN seq % 100 < 92 THEN 'submitted' ELSE 'rejected' END,
              @d := TIMESTAMPADD(MINUTE, CAST((seq * 104729) % 172800 AS SIGNED) - 86400, ?),
              TIMESTAMPADD(DAY, -7, @d),
              IF(@s IN ('accepted', 'submitted', 'rejected'), TIMESTAMPADD(DAY, -1, @d), NULL),
              IF(@s IN ('accepted', 'submitted', 'rejected'), TIMESTAMPADD(DAY, -2, @d), NULL),
              IF(@s = 'accepted', @d, NULL),
              IF(@s IN ('accepted', 'cancelled'), @d, NULL),
              IF(@s = 'rejected' OR (@s = 'accepted' AND seq % 5 = 0), 1, 0), 1
         FROM seq_${from}_to_${to}`,
      [NOW],
    );
    process.stdout.write(`\r  tasks: ${to + 1}`);
  }
  process.stdout.write('\n');
}

async function main(): Promise<void> {
  const tasks = argument('--tasks', 1_000_000);
  const units = argument('--units', 40_000);
  const requests = argument('--requests', 200);
  const reuse = process.argv.includes('--reuse');
  if (units < 200) throw new Error('--units must be at least 200');

  const started = Date.now();
  const database = await createBenchDatabase('duban_bench_tasks', { reuse });
  const databaseUrl = database.url;
  const pool = createPool({ uri: databaseUrl, connectionLimit: 4, timezone: 'Z' });
  pool.on('connection', (c) => c.query("SET time_zone = '+00:00'"));
  try {
    if (!reuse) {
      console.log(`Loading ${units} units and ${tasks} tasks into ${database} …`);
      const loader = await pool.getConnection();
      await loader.query('SET foreign_key_checks = 0, unique_checks = 0');
      loader.release();
      await loadUnits(pool, units);
      await loadTasks(pool, tasks, units);
      await pool.query('ANALYZE TABLE unit, task');
      console.log(`  loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    const county = { id: 2, path: '/1/2/' };
    const [[sizes]]: any = await pool.query(
      `SELECT (SELECT COUNT(*) FROM unit WHERE path LIKE ?) AS units,
              (SELECT COUNT(*) FROM task t JOIN unit u ON u.id = t.unit_id WHERE u.path LIKE ?) AS tasks,
              (SELECT COUNT(*) FROM task t JOIN unit u ON u.id = t.unit_id WHERE u.path LIKE ? AND t.status IN ('open', 'rejected') AND t.due_at <= ?) AS overdue`,
      [`${county.path}%`, `${county.path}%`, `${county.path}%`, NOW],
    );
    console.log(`County ${county.id}: ${sizes.units} units, ${sizes.tasks} tasks, ${sizes.overdue} overdue`);

    const config = loadConfig({ ...process.env, NODE_ENV: 'production', JWT_SECRET: 'bench-secret-bench-secret', DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', APP_ROLE: 'api', LOG_LEVEL: 'warn', QUEUE_PREFIX: 'duban-bench', ADMIN_USERNAME: '', ADMIN_PASSWORD: '' });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { clock: new FixedClock(NOW) }), { logger: ['error', 'warn'] });
    const service = app.get(TasksService, { strict: false });
    const supervisor: Actor = { id: 0, username: 'bench', role: 'supervisor', unitId: county.id, unitPath: county.path };
    const listQuery = Object.assign(new ListTasksQuery(), { overdue: true, sort: 'overdueDays', order: 'desc', page: 1, pageSize: 50 });

    // The same statements written by hand, with the constants inlined where the service binds them.
    const plainList = () =>
      Promise.all([
        pool.query(
          `SELECT t.id, t.title, t.unit_id, COALESCE(u.short_name, u.name) AS unit_name, t.channel_id, t.requirement_code, t.finding_id, t.source, t.category,
                  t.status, t.due_at, t.opened_at, t.submitted_at, t.first_submitted_at, t.verified_at, t.closed_at, t.rework_count, t.occurrences, t.version
             FROM task t JOIN unit u ON u.id = t.unit_id
            WHERE u.path LIKE '/1/2/%' AND t.status IN ('open', 'rejected') AND t.due_at <= ?
            ORDER BY t.due_at, t.id LIMIT 50`,
          [NOW],
        ),
        pool.query(`SELECT COUNT(*) AS n FROM task t JOIN unit u ON u.id = t.unit_id WHERE u.path LIKE '/1/2/%' AND t.status IN ('open', 'rejected') AND t.due_at <= ?`, [NOW]),
      ]);
    const plainDashboard = () =>
      pool.query(
        `SELECT c.id, COALESCE(c.short_name, c.name) AS name, COALESCE(a.open, 0), COALESCE(a.overdue, 0), COALESCE(a.submitted, 0)
           FROM unit c LEFT JOIN (
             SELECT COALESCE(NULLIF(SUBSTRING_INDEX(SUBSTRING(u.path, 6), '/', 1), ''), '2') AS child_id,
                    SUM(t.status IN ('open', 'rejected')) AS open, SUM(t.status IN ('open', 'rejected') AND t.due_at <= ?) AS overdue, SUM(t.status = 'submitted') AS submitted
               FROM unit u JOIN task t ON t.unit_id = u.id AND t.status IN ('open', 'submitted', 'rejected')
              WHERE u.path LIKE '/1/2/%' GROUP BY child_id
           ) a ON a.child_id = c.id
          WHERE c.id = 2 OR c.parent_id = 2 ORDER BY c.id = 2 DESC, c.id`,
        [NOW],
      );

    const cases: [string, () => Promise<unknown>][] = [
      ['overdue list (service)', () => service.list(supervisor, listQuery)],
      ['overdue list (plain SQL)', plainList],
      ['dashboard drill-down (service)', () => service.overdueDashboard(supervisor)],
      ['dashboard drill-down (plain SQL)', plainDashboard],
    ];
    const page = await service.list(supervisor, listQuery);
    const dashboard = await service.overdueDashboard(supervisor);
    console.log(`Overdue list: total ${page.total}, first row ${page.items[0]?.overdueDays} overdue working days; dashboard: ${dashboard.length} rows`);

    for (let i = 0; i < 20; i++) for (const [, fn] of cases) await fn();
    const samples = cases.map(() => [] as number[]);
    for (let i = 0; i < requests; i++) for (const [j, [, fn]] of cases.entries()) samples[j].push(await time(fn));

    const stats = samples.map((s) => {
      const sorted = [...s].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    });
    console.log(`\n${requests} requests each, ${tasks} tasks over ${units} units:`);
    console.log('| query | p50 ms | p95 ms |');
    console.log('|---|---:|---:|');
    cases.forEach(([name], j) => console.log(`| ${name} | ${stats[j].p50.toFixed(1)} | ${stats[j].p95.toFixed(1)} |`));
    let ok = true;
    for (const [service_, plain, label] of [[0, 1, 'overdue list'], [2, 3, 'dashboard']] as const) {
      const ratio = stats[service_].p95 / stats[plain].p95;
      const pass = stats[service_].p95 < TARGET_P95_MS && ratio <= TARGET_RATIO;
      ok &&= pass;
      console.log(`${label}: service p95 ${stats[service_].p95.toFixed(1)} ms (target < ${TARGET_P95_MS}), ${ratio.toFixed(2)}× the plain SQL (target ≤ ${TARGET_RATIO}×) → ${pass ? 'PASS' : 'FAIL'}`);
    }
    await app.close();
    if (!ok) process.exitCode = 1;
  } finally {
    await pool.end();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
