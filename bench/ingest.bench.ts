// Publication ingestion through HTTP (issue 5: ≥ 20,000 a second): `npm run bench:ingest -- --rows 200000 --clients 2,4`.
//
// Builds its own database (dropped at the end) with a few thousand channels, starts the real
// API, and for each client count posts --rows new publications, 5,000 a call, through
// POST /publications; beside it, the same rows as raw INSERT IGNORE statements (5,000 rows,
// one transaction a call, the same number of concurrent connections), so the gap the app adds
// is read in the same run on the same load. Half the items carry an externalId, half only a
// url (the dedupe key then comes from the normalised address). Prints a markdown table with
// the wall time and this process's CPU time (server and in-process clients) of each phase.
import { INestApplication } from '@nestjs/common';
import { createPool, Pool } from 'mysql2/promise';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { parseInstant } from '../src/common/time/local-date';
import { toPublicationRow } from '../src/evidence/publication-rows';
import { createBenchDatabase, startBenchApi } from './bench-database';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROWS = Number(arg('rows', '200000'));
const CLIENTS = arg('clients', '2,4').split(',').map(Number);
const CHANNELS = Number(arg('channels', '3000'));
const BATCH = 5000;
const TZ = 'Asia/Shanghai';
const INSERT = 'INSERT IGNORE INTO publication (channel_id, published_at, local_date, title, url, external_id, dedupe_key) VALUES ';

type Item = { channelId: number; publishedAt: string; title: string; url?: string; externalId?: string };

function items(prefix: string, channelIds: number[]): Item[][] {
  const batches: Item[][] = [];
  const start = Date.UTC(2022, 8, 1);
  for (let n = 0; n < ROWS; n += BATCH) {
    const batch: Item[] = [];
    for (let k = n; k < Math.min(ROWS, n + BATCH); k++) {
      const channelId = channelIds[k % channelIds.length];
      const publishedAt = new Date(start + k * 7_919).toISOString().replace('Z', '+00:00');
      const title = `${prefix} 关于做好政务公开工作的通知 第${k}号`;
      batch.push(k % 2 ? { channelId, publishedAt, title, externalId: `${prefix}-${k}` } : { channelId, publishedAt, title, url: `https://www.gov${channelId}.gov.cn/zwgk/${prefix}/${k}/index.html` });
    }
    batches.push(batch);
  }
  return batches;
}

/** Runs `work` over every batch with `clients` workers taking the next batch; returns [wall ms, this process's CPU ms]. */
async function drive<T>(batches: T[], clients: number, work: (batch: T) => Promise<void>): Promise<[number, number]> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < batches.length) await work(batches[next++]);
    }),
  );
  const used = process.cpuUsage(cpu);
  return [performance.now() - start, (used.user + used.system) / 1000];
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(`duban_bench_ingest_${process.pid}`);
  let app: INestApplication | undefined;
  let pool: Pool | undefined;
  try {
    const api = await startBenchApi(database);
    app = api.app;
    const base = api.base;
    const db = app.get(DataSource);
    pool = createPool({ uri: database.url, connectionLimit: Math.max(...CLIENTS), timezone: 'Z' });

    // A county with departments under it, and the channels spread over them.
    await db.query("INSERT INTO unit (code, name, kind, level, parent_id, path, contact_emails) VALUES ('N', '全国', 'government', 'county', NULL, '/1/', '[]')");
    const units = 100;
    const unitRows = Array.from({ length: units }, (_, i) => [`U${i}`, `单位${i}`, 'department', 'county', 1]);
    await db.query(`INSERT INTO unit (code, name, kind, level, parent_id, path, contact_emails) VALUES ${unitRows.map(() => "(?, ?, ?, ?, ?, '/', '[]')").join(',')}`, unitRows.flat());
    await db.query("UPDATE unit SET path = CONCAT('/1/', id, '/') WHERE parent_id = 1");
    const [{ min: firstUnit }] = await db.query('SELECT MIN(id) AS min FROM unit WHERE parent_id = 1');
    const channelRows = Array.from({ length: CHANNELS }, (_, i) => [`CH${i}`, Number(firstUnit) + (i % units), i % 5 ? 'wechat' : 'website', `载体${i}`, i % 5 ? '微信公众号' : '网站']);
    for (let i = 0; i < channelRows.length; i += 5000) {
      const chunk = channelRows.slice(i, i + 5000);
      await db.query(`INSERT INTO channel (code, unit_id, kind, name, platform_label) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(',')}`, chunk.flat());
    }
    const channelIds: number[] = (await db.query('SELECT id FROM channel ORDER BY id')).map((r: { id: number }) => r.id);

    const token = await api.adminToken();
    const post = async (body: string) => {
      const res = await fetch(`${base}/publications`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body });
      if (res.status >= 300) throw new Error(`POST /publications: ${res.status} ${await res.text()}`);
      const result = (await res.json()) as { accepted: number; duplicates: number };
      if (result.duplicates !== 0) throw new Error(`unexpected duplicates: ${JSON.stringify(result)}`);
    };
    // Warm-up: the JIT and the pool, not counted.
    for (const batch of items('warm', channelIds).slice(0, 4)) await post(JSON.stringify({ items: batch }));

    const table: string[][] = [];
    const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
    for (const clients of CLIENTS) {
      const bodies = items(`api${clients}`, channelIds).map((batch) => JSON.stringify({ items: batch }));
      const rawRows = items(`raw${clients}`, channelIds).map((batch) => batch.map((it) => toPublicationRow(it.channelId, parseInstant(it.publishedAt, TZ)!, it, TZ)));
      const [rawMs, rawCpu] = await drive(rawRows, clients, async (rows) => {
        const conn = await pool!.getConnection();
        try {
          await conn.beginTransaction();
          await conn.query(INSERT + rows.map(() => '(?,?,?,?,?,?,?)').join(','), rows.flat());
          await conn.commit();
        } finally {
          conn.release();
        }
      });
      const [apiMs, apiCpu] = await drive(bodies, clients, post);
      table.push([`${clients}`, `${ROWS.toLocaleString('en-US')}`, (apiMs / 1000).toFixed(2), rate(apiMs).toLocaleString('en-US'), (apiCpu / 1000).toFixed(2), (rawMs / 1000).toFixed(2), rate(rawMs).toLocaleString('en-US'), (rawCpu / 1000).toFixed(2), (apiMs / rawMs).toFixed(2)]);
    }
    console.log(`\n### POST /publications, ${CHANNELS.toLocaleString('en-US')} channels, ${BATCH.toLocaleString('en-US')} a call\n`);
    console.log('| clients | rows | API s | API rows/s | API node CPU s | raw SQL s | raw rows/s | raw node CPU s | API ÷ raw time |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of table) console.log(`| ${r.join(' | ')} |`);
  } finally {
    await pool?.end();
    await app?.close();
    await database.drop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
