// The monthly report at national scale: a tree of units, channels, a month of checklist items
// (about channels × 30 rows) and --history months of items before it (default 1: the report
// must read its own month of a table that holds more), findings, overdue tasks and disclosure
// figures, built with bulk
// SQL in a database of its own (dropped at the end). Times the JSON report and the DOCX for the
// top unit, and beside them the raw SQL of the report's heaviest query (the GROUP BY over the
// month's items) in the same run.
//   npm run bench:report                        (20 000 channels)
//   npm run bench:report -- --channels 150000   (national scale: 40 000 units, ≈ 4.5 M items a month)
//   --runs 3 (timed runs, best reported) · --keep (leave the database for EXPLAIN; drop it yourself)
// Needs MariaDB/MySQL (BENCH_DATABASE_URL; default mysql://root@127.0.0.1:3306) and Redis
// (TEST_REDIS_URL) for the app's queues.
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../src/app';
import { Actor } from '../src/common/actor';
import { loadConfig } from '../src/config/config';
import { checklistRollupSql, ReportsRepository } from '../src/reports/reports.repository';
import { ReportsService } from '../src/reports/reports.service';
import { createBenchDatabase } from './bench-database';

const MONTH = '2022-07';
const DAYS = 30;

function argument(name: string, fallback: number, zeroAllowed = false): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new Error(`${name} needs a ${zeroAllowed ? 'non-negative' : 'positive'} whole number`);
  return value;
}

function seconds(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e9;
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; s: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  const s = seconds(start);
  console.log(`  ${label.padEnd(44)} ${s.toFixed(2)} s`);
  return { value, s };
}

/** root → 31 provinces → departments and counties → townships; ids and paths assigned here. */
function planUnits(total: number) {
  const units: [number, string, string, string, string, number | null, string][] = [];
  units.push([1, 'N', '全国', 'government', 'city', null, '/1/']);
  const provinces = 31;
  for (let p = 0; p < provinces; p++) units.push([2 + p, `P${p}`, `省${p}`, 'government', 'city', 1, `/1/${2 + p}/`]);
  const rest = total - units.length;
  const departments = Math.floor(rest * 0.3);
  const counties = Math.floor(rest * 0.2);
  const townships = rest - departments - counties;
  let id = units.length + 1;
  for (let d = 0; d < departments; d++, id++) {
    const parent = 2 + (d % provinces);
    units.push([id, `D${id}`, `部门${id}`, 'department', 'city', parent, `/1/${parent}/${id}/`]);
  }
  const countyIds: [number, string][] = [];
  for (let c = 0; c < counties; c++, id++) {
    const parent = 2 + (c % provinces);
    const path = `/1/${parent}/${id}/`;
    units.push([id, `C${id}`, `县${id}`, 'government', 'county', parent, path]);
    countyIds.push([id, path]);
  }
  for (let t = 0; t < townships; t++, id++) {
    const [parent, path] = countyIds[t % countyIds.length];
    units.push([id, `T${id}`, `乡镇${id}`, 'township', 'township', parent, `${path}${id}/`]);
  }
  return units;
}

// The baseline: the same roll-up written plainly on `final` and `status`, as a hand-written
// report would be, which no index covers (the month read from the table's rows).
const plainRollupSql = `SELECT SUBSTRING_INDEX(SUBSTRING(u.path, ? + 1), '/', 1) AS child, SUM(a.met) AS met, SUM(a.missed) AS missed, SUM(a.waived) AS waived, SUM(a.channels) AS channels, SUM(a.items) AS items
  FROM (SELECT i.unit_id, SUM(i.final = 1 AND i.status = 'met') AS met, SUM(i.final = 1 AND i.status = 'missed') AS missed, SUM(i.status = 'waived') AS waived,
               COUNT(DISTINCT i.channel_id) AS channels, COUNT(*) AS items
          FROM checklist_item i IGNORE INDEX (ix_item_month)
         WHERE i.period_start BETWEEN ? AND ?
         GROUP BY i.unit_id) a
  JOIN unit u ON u.id = a.unit_id
 WHERE u.path LIKE ?
 GROUP BY child`;

async function insertMonthOfItems(ds: DataSource, channels: number, monthStart: string): Promise<void> {
  for (let from = 1; from <= channels; from += 10_000) {
    await ds.query(
      `INSERT INTO checklist_item (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, params, observed, status, final)
       SELECT IF(c.kind = 'website', 'WEBSITE_DAILY_UPDATE', 'NEW_MEDIA_SILENT_14_DAYS'), 'channel', c.id, c.unit_id, c.id, d.day, d.day, d.day,
              TIMESTAMP(d.day) + INTERVAL 16 HOUR, TIMESTAMP(d.day) + INTERVAL 64 HOUR, '{}', 1,
              ELT(1 + (c.id * 31 + d.n * 17) % 100 DIV 90 + ((c.id * 31 + d.n * 17) % 100 >= 97) + ((c.id * 31 + d.n * 17) % 100 >= 99), 'met', 'missed', 'waived', 'pending'),
              (c.id * 31 + d.n * 17) % 100 < 99
         FROM channel c
         JOIN (SELECT seq AS n, DATE('${monthStart}') + INTERVAL seq DAY AS day FROM seq_0_to_${DAYS - 1}) d
        WHERE c.id BETWEEN ? AND ?`,
      [from, Math.min(channels, from + 9_999)],
    );
  }
}

async function buildData(ds: DataSource, channels: number, unitCount: number, history: number): Promise<void> {
  const units = planUnits(unitCount);
  for (let i = 0; i < units.length; i += 5000) {
    const chunk = units.slice(i, i + 5000);
    await ds.query(
      `INSERT INTO unit (id, code, name, kind, level, parent_id, path, contact_emails) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, '[]')").join(', ')}`,
      chunk.flat(),
    );
  }
  const maxUnit = units.length;
  // Channels spread over every unit but the root; kinds in national proportions (about 1 website to 9 new-media accounts).
  await ds.query(
    `INSERT INTO channel (id, code, unit_id, kind, name, platform_label)
     SELECT seq, CONCAT('CH', seq), 2 + (seq * 7919) % (? - 1),
            ELT(1 + seq % 20, 'website', 'website', 'wechat', 'wechat', 'wechat', 'wechat', 'wechat', 'wechat', 'wechat', 'wechat', 'wechat', 'wechat', 'weibo', 'weibo', 'douyin', 'douyin', 'toutiao', 'app', 'other', 'wechat'),
            CONCAT('载体', seq), '微信公众号'
       FROM seq_1_to_${channels}`,
    [maxUnit],
  );
  await ds.query("UPDATE channel SET platform_label = ELT(FIELD(kind, 'website', 'weibo', 'douyin', 'toutiao', 'app', 'other'), '网站', '微博', '抖音', '今日头条', '移动客户端', '其他') WHERE kind <> 'wechat'");
  // A month of daily items per channel: 90 % met, 7 % missed, 2 % waived, 1 % still pending;
  // and as many months of history before it (the report must read its month only).
  for (let m = history; m >= 0; m--) {
    const monthStart = new Date(Date.UTC(Number(MONTH.slice(0, 4)), Number(MONTH.slice(5, 7)) - 1 - m, 1)).toISOString().slice(0, 10);
    await insertMonthOfItems(ds, channels, monthStart);
  }
  // Findings in the month and their tasks, most of them overdue at the month's end.
  const findings = Math.max(100, Math.floor(channels / 50));
  await ds.query(
    `INSERT INTO finding (id, unit_id, channel_id, category, source, description, found_at, severity)
     SELECT seq, c.unit_id, c.id, ELT(1 + seq % 4, 'typo', 'no_interaction', 'not_updated', 'other'), 'city_check', CONCAT(c.name, '(', c.platform_label, ') 存在问题'),
            TIMESTAMP('${MONTH}-01') + INTERVAL (seq % 28) DAY, 'normal'
       FROM seq_1_to_${findings} JOIN channel c ON c.id = 1 + (seq * 104729) % ?`,
    [channels],
  );
  await ds.query(
    `INSERT INTO task (id, title, unit_id, channel_id, finding_id, source, category, status, due_at, opened_at)
     SELECT f.id, LEFT(f.description, 200), f.unit_id, f.channel_id, f.id, 'finding', f.category, 'open', f.found_at + INTERVAL 7 DAY, f.found_at FROM finding f`,
  );
  await ds.query(
    `INSERT INTO task_transition (task_id, from_status, to_status, actor_username, at) SELECT t.id, NULL, 'open', 'bench', t.opened_at FROM task t`,
  );
  await ds.query(
    `INSERT INTO disclosure_stat (unit_id, month, cumulative_total, month_count, application_count, imported_by, imported_at)
     SELECT id, '${MONTH}', 1000 + id * 7 % 50000, id % 500, IF(kind = 'government', id % 10, NULL), 0, NOW() FROM unit`,
  );
  await ds.query('ANALYZE TABLE unit, channel, checklist_item, finding, task, task_transition, disclosure_stat');
}

async function main(): Promise<void> {
  const channels = argument('--channels', 20_000);
  const unitCount = argument('--units', Math.max(200, Math.round((channels * 40_000) / 150_000)));
  const runs = argument('--runs', 3);
  const history = argument('--history', 1, true);
  const database = await createBenchDatabase(`duban_bench_report_${randomBytes(3).toString('hex')}`);
  const url = database.url;
  let app: INestApplication | undefined;
  try {
    console.log(`report benchmark: ${channels.toLocaleString()} channels, ${unitCount.toLocaleString()} units, ${MONTH} (${DAYS} daily items per channel), database ${database.name}`);
    const config = loadConfig({
      NODE_ENV: 'development',
      DATABASE_URL: url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: database.name,
      APP_ROLE: 'api',
      LOG_LEVEL: 'warn',
    });
    app = await createHttpApp(config);
    await app.init();
    const ds = app.get(DataSource);
    const build = await timed('build the data set (bulk SQL)', () => buildData(ds, channels, unitCount, history));
    const [{ n: items }] = await ds.query('SELECT COUNT(*) AS n FROM checklist_item');
    console.log(`  ${Number(items).toLocaleString()} checklist items (the month and ${history} before it), built in ${build.s.toFixed(1)} s`);

    const actor: Actor = { id: 0, username: 'bench', role: 'admin', unitId: 1, unitPath: '/1/' };
    const reports = app.get(ReportsService);
    const repository = app.get(ReportsRepository);
    const best: Record<string, number> = {};
    const keep = (label: string, s: number) => (best[label] = Math.min(best[label] ?? Infinity, s));
    let summary = '';
    for (let run = 1; run <= runs; run++) {
      console.log(`run ${run}`);
      const plain = await timed('plain SQL: the roll-up on status, no month index', () => ds.query(plainRollupSql, [3, `${MONTH}-01`, `${MONTH}-31`, '/1/%']));
      keep('plain', plain.s);
      const sql = await timed('raw SQL: checklist GROUP BY over the month', () => ds.query(checklistRollupSql(true), [3, `${MONTH}-01`, `${MONTH}-31`, '/1/%']));
      keep('sql', sql.s);
      const repo = await timed('repository: the same roll-up', () => repository.rollUpChecklistByChild({ unitId: 1, path: '/1/', wholeTree: true }, `${MONTH}-01`, `${MONTH}-31`));
      keep('repo', repo.s);
      const json = await timed('JSON report for the top unit', () => reports.monthly(actor, { month: MONTH, unitId: 1 }));
      keep('json', json.s);
      const docx = await timed('DOCX report for the top unit', () => reports.monthlyFile(actor, { month: MONTH, unitId: 1, format: 'docx' }));
      keep('docx', docx.s);
      summary =
        `  items ${(json.value.basic.met + json.value.basic.missed).toLocaleString()} final met+missed, sampled ${json.value.basic.channelsSampled.toLocaleString()} of ` +
        `${json.value.basic.channelsMonitored.toLocaleString()} channels, ${json.value.problems.length.toLocaleString()} problems, ${json.value.overdueTasks.toLocaleString()} overdue tasks, ` +
        `DOCX ${(docx.value.content.length / 1024).toFixed(0)} KiB`;
    }
    console.log(summary);
    console.log(
      `best of ${runs}: plain SQL ${best.plain.toFixed(2)} s · raw SQL ${best.sql.toFixed(2)} s · JSON ${best.json.toFixed(2)} s · DOCX ${best.docx.toFixed(2)} s ` +
        `(${channels.toLocaleString()} channels, ${Number(items).toLocaleString()} items)`,
    );
  } finally {
    await app?.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
