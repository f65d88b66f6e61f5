import { FixedClock } from '../../src/common/clock';
import { loadDemoData } from '../../src/demo/demo-data';
import { DemoEvidenceSummary, loadDemoEvidence } from '../../src/demo/demo-evidence';
import { createTestApp, TestApp } from '../support/test-app';

describe('demo evidence (赣州市, 60 days)', () => {
  let t: TestApp;
  let first: DemoEvidenceSummary;
  let second: DemoEvidenceSummary;
  const clock = new FixedClock(new Date('2022-08-10T02:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock, ownDatabase: true, env: { APP_ROLE: 'api' } });
    await loadDemoData(t.app);
    first = await loadDemoEvidence(t.app, { today: '2022-08-10' });
    second = await loadDemoEvidence(t.app, { today: '2022-08-10' });
  }, 300_000);
  afterAll(async () => t?.close());

  it('loads 60 days of evidence once, however often it runs', () => {
    expect(first).toMatchObject({ from: '2022-06-06', to: '2022-08-09' });
    expect(first.publications).toBeGreaterThan(30_000);
    expect(first.messages).toBeGreaterThan(50);
    expect(first.policyDocuments).toBeGreaterThan(5);
    expect(second).toMatchObject({ publications: 0, messages: 0, policyDocuments: 0, attestations: 0, generated: { created: 0 } });
  });

  it('shows most accounts keeping their rules and the named ones not', async () => {
    const rate = await t.dataSource.query(
      `SELECT SUM(i.status = 'met') AS met, SUM(i.status = 'missed') AS missed FROM checklist_item i JOIN unit u ON u.id = i.unit_id WHERE u.code LIKE 'GZ%'`,
    );
    const met = Number(rate[0].met);
    const missed = Number(rate[0].missed);
    expect(met / (met + missed)).toBeGreaterThan(0.85);
    expect(missed).toBeGreaterThan(100);
    const [xinfeng] = await t.dataSource.query(
      `SELECT SUM(i.status = 'missed') AS missed, MAX(i.observed) AS most FROM checklist_item i JOIN channel c ON c.id = i.channel_id
       WHERE c.code = 'GZ-C04-D-JT-WX' AND i.requirement_code = 'NEW_MEDIA_TWICE_WEEKLY' AND i.period_end < '2022-08-10'`,
    );
    expect(Number(xinfeng.missed)).toBeGreaterThanOrEqual(7);
    expect(Number(xinfeng.most)).toBe(1);
    const [task] = await t.dataSource.query("SELECT t.title, t.occurrences FROM task t JOIN channel c ON c.id = t.channel_id WHERE c.code = 'GZ-C04-D-JT-WX' AND t.requirement_code = 'NEW_MEDIA_TWICE_WEEKLY'");
    expect(task.title).toMatch(/^信丰交通\(微信订阅号\) 未按要求更新：2022-06-\d\d 至 2022-06-\d\d 仅 1 次，要求 2 次$/);
    expect(task.occurrences).toBeGreaterThanOrEqual(6);
  });

  it('feeds the dashboard of the city', async () => {
    const [city] = await t.dataSource.query("SELECT id FROM unit WHERE code = 'GZ'");
    const res = await t.http().get(`/api/v1/dashboard/compliance?unitId=${city.id}&from=2022-07-01&to=2022-07-31`).auth(await t.adminToken(), { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.body.children.length).toBeGreaterThan(20);
    expect(res.body.unit.rate).toBeGreaterThan(0.8);
    expect(res.body.unit.rate).toBeLessThan(1);
    expect(res.body.requirements.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['WEBSITE_DAILY_UPDATE', 'NEW_MEDIA_SILENT_14_DAYS', 'MESSAGE_SIMPLE_3_DAYS']));
  });
});
