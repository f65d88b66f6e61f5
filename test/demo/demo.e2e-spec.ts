import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_CHANNEL_TARGETS,
  DEMO_CODE_PREFIX,
  DEMO_FILES,
  DEMO_PASSWORD_DEFAULT,
  DemoSummary,
  demoDataDir,
  loadDemoData,
  planDemoChannels,
  readDemoUnits,
  readNamedChannels,
} from '../../src/demo/demo-data';
import { createTestApp, TestApp } from '../support/test-app';

// The worker's database is shared with other test files, so every count is over the demo's
// own codes (they all start with GZ) and the demo must load next to whatever else is there.
describe('demo data (赣州市)', () => {
  let t: TestApp;
  let first: DemoSummary;
  let second: DemoSummary;

  const demoUnitCount = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM unit WHERE code LIKE ?', [`${DEMO_CODE_PREFIX}%`]))[0].n);
  const demoChannelsByKind = async (): Promise<Record<string, number>> => {
    const rows: { kind: string; n: string }[] = await t.dataSource.query('SELECT kind, COUNT(*) AS n FROM channel WHERE code LIKE ? GROUP BY kind', [`${DEMO_CODE_PREFIX}%`]);
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  };

  beforeAll(async () => {
    t = await createTestApp({ ownDatabase: true });
    first = await loadDemoData(t.app, { password: DEMO_PASSWORD_DEFAULT });
    second = await loadDemoData(t.app, { password: DEMO_PASSWORD_DEFAULT });
  });
  afterAll(async () => t?.close());

  it('loads the 72 units of 赣州市 in a tree', async () => {
    expect(await demoUnitCount()).toBe(72);
    const [row] = await t.dataSource.query(
      `SELECT c.code, p.code AS parentCode, c.path LIKE CONCAT(p.path, '%') AS under
         FROM unit c JOIN unit p ON p.id = c.parent_id WHERE c.code = 'GZ-C12-T-LJ-V-WLT'`,
    );
    expect(row).toMatchObject({ parentCode: 'GZ-C12-T-LJ', under: 1 });
  });

  it("has the report's channels: 58 websites and 921 new-media accounts by kind", async () => {
    const byKind = await demoChannelsByKind();
    expect(byKind).toEqual({ website: 58, wechat: 701, weibo: 95, app: 3, douyin: 70, toutiao: 40, other: 12 });
    expect(Object.values(byKind).reduce((a, b) => a + b, 0)).toBe(979);
    expect(byKind.wechat + byKind.weibo + byKind.app + byKind.douyin + byKind.toutiao + byKind.other).toBe(921);
    expect(second.channels.byKind).toEqual(DEMO_CHANNEL_TARGETS);
    expect(second.channels.total).toBe(979);
  });

  it("imports the report's July 2022 disclosure statistics, replacing them on a second load", async () => {
    expect(first.disclosure).toEqual({ imported: 54, months: ['2022-07'] });
    expect(second.disclosure).toEqual({ imported: 54, months: ['2022-07'] });
    const [row] = await t.dataSource.query(
      `SELECT COUNT(*) AS n, SUM(d.cumulative_total) AS total FROM disclosure_stat d JOIN unit u ON u.id = d.unit_id WHERE u.code LIKE 'GZ%' AND d.month = '2022-07'`,
    );
    expect(Number(row.n)).toBe(54);
    // The report's two tables: 173,364 (city departments) + 5,891,293 (counties).
    expect(Number(row.total)).toBe(173364 + 5891293);
  });

  it('keeps the named accounts as the report names them', async () => {
    const rows = await t.dataSource.query(
      `SELECT c.name, c.kind, c.platform_label AS platformLabel, u.code AS unitCode FROM channel c JOIN unit u ON u.id = c.unit_id WHERE c.code = 'GZ-C04-D-JT-WX'`,
    );
    expect(rows).toEqual([{ name: '信丰交通', kind: 'wechat', platformLabel: '微信订阅号', unitCode: 'GZ-C04-D-JT' }]);
  });

  it('creates nothing on a second load', async () => {
    expect(first.units.rows).toBe(72);
    expect(second.units).toEqual({ created: 0, updated: 72, rows: 72 });
    expect(second.channels).toMatchObject({ created: 0, updated: 979, rows: 979 });
    expect(second.users.filter((u) => u.created)).toEqual([]);
    expect(await demoUnitCount()).toBe(72);
    const users = await t.dataSource.query(
      `SELECT username FROM app_user WHERE username IN ('supervisor.city', 'supervisor.huichang', 'operator.xinfeng-jt', 'inspector') ORDER BY username`,
    );
    expect(users.map((u: { username: string }) => u.username)).toEqual(['inspector', 'operator.xinfeng-jt', 'supervisor.city', 'supervisor.huichang']);
  });

  it('plans the same codes from the same files', () => {
    const dir = demoDataDir();
    const plan = () => planDemoChannels(readDemoUnits(readFileSync(join(dir, DEMO_FILES.units))), readNamedChannels(readFileSync(join(dir, DEMO_FILES.namedChannels))));
    const a = plan();
    expect(a).toHaveLength(979 - 13);
    expect(plan()).toEqual(a);
    expect(a.every((c) => c.code.startsWith(DEMO_CODE_PREFIX))).toBe(true);
  });

  it("lets the supervisor of 会昌县 see 会昌县's units and channels and none of 信丰县's", async () => {
    const token = await t.login('supervisor.huichang', DEMO_PASSWORD_DEFAULT);

    const units = await t.http().get('/api/v1/units').auth(token, { type: 'bearer' });
    expect(units.status).toBe(200);
    const unitCodes: string[] = units.body.map((u: { code: string }) => u.code).sort();
    expect(unitCodes).toEqual(['GZ-C16', 'GZ-C16-D-GA', 'GZ-C16-D-JKT', 'GZ-C16-T-MZ']);

    const channels = await t.http().get('/api/v1/channels?pageSize=500').auth(token, { type: 'bearer' });
    expect(channels.status).toBe(200);
    const huichangUnitIds = new Set(units.body.map((u: { id: number }) => u.id));
    const [{ n }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM channel c JOIN unit u ON u.id = c.unit_id WHERE u.code = 'GZ-C16' OR u.code LIKE 'GZ-C16-%'`,
    );
    expect(channels.body.total).toBe(Number(n));
    expect(channels.body.items).toHaveLength(Number(n));
    expect(channels.body.items.every((c: { unitId: number }) => huichangUnitIds.has(c.unitId))).toBe(true);
    const names = channels.body.items.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['会昌教科体', '会昌公安', '会昌发布']));
    expect(names.filter((name: string) => name.startsWith('信丰'))).toEqual([]);
    expect(channels.body.items.some((c: { code: string }) => c.code.startsWith('GZ-C04'))).toBe(false);

    const xinfeng = await t.dataSource.query(`SELECT id FROM unit WHERE code = 'GZ-C04-D-JT'`);
    const outside = await t.http().get(`/api/v1/units/${xinfeng[0].id}`).auth(token, { type: 'bearer' });
    expect(outside.status).toBe(404);
  });
});
