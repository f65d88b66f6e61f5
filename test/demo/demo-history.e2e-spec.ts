import { FixedClock } from '../../src/common/clock';
import { DEMO_PASSWORD_DEFAULT, loadDemoData } from '../../src/demo/demo-data';
import { DemoEvidenceSummary, loadDemoEvidence } from '../../src/demo/demo-evidence';
import { DemoReplaySummary, replayDemo } from '../../src/demo/demo-replay';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The demo's 60 days, replayed day by day as of 2022-08-10 10:00 (issue 11, item 16): tasks
 * open on the day their misses became final, units and supervisors act on them at the time
 * they would have, and a second start adds nothing.
 */
describe('demo history (赣州市, 60 days replayed day by day)', () => {
  let t: TestApp;
  let first: DemoEvidenceSummary;
  let second: DemoEvidenceSummary;
  let replay: DemoReplaySummary;
  let again: DemoReplaySummary;
  let before: Record<string, number>;
  const now = new Date('2022-08-10T02:00:00Z');
  const clock = new FixedClock(now);

  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM task) AS tasks, (SELECT COUNT(*) FROM task_transition) AS transitions, (SELECT COUNT(*) FROM task_occurrence) AS occurrences,
              (SELECT COUNT(*) FROM publication) AS publications, (SELECT COUNT(*) FROM message) AS messages, (SELECT COUNT(*) FROM app_user) AS users`,
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, ownDatabase: true, env: { APP_ROLE: 'api' } });
    await loadDemoData(t.app);
    first = await loadDemoEvidence(t.app, { today: '2022-08-10' });
    replay = await replayDemo(t.app, { today: '2022-08-10' });
    before = await counts();
    second = await loadDemoEvidence(t.app, { today: '2022-08-10' });
    again = await replayDemo(t.app, { today: '2022-08-10' });
  }, 900_000);
  afterAll(async () => t?.close());

  it('loads 60 days of evidence and replays each day once, however often it starts', async () => {
    expect(first).toMatchObject({ from: '2022-06-06', to: '2022-08-10' });
    expect(first.publications).toBeGreaterThan(30_000);
    expect(first.messages).toBeGreaterThan(50);
    expect(first.policyDocuments).toBeGreaterThan(5);
    expect(replay).toMatchObject({ from: '2022-06-06', to: '2022-08-10', days: 66, stopped: null });
    // The second start finds everything: the evidence, and history up to today.
    expect(second).toMatchObject({ publications: 0, messages: 0, replies: 0, policyDocuments: 0, attestations: 0, generated: { created: 0 } });
    expect(again).toMatchObject({ from: '2022-08-10', to: '2022-08-10', days: 1, tasks: { opened: 0, submitted: 0, rejected: 0, accepted: 0 }, operatorsCreated: 0 });
    expect(await counts()).toEqual(before);
    // The app's clock is back where it was.
    expect(clock.now()).toEqual(now);
  });

  it('opens each task on the day its first miss became final, with its own due date', async () => {
    const [span] = await t.dataSource.query(
      `SELECT COUNT(*) AS tasks, COUNT(DISTINCT DATE(opened_at)) AS openedDays, COUNT(DISTINCT due_at) AS dueDates FROM task WHERE source = 'checklist'`,
    );
    expect(Number(span.tasks)).toBeGreaterThan(100);
    expect(Number(span.openedDays)).toBeGreaterThan(30);
    expect(Number(span.dueDates)).toBeGreaterThan(30);
    // Never before the miss was final, and within the day (the 00:10 run) after it became final.
    const early = await t.dataSource.query(
      `SELECT t.id FROM task t JOIN task_occurrence o ON o.task_id = t.id JOIN checklist_item i ON i.id = o.checklist_item_id
        WHERE t.source = 'checklist' AND o.id = (SELECT MIN(o2.id) FROM task_occurrence o2 WHERE o2.task_id = t.id)
          AND (t.opened_at < i.finalize_at OR t.opened_at > i.finalize_at + INTERVAL 1 DAY)`,
    );
    expect(early).toEqual([]);
  });

  it('has units hand in, supervisors send back with a reason and accept, at office hours, and leaves some overdue', async () => {
    const [figures] = await t.dataSource.query(
      `SELECT SUM(status = 'accepted') AS accepted, SUM(status = 'submitted') AS submitted, SUM(status = 'rejected') AS rejected,
              SUM(status IN ('open', 'rejected') AND due_at <= ?) AS overdue, SUM(rework_count > 0 AND status = 'accepted') AS reworkedAccepted
         FROM task`,
      [now],
    );
    expect(Number(figures.accepted)).toBeGreaterThan(30);
    expect(Number(figures.reworkedAccepted)).toBeGreaterThan(3);
    expect(Number(figures.rejected)).toBeGreaterThan(3);
    expect(Number(figures.submitted)).toBeGreaterThan(0);
    expect(Number(figures.overdue)).toBeGreaterThan(10);
    const [moves] = await t.dataSource.query(
      `SELECT SUM(to_status = 'submitted') AS submitted, SUM(to_status = 'rejected') AS rejected, SUM(to_status = 'accepted') AS accepted FROM task_transition`,
    );
    expect(replay.tasks).toMatchObject({ submitted: Number(moves.submitted), rejected: Number(moves.rejected), accepted: Number(moves.accepted) });

    // Who did what: the task's unit's operator hands in, a supervisor above it verifies; all in the past, in office hours.
    const transitions = await t.dataSource.query(
      `SELECT tr.to_status AS toStatus, tr.comment, tr.at, usr.role, usr.unit_id = t.unit_id AS ownUnit, tu.path LIKE CONCAT(su.path, '%') AS above
         FROM task_transition tr JOIN task t ON t.id = tr.task_id JOIN unit tu ON tu.id = t.unit_id
         JOIN app_user usr ON usr.id = tr.actor_id JOIN unit su ON su.id = usr.unit_id`,
    );
    expect(transitions.length).toBeGreaterThan(100);
    for (const tr of transitions) {
      if (tr.toStatus === 'submitted') expect([tr.role, Number(tr.ownUnit)]).toEqual(['operator', 1]);
      else expect([tr.toStatus, tr.role, Number(tr.above)]).toEqual([tr.toStatus, 'supervisor', 1]);
      if (tr.toStatus === 'rejected') expect(tr.comment).toMatch(/[\u4e00-\u9fff]{6,}/);
      const at = new Date(tr.at);
      expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
      const hour = (at.getUTCHours() + 8) % 24;
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(18);
    }
  });

  it('shows the demo operator a rejected, overdue task whose title spans every week missed', async () => {
    const [task] = await t.dataSource.query(
      `SELECT t.id, t.title, t.status, t.occurrences, t.due_at AS dueAt FROM task t JOIN channel c ON c.id = t.channel_id
        WHERE c.code = 'GZ-C04-D-JT-WX' AND t.requirement_code = 'NEW_MEDIA_TWICE_WEEKLY'`,
    );
    expect(task.status).toBe('rejected');
    expect(new Date(task.dueAt).getTime()).toBeLessThan(now.getTime());
    expect(task.occurrences).toBeGreaterThanOrEqual(8);
    expect(task.title).toBe(`信丰交通(微信订阅号) 每周更新不少于2次：2022-06-06 至 08-07 共 ${task.occurrences} 周未达标；最近 2022-08-01 至 08-07 仅更新 1 次`);
    const token = await t.login('operator.xinfeng-jt', DEMO_PASSWORD_DEFAULT);
    const detail = await t.http().get(`/api/v1/tasks/${task.id}`).auth(token, { type: 'bearer' });
    expect(detail.body).toMatchObject({ status: 'rejected', overdue: true });
    expect(detail.body.history.map((h: any) => h.to)).toEqual(['open', 'submitted', 'rejected']);
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
  });

  it('gives the city supervisor real figures: overdue and awaiting work by county, and the month’s compliance', async () => {
    const [city] = await t.dataSource.query("SELECT id FROM unit WHERE code = 'GZ'");
    const token = await t.login('supervisor.city', DEMO_PASSWORD_DEFAULT);
    const overdue = await t.http().get(`/api/v1/dashboard/overdue?unitId=${city.id}`).auth(token, { type: 'bearer' });
    expect(overdue.status).toBe(200);
    const total = (k: string) => overdue.body.reduce((n: number, r: any) => n + r[k], 0);
    expect(total('overdue')).toBeGreaterThan(10);
    expect(total('open')).toBeGreaterThan(total('overdue'));
    expect(overdue.body.filter((r: any) => r.overdue > 0).length).toBeGreaterThan(5);
    const res = await t.http().get(`/api/v1/dashboard/compliance?unitId=${city.id}&from=2022-07-01&to=2022-07-31`).auth(token, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.body.children.length).toBeGreaterThan(20);
    expect(res.body.unit.rate).toBeGreaterThan(0.8);
    expect(res.body.unit.rate).toBeLessThan(1);
    expect(res.body.requirements.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['WEBSITE_DAILY_UPDATE', 'NEW_MEDIA_SILENT_14_DAYS', 'MESSAGE_SIMPLE_3_DAYS']));
  });
});
