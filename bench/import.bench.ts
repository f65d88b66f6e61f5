// CSV imports at size: 10,000 units and 10,000 channels through the real services (validation,
// scope, audit, all or nothing), beside a plain multi-row INSERT of the same rows in the same run.
//   npm run bench:import [-- --rows 10000]
import { createConnection } from 'mysql2/promise';
import { performance } from 'node:perf_hooks';
import { createHttpApp } from '../src/app';
import { Actor } from '../src/common/actor';
import { ChannelsService } from '../src/channels/channels.service';
import { loadConfig } from '../src/config/config';
import { UnitsService } from '../src/org/units.service';
import { createBenchDatabase } from './bench-database';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

async function main(): Promise<void> {
  const rows = argument('--rows', 10_000);
  const bench = await createBenchDatabase('duban_bench_import');
  const database = bench.name;
  const url = bench.url;
  const admin = await createConnection(bench.server);
  const config = loadConfig({ ...process.env, DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', APP_ROLE: 'api', LOG_LEVEL: 'warn', QUEUE_PREFIX: 'duban-bench-import', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'bench-admin-1' });
  const app = await createHttpApp(config);
  await app.init();
  const [adminRow] = (await admin.query(`SELECT u.id, u.unit_id AS unitId FROM ${database}.app_user u WHERE u.username = 'admin'`)) as any[];
  const actor: Actor = { id: adminRow[0].id, username: 'admin', role: 'admin', unitId: adminRow[0].unitId, unitPath: '/' };

  // A province: 1 root, 100 counties, the rest departments and townships under the counties.
  const lines = ['code,name,short_name,kind,level,parent_code', 'P,某省人民政府,某省,government,city,'];
  for (let i = 1; i < rows; i++) {
    if (i <= 100) lines.push(`P-C${i},第${i}县人民政府,第${i}县,government,county,P`);
    else lines.push(`P-C${(i % 100) + 1}-U${i},第${(i % 100) + 1}县单位${i},,${i % 3 ? 'department' : 'township'},${i % 3 ? 'county' : 'township'},P-C${(i % 100) + 1}`);
  }
  const unitsCsv = Buffer.from(lines.join('\n'));
  const channelLines = ['code,unit_code,kind,name,url,platform_label'];
  for (let i = 1; i < rows + 1; i++) channelLines.push(`CH${i},${i <= 100 ? `P-C${i}` : i < rows ? `P-C${(i % 100) + 1}-U${i}` : 'P'},${i % 10 ? 'wechat' : 'website'},账号${i},,`);
  const channelsCsv = Buffer.from(channelLines.join('\n'));

  const time = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await fn();
    return { ms: performance.now() - started, result };
  };
  const units = await time(() => app.get(UnitsService).importCsv(actor, unitsCsv));
  const channels = await time(() => app.get(ChannelsService).importCsv(actor, channelsCsv));
  const again = await time(() => app.get(UnitsService).importCsv(actor, unitsCsv));

  // Baseline: the same unit rows as plain multi-row INSERTs (no validation, paths, audit).
  await admin.query(`CREATE TABLE ${database}.unit_plain LIKE ${database}.unit`);
  const plain = await time(async () => {
    const values = lines.slice(1).map((l) => l.split(','));
    for (let i = 0; i < values.length; i += 1000) {
      const chunk = values.slice(i, i + 1000);
      await admin.query(
        `INSERT INTO ${database}.unit_plain (code, name, short_name, kind, level, path, contact_emails) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, '/', '[]')").join(', ')}`,
        chunk.flatMap((v) => [v[0], v[1], v[2] || null, v[3], v[4]]),
      );
    }
  });

  console.log(`CSV imports, ${rows.toLocaleString('en-US')} rows each`);
  console.log('| import | seconds | result |');
  console.log('|---|---:|---|');
  console.log(`| units (new) | ${(units.ms / 1000).toFixed(2)} | ${JSON.stringify(units.result)} |`);
  console.log(`| channels (new) | ${(channels.ms / 1000).toFixed(2)} | ${JSON.stringify(channels.result)} |`);
  console.log(`| units again (all updates) | ${(again.ms / 1000).toFixed(2)} | ${JSON.stringify(again.result)} |`);
  console.log(`| baseline: plain INSERT of the unit rows | ${(plain.ms / 1000).toFixed(2)} | |`);
  await app.close();
  await admin.end();
  await bench.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
