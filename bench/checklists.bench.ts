// The checklist engine at national scale (issue 5): `npm run bench:checklists -- --channels 150000`.
//
// Builds its own database (dropped at the end) with 14,000 websites and 136,000 new-media
// accounts over 40,000 units at full size (scaled proportionally to --channels), 30 days of
// publications (about 23 a channel a month, 3.5M rows at full size) of which a fixed number go
// through the real HTTP API (POST /publications, 2 concurrent clients) and the rest in bulk
// SQL; then times generation of one day and one week for every channel and evaluation of one
// day, each beside the equivalent single raw SQL statement timed in the same run, and samples
// the process's peak RSS. Prints a markdown table.
import { INestApplication } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { addDays, mondayOf, startOfLocalDay } from '../src/common/time/local-date';
import { ChecklistsService } from '../src/checklists/checklists.service';
import { toPublicationRow } from '../src/evidence/publication-rows';
import { createBenchDatabase, startBenchApi } from './bench-database';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CHANNELS = arg('channels', 20_000);
const DAYS = arg('days', 30);
const API_PUBLICATIONS = arg('api', Math.min(200_000, Math.round(CHANNELS * 1.4)));
const CLIENTS = arg('clients', 2);
// --keep leaves the database in place (its name is printed) for EXPLAIN ANALYZE afterwards.
const SCALE = CHANNELS / 150_000;
const WEBSITES = Math.round(14_000 * SCALE);
const UNITS = Math.max(50, Math.round(40_000 * SCALE));
const TZ = 'Asia/Shanghai';
// The benchmark's "today": the day evaluated, with 30 days of history before it.
const DAY = '2022-09-14';

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(`duban_bench_checklists_${process.pid}`);
  let app: INestApplication | undefined;
  try {
    const api = await startBenchApi(database);
    app = api.app;
    const base = api.base;
    const db = app.get(DataSource);
    const checklists = app.get(ChecklistsService);

    // ---- the national set: a root, provinces' worth of counties, departments and townships ----
    const build = performance.now();
    await db.query("INSERT INTO unit (code, name, kind, level, parent_id, path, contact_emails) VALUES ('N', '全国', 'government', 'city', NULL, '/1/', '[]')");
    const counties = Math.max(5, Math.round(UNITS / 40));
    const unitRows: unknown[][] = [];
    for (let i = 0; i < counties; i++) unitRows.push([`C${i}`, `县${i}`, 'government', 'county', 1]);
    for (let i = counties; i < UNITS - 1; i++) {
      const r = i % 10;
      unitRows.push([`U${i}`, `单位${i}`, r < 6 ? 'department' : r < 9 ? 'township' : 'village', r < 6 ? 'county' : r < 9 ? 'township' : 'village', 2 + (i % counties)]);
    }
    for (let i = 0; i < unitRows.length; i += 5000) {
      const chunk = unitRows.slice(i, i + 5000);
      await db.query(`INSERT INTO unit (code, name, kind, level, parent_id, path, contact_emails) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, '/', '[]')").join(',')}`, chunk.flat());
    }
    await db.query("UPDATE unit SET path = CONCAT('/1/', id, '/') WHERE parent_id = 1");
    await db.query("UPDATE unit u JOIN unit p ON p.id = u.parent_id SET u.path = CONCAT(p.path, u.id, '/') WHERE u.parent_id > 1");
    const [{ min: firstUnit }] = await db.query('SELECT MIN(id) AS min FROM unit');
    const kinds = ['wechat', 'wechat', 'wechat', 'wechat', 'weibo', 'douyin', 'toutiao', 'app'];
    const channelRows: unknown[][] = [];
    for (let i = 0; i < CHANNELS; i++) {
      const website = i < WEBSITES;
      channelRows.push([`CH${i}`, Number(firstUnit) + (website ? i % counties : i % (UNITS - 1)) + (website ? 1 : 1), website ? 'website' : kinds[i % kinds.length], `载体${i}`, website ? '网站' : '微信公众号']);
    }
    for (let i = 0; i < channelRows.length; i += 5000) {
      const chunk = channelRows.slice(i, i + 5000);
      await db.query(`INSERT INTO channel (code, unit_id, kind, name, platform_label) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(',')}`, chunk.flat());
    }
    const channelIds: number[] = (await db.query('SELECT id FROM channel ORDER BY id')).map((r: { id: number }) => r.id);
    const buildMs = performance.now() - build;

    // ---- publications: a fixed count through the API (2 clients), the rest in bulk SQL ----
    const firstDay = addDays(DAY, -(DAYS - 1));
    const perChannelDay = 0.78; // about 3.5M rows for 150,000 channels over 30 days
    let seq = 0;
    const instant = (d: number, k: number) => new Date(startOfLocalDay(addDays(firstDay, d), TZ).getTime() + ((8 * 60 + ((k * 37) % 840)) * 60_000));
    const token = await api.adminToken();
    const batches: string[] = [];
    for (let n = 0; n < API_PUBLICATIONS; n += 5000) {
      const items = [];
      for (let k = n; k < Math.min(API_PUBLICATIONS, n + 5000); k++) {
        items.push({ channelId: channelIds[k % channelIds.length], publishedAt: instant(Math.floor(k / channelIds.length) % DAYS, k).toISOString(), externalId: `api-${k}` });
      }
      batches.push(JSON.stringify({ items }));
    }
    const [, apiMs] = await time(async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < batches.length) {
            const body = batches[next++];
            const res = await fetch(`${base}/publications`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body });
            if (res.status >= 300) throw new Error(`POST /publications: ${res.status} ${await res.text()}`);
            await res.arrayBuffer();
          }
        }),
      );
    });
    batches.length = 0;
    const target = Math.round(CHANNELS * DAYS * perChannelDay);
    const [, bulkMs] = await time(async () => {
      let rows: unknown[][] = [];
      for (let d = 0; d < DAYS; d++) {
        for (let c = 0; c < channelIds.length; c++) {
          // Websites daily; new media on about 3 days in 4 (a handful of silent accounts: every 50th).
          if (c % 50 === 49) continue;
          if (c >= WEBSITES && (c + d) % 4 === 0) continue;
          rows.push(toPublicationRow(channelIds[c], instant(d, seq), { publishedAt: '', externalId: `sql-${seq++}` }, TZ));
          if (rows.length >= 5000) {
            await db.query(`INSERT IGNORE INTO publication (channel_id, published_at, local_date, title, url, external_id, dedupe_key) VALUES ${rows.map(() => '(?,?,?,?,?,?,?)').join(',')}`, rows.flat());
            rows = [];
          }
          if (seq >= target) break;
        }
        if (seq >= target) break;
      }
      if (rows.length) await db.query(`INSERT IGNORE INTO publication (channel_id, published_at, local_date, title, url, external_id, dedupe_key) VALUES ${rows.map(() => '(?,?,?,?,?,?,?)').join(',')}`, rows.flat());
    });
    const [{ n: publications }] = await db.query('SELECT COUNT(*) AS n FROM publication');

    // ---- generation: one day, then one week, each beside one raw INSERT … SELECT ----
    const [dayGen, dayGenMs] = await time(() => checklists.generate(DAY, DAY));
    const rawDayGenMs = await rawGenerate(db, addDays(DAY, 1));
    const monday = mondayOf(addDays(DAY, 14));
    const [weekGen, weekGenMs] = await time(() => checklists.generate(monday, addDays(monday, 6)));
    const rawWeekGenMs = await rawGenerateWeek(db, addDays(monday, 7));
    await db.query('DELETE FROM checklist_item WHERE period_start > ?', [DAY]);

    // ---- evaluation of the day, as of just after it ends; raw: one UPDATE over the same items ----
    // Each side runs twice, alternately, from the same reset state, and its faster run counts:
    // whichever ran first after generation would otherwise also pay for purging the week's
    // deleted items and for a cold buffer pool. The re-run (nothing new since the last run) is
    // what the hourly job does most of the day.
    const asOf = new Date(startOfLocalDay(addDays(DAY, 1), TZ).getTime() + 10 * 60_000);
    // The reset rewrites every item; InnoDB purges its undo in the background, so each timed run
    // starts once the purge is done (history list short) instead of competing with it.
    const resetItems = async () => {
      await db.query("UPDATE checklist_item SET status = 'pending', observed = 0, final = 0, finalized_at = NULL");
      await settle(db);
    };
    let evaluation = { met: 0, missed: 0, pending: 0 };
    let evalMs = Infinity;
    let rawEvalMs = Infinity;
    let reevalMs = Infinity;
    for (let round = 0; round < 2; round++) {
      await resetItems();
      const [result, ms] = await time(() => checklists.evaluate(asOf));
      evaluation = result;
      evalMs = Math.min(evalMs, ms);
      await settle(db);
      reevalMs = Math.min(reevalMs, (await time(() => checklists.evaluate(asOf)))[1]);
      await resetItems();
      rawEvalMs = Math.min(rawEvalMs, await rawEvaluate(db, asOf));
    }

    const rss = peakRss / 1024 / 1024;
    const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
    const rows = [
      ['national set', `${UNITS.toLocaleString('en-US')} units, ${WEBSITES.toLocaleString('en-US')} websites, ${(CHANNELS - WEBSITES).toLocaleString('en-US')} new-media`, seconds(buildMs), '', ''],
      ['ingestion via POST /publications', `${API_PUBLICATIONS.toLocaleString('en-US')} rows, ${CLIENTS} clients, 5,000 a call`, seconds(apiMs), `${rate(API_PUBLICATIONS, apiMs)} /s`, '≥ 20,000 /s'],
      ['bulk SQL publications', `${(Number(publications) - API_PUBLICATIONS).toLocaleString('en-US')} rows (total ${Number(publications).toLocaleString('en-US')})`, seconds(bulkMs), `${rate(Number(publications) - API_PUBLICATIONS, bulkMs)} /s`, ''],
      ['generate one day', `${dayGen.created.toLocaleString('en-US')} items`, seconds(dayGenMs), `raw SQL ${seconds(rawDayGenMs)} s (${(dayGenMs / rawDayGenMs).toFixed(2)}×)`, '< 10 s, ≤ 2× raw'],
      ['generate one week', `${weekGen.created.toLocaleString('en-US')} items`, seconds(weekGenMs), `raw SQL ${seconds(rawWeekGenMs)} s (${(weekGenMs / rawWeekGenMs).toFixed(2)}×)`, ''],
      ['evaluate one day', `${(evaluation.met + evaluation.missed + evaluation.pending).toLocaleString('en-US')} items (met ${evaluation.met}, missed ${evaluation.missed}, pending ${evaluation.pending})`, seconds(evalMs), `raw SQL ${seconds(rawEvalMs)} s (${(evalMs / rawEvalMs).toFixed(2)}×)`, '< 10 s, ≤ 2× raw'],
      ['re-evaluate one day', 'nothing new since the last run', seconds(reevalMs), '', ''],
      ['peak RSS', '', '', `${rss.toFixed(0)} MB`, '< 512 MB'],
    ];
    console.log(`\n### Checklist engine, ${CHANNELS.toLocaleString('en-US')} channels, ${DAYS} days\n`);
    console.log('| step | size | seconds | rate / comparison | target |');
    console.log('|---|---|---:|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    clearInterval(sampler);
    await app?.close();
    await database.drop();
  }
}

/** Waits (at most two minutes) until InnoDB has purged the undo of earlier bulk statements. */
async function settle(db: DataSource): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const [row] = await db.query("SELECT count AS n FROM information_schema.INNODB_METRICS WHERE name = 'trx_rseg_history_len'");
    if (!row || Number(row.n) < 1000) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// The raw statements: what one hand-written statement per rule does for the same rows, with no
// batching, no catalogue lookup and no calendar (the dates and instants written in).
const due = (date: string, extra = 0) => startOfLocalDay(addDays(date, 1 + extra), TZ);

async function rawGenerate(db: DataSource, day: string): Promise<number> {
  const [, ms] = await time(async () => {
    await db.query(
      `INSERT IGNORE INTO checklist_item (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params)
       SELECT 'WEBSITE_DAILY_UPDATE', 'channel', c.id, c.unit_id, c.id, ?, ?, ?, ?, ?, 1, '{}' FROM channel c JOIN unit u ON u.id = c.unit_id
       WHERE c.active = 1 AND u.active = 1 AND c.kind = 'website'`,
      [day, day, day, due(day), due(day, 2)],
    );
    await db.query(
      `INSERT IGNORE INTO checklist_item (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params)
       SELECT 'GOV_NEW_MEDIA_WORKDAY_UPDATE', 'channel', c.id, c.unit_id, c.id, ?, ?, ?, ?, ?, 1, '{}' FROM channel c JOIN unit u ON u.id = c.unit_id
       WHERE c.active = 1 AND u.active = 1 AND c.kind <> 'website' AND u.kind IN ('government', 'management_committee') AND u.level IN ('city', 'county')`,
      [day, day, day, due(day), due(day, 2)],
    );
    await db.query(
      `INSERT IGNORE INTO checklist_item (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params)
       SELECT 'NEW_MEDIA_SILENT_14_DAYS', 'channel', c.id, c.unit_id, c.id, ?, ?, ?, ?, ?, 1, '{}' FROM channel c JOIN unit u ON u.id = c.unit_id
       WHERE c.active = 1 AND u.active = 1 AND c.kind <> 'website'`,
      [day, day, addDays(day, -13), due(day), due(day, 2)],
    );
    await db.query(
      `INSERT IGNORE INTO checklist_item (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params)
       SELECT 'NEW_MEDIA_TWICE_WEEKLY', 'channel', c.id, c.unit_id, c.id, ?, ?, ?, ?, ?, 2, '{}' FROM channel c JOIN unit u ON u.id = c.unit_id
       WHERE c.active = 1 AND u.active = 1 AND c.kind <> 'website' AND ((u.kind = 'department' AND u.level IN ('city', 'county')) OR u.level = 'township')`,
      [mondayOf(day), addDays(mondayOf(day), 6), mondayOf(day), due(addDays(mondayOf(day), 6)), due(addDays(mondayOf(day), 6), 2)],
    );
  });
  return ms;
}

async function rawGenerateWeek(db: DataSource, monday: string): Promise<number> {
  let total = 0;
  for (let d = 0; d < 7; d++) {
    // The weekly item is the same row each day (ignored after the first), as in the engine.
    total += await rawGenerate(db, addDays(monday, d));
  }
  return total;
}

async function rawEvaluate(db: DataSource, asOf: Date): Promise<number> {
  // The engine's statement by hand: every open channel item at once, no id ranges, no marker.
  const [, ms] = await time(() =>
    db.transaction('READ COMMITTED', (m) =>
      m.query(
        `UPDATE checklist_item i
         SET i.observed = (SELECT COUNT(*) FROM publication p
                           WHERE p.channel_id = i.channel_id AND p.local_date BETWEEN i.window_start AND i.period_end AND p.published_at <= ?),
             i.status = CASE WHEN i.observed >= i.required THEN 'met' WHEN i.due_at <= ? THEN 'missed' ELSE 'pending' END,
             i.final = (i.finalize_at <= ?)
         WHERE i.subject_type = 'channel' AND i.final = 0`,
        [asOf, asOf, asOf],
      ),
    ),
  );
  return ms;
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
