import { ChecklistsRepository } from '../../src/checklists/checklists.repository';
import { FixedClock } from '../../src/common/clock';
import { OrgFixtures, TestUnit } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

// Every test works on its own units and channels (fresh codes), and asserts on those ids only:
// the worker database is shared with other test files. Evaluation is global, so each test
// judges as of instants that only its own items are sensitive to, and reads its own items.
describe('checklists', () => {
  let t: TestApp;
  let admin: string;
  let org: OrgFixtures;
  const pagesBase = 'https://www.example.gov.cn/zcwj';
  const clock = new FixedClock(new Date('2022-08-01T02:00:00Z'));

  beforeAll(async () => {
    // APP_ROLE=api: the quarter-hourly evaluation must not run under the tests' fixed clock.
    t = await createTestApp({ clock, ownDatabase: true, env: { APP_ROLE: 'api' } });
    admin = await t.adminToken();
    org = new OrgFixtures(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = (method: 'get' | 'post', path: string, token = admin) => t.http()[method](`/api/v1${path}`).auth(token, { type: 'bearer' });
  const generate = async (from: string, to: string) => {
    const res = await api('post', '/checklists/generate').send({ from, to });
    expect(res.status).toBe(200);
    return res.body as { created: number; existing: number };
  };
  const evaluate = async (asOf: string) => {
    const res = await api('post', '/checklists/evaluate').send({ asOf });
    expect(res.status).toBe(200);
    return res.body;
  };
  const channel = async (unit: TestUnit, kind: string, name = `${kind}-${t.uid()}`, platformLabel?: string) => {
    const res = await api('post', '/channels').send({ unitId: unit.id, kind, name, platformLabel });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const publish = async (channelId: number, ...instants: string[]) => {
    const res = await api('post', '/publications').send({ items: instants.map((publishedAt) => ({ channelId, publishedAt, externalId: t.uid() })) });
    expect(res.status).toBeLessThan(300);
  };
  const items = async (query: string, token = admin) => {
    const res = await api('get', `/checklist-items?pageSize=500&${query}`, token);
    expect(res.status).toBe(200);
    return res.body.items as any[];
  };
  const byStart = (list: any[]) => Object.fromEntries(list.map((i) => [i.periodStart, i]));

  async function city() {
    const c = await org.unit({ kind: 'government', level: 'city', name: '测试市人民政府' });
    const county = await org.unit({ parent: c, kind: 'government', level: 'county', name: '甲县人民政府' });
    const dept = await org.unit({ parent: county, kind: 'department', level: 'county', name: '甲县交通运输局', shortName: '甲县交通' });
    const town = await org.unit({ parent: county, kind: 'township', level: 'township', name: '甲县某镇' });
    const village = await org.unit({ parent: town, kind: 'village', level: 'village', name: '某村' });
    return { city: c, county, dept, town, village };
  }

  it('generates each rule for the channels it applies to, idempotently', async () => {
    const u = await city();
    const site = await channel(u.county, 'website');
    const govWx = await channel(u.county, 'wechat');
    const deptWx = await channel(u.dept, 'wechat');
    const townWb = await channel(u.town, 'weibo');
    const villageWx = await channel(u.village, 'wechat');

    const first = await generate('2022-08-01', '2022-08-07');
    expect(first.created).toBeGreaterThan(0);
    const again = await generate('2022-08-01', '2022-08-07');
    expect(again.created).toBe(0);
    expect(again.existing).toBeGreaterThanOrEqual(first.created);

    const codes = async (channelId: number) => {
      const list = await items(`channelId=${channelId}&from=2022-08-01&to=2022-08-07`);
      const counts: Record<string, number> = {};
      for (const i of list) counts[i.requirementCode] = (counts[i.requirementCode] ?? 0) + 1;
      return counts;
    };
    expect(await codes(site)).toEqual({ WEBSITE_DAILY_UPDATE: 7 });
    // 2022-08-01..07: Monday to Sunday, five working days.
    expect(await codes(govWx)).toEqual({ GOV_NEW_MEDIA_WORKDAY_UPDATE: 5, NEW_MEDIA_SILENT_14_DAYS: 7 });
    expect(await codes(deptWx)).toEqual({ NEW_MEDIA_TWICE_WEEKLY: 1, NEW_MEDIA_SILENT_14_DAYS: 7 });
    expect(await codes(townWb)).toEqual({ NEW_MEDIA_TWICE_WEEKLY: 1, NEW_MEDIA_SILENT_14_DAYS: 7 });
    // A village matches no frequency rule; only the silence rule covers every new-media account.
    expect(await codes(villageWx)).toEqual({ NEW_MEDIA_SILENT_14_DAYS: 7 });

    const [week] = await items(`channelId=${deptWx}&requirement=NEW_MEDIA_TWICE_WEEKLY`);
    expect(week).toMatchObject({ periodStart: '2022-08-01', periodEnd: '2022-08-07', required: 2, dueAt: '2022-08-07T16:00:00.000Z', unitName: '甲县交通', status: 'pending' });
  });

  it('has no workday items on the National Day holiday 2022 and has them on the make-up days', async () => {
    const u = await city();
    const govWx = await channel(u.county, 'wechat');
    await generate('2022-09-29', '2022-10-10');
    const starts = (await items(`channelId=${govWx}&requirement=GOV_NEW_MEDIA_WORKDAY_UPDATE`)).map((i) => i.periodStart).sort();
    expect(starts).toEqual(['2022-09-29', '2022-09-30', '2022-10-08', '2022-10-09', '2022-10-10']);
  });

  it('makes one weekly item for a week across a year end, and refuses a year without calendar data', async () => {
    const u = await city();
    const deptWx = await channel(u.dept, 'wechat');
    await generate('2022-12-28', '2023-01-03');
    const weeks = (await items(`channelId=${deptWx}&requirement=NEW_MEDIA_TWICE_WEEKLY`)).map((i) => [i.periodStart, i.periodEnd]).sort();
    expect(weeks).toEqual([
      ['2022-12-26', '2023-01-01'],
      ['2023-01-02', '2023-01-08'],
    ]);
    const missing = await api('post', '/checklists/generate').send({ from: '2099-12-30', to: '2100-01-02' });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('CALENDAR_YEAR_MISSING');
    expect((await api('post', '/checklists/generate').send({ from: '2022-08-02', to: '2022-08-01' })).status).toBe(400);
  });

  it('counts publications by local day: 23:30 and 00:10 local fall on their own days', async () => {
    const u = await city();
    const site = await channel(u.county, 'website');
    await generate('2022-03-01', '2022-03-03');
    // 2022-03-01 23:30 +08:00 is 15:30Z on 03-01; 2022-03-03 00:10 +08:00 is 16:10Z on 03-02.
    await publish(site, '2022-03-01T23:30:00+08:00', '2022-03-03T00:10:00+08:00');
    await evaluate('2022-03-04T00:10:00+08:00');
    const days = byStart(await items(`channelId=${site}`));
    expect(days['2022-03-01']).toMatchObject({ status: 'met', observed: 1 });
    expect(days['2022-03-02']).toMatchObject({ status: 'missed', observed: 0 });
    expect(days['2022-03-03']).toMatchObject({ status: 'met', observed: 1 });
  });

  it('judges as of asOf: pending before the due time, met at once, missed after', async () => {
    const u = await city();
    const deptWx = await channel(u.dept, 'wechat');
    await generate('2022-04-11', '2022-04-17');
    await publish(deptWx, '2022-04-11T09:00:00+08:00', '2022-04-14T09:00:00+08:00');
    const week = async () => (await items(`channelId=${deptWx}&requirement=NEW_MEDIA_TWICE_WEEKLY`))[0];
    await evaluate('2022-04-12T12:00:00+08:00');
    expect(await week()).toMatchObject({ status: 'pending', observed: 1 });
    await evaluate('2022-04-14T12:00:00+08:00');
    expect(await week()).toMatchObject({ status: 'met', observed: 2, final: false });
    await evaluate('2022-04-20T00:00:00+08:00');
    expect(await week()).toMatchObject({ status: 'met', final: true });
  });

  it('honours late evidence until the period is final, then stays missed, with one task per channel', async () => {
    const u = await city();
    const site = await channel(u.county, 'website', '甲县人民政府网');
    await generate('2022-05-09', '2022-05-12');
    await publish(site, '2022-05-11T10:00:00+08:00');
    await evaluate('2022-05-10T00:10:00+08:00');
    expect(byStart(await items(`channelId=${site}`))['2022-05-09']).toMatchObject({ status: 'missed', final: false });

    // A CSV imported the next morning: 05-09's update arrives late but before finalisation.
    await publish(site, '2022-05-09T18:00:00+08:00');
    await evaluate('2022-05-10T09:00:00+08:00');
    expect(byStart(await items(`channelId=${site}`))['2022-05-09']).toMatchObject({ status: 'met', observed: 1 });

    // 05-10 is missed and becomes final 2 days after its end; later evidence changes nothing.
    const result = await evaluate('2022-05-13T00:00:00+08:00');
    expect(result.finalized).toBeGreaterThanOrEqual(2);
    await publish(site, '2022-05-10T20:00:00+08:00');
    await evaluate('2022-05-15T00:00:00+08:00');
    const days = byStart(await items(`channelId=${site}`));
    expect(days['2022-05-10']).toMatchObject({ status: 'missed', final: true, observed: 0 });
    expect(days['2022-05-11']).toMatchObject({ status: 'met', final: true });
    expect(days['2022-05-12']).toMatchObject({ status: 'missed', final: true });

    // Both final misses (05-10, 05-12) are one task for (requirement, channel), with two occurrences.
    const tasks = await t.dataSource.query('SELECT id, title, occurrences, requirement_code FROM task WHERE channel_id = ?', [site]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ requirement_code: 'WEBSITE_DAILY_UPDATE', occurrences: 2 });
    expect(tasks[0].title).toBe('甲县人民政府网(网站) 每天更新：2022-05-10 至 05-12 共 2 天未达标；最近 2022-05-12 无更新');
    expect(days['2022-05-10'].taskId).toBe(tasks[0].id);
    expect(days['2022-05-12'].taskId).toBe(tasks[0].id);
    // Evaluating again hands nothing over twice.
    const again = await evaluate('2022-05-16T00:00:00+08:00');
    expect((await t.dataSource.query('SELECT occurrences FROM task WHERE id = ?', [tasks[0].id]))[0].occurrences).toBe(2);
    expect(again.tasks).toEqual({ created: expect.any(Number), extended: expect.any(Number) });
  });

  it('fails a new-media account silent for 14 days (the window ends on the item day)', async () => {
    const u = await city();
    const wx = await channel(u.village, 'wechat');
    await generate('2022-06-14', '2022-06-15');
    await publish(wx, '2022-06-01T10:00:00+08:00');
    await evaluate('2022-06-16T00:00:00+08:00');
    const days = byStart(await items(`channelId=${wx}&requirement=NEW_MEDIA_SILENT_14_DAYS`));
    // 06-14's window is 06-01..06-14 (one update); 06-15's is 06-02..06-15 (none).
    expect(days['2022-06-14']).toMatchObject({ status: 'met', observed: 1 });
    expect(days['2022-06-15']).toMatchObject({ status: 'missed', observed: 0 });
  });

  it('counts a window once for all its channels, across id ranges, published by asOf only, waived items untouched', async () => {
    const u = await city();
    const sites: number[] = [];
    for (let k = 0; k < 5; k++) sites.push(await channel(u.county, 'website'));
    await generate('2022-01-10', '2022-01-10');
    // Site k publishes k times that morning; site 1 once more at 21:00 (after asOf), site 0 the next day.
    for (let k = 1; k < 5; k++) await publish(sites[k], ...Array.from({ length: k }, (_, j) => `2022-01-10T${String(j + 8).padStart(2, '0')}:00:00+08:00`));
    await publish(sites[1], '2022-01-10T21:00:00+08:00');
    await publish(sites[0], '2022-01-11T08:00:00+08:00');
    await t.dataSource.query("UPDATE checklist_item SET status = 'waived' WHERE channel_id = ? AND period_start = '2022-01-10'", [sites[4]]);

    const repository = t.app.get(ChecklistsRepository);
    // The day's windows: the day itself, its week, and the 14 days of the silence rule (other tests' channels have items too).
    const windows = (await repository.findOpenChannelWindows('2022-01-10')).filter((w) => w.periodStart === '2022-01-10');
    expect(windows.map((w) => `${w.windowStart}..${w.periodEnd}`).sort()).toEqual(['2021-12-28..2022-01-10', '2022-01-10..2022-01-10', '2022-01-10..2022-01-16']);
    const day = windows.filter((w) => w.windowStart === '2022-01-10' && w.periodEnd === '2022-01-10');
    // Id ranges of 2 items: the window's counts are joined batch by batch.
    await repository.evaluateChannelWindow(day[0], new Date('2022-01-10T20:00:00+08:00'), new Date('2022-01-10T12:00:00Z'), 2);
    const seen = await Promise.all(sites.map(async (site) => (await items(`channelId=${site}&requirement=WEBSITE_DAILY_UPDATE`))[0]));
    expect(seen.map((i) => [i.observed, i.status])).toEqual([
      [0, 'pending'],
      [1, 'met'],
      [2, 'met'],
      [3, 'met'],
      [0, 'waived'],
    ]);
    // The temporary table went with its connection: a second run on the pool works the same.
    await repository.evaluateChannelWindow(day[0], new Date('2022-01-11T00:10:00+08:00'), new Date('2022-01-10T16:10:00Z'), 2);
    expect((await items(`channelId=${sites[1]}&requirement=WEBSITE_DAILY_UPDATE`))[0]).toMatchObject({ observed: 2, status: 'met' });
    expect((await items(`channelId=${sites[0]}&requirement=WEBSITE_DAILY_UPDATE`))[0]).toMatchObject({ observed: 0, status: 'missed' });
  });

  it('judges messages by the reply time against the due time', async () => {
    const u = await city();
    const wx = await channel(u.county, 'wechat');
    const message = async (category: string, receivedAt: string) => {
      const res = await api('post', '/messages').send({ channelId: wx, category, receivedAt, externalId: t.uid() });
      expect(res.status).toBe(201);
      return res.body as { id: number; dueAt: string };
    };
    // DESIGN.md "Time": received 2022-09-29 10:00; simple due 10-09 00:00, general due 10-12 00:00.
    const simple = await message('simple', '2022-09-29T10:00:00+08:00');
    const general = await message('general', '2022-09-29T10:00:00+08:00');
    const late = await message('simple', '2022-09-29T11:00:00+08:00');
    expect(simple.dueAt).toBe('2022-10-08T16:00:00.000Z');
    expect(general.dueAt).toBe('2022-10-11T16:00:00.000Z');
    expect((await api('post', `/messages/${simple.id}/reply`).send({ repliedAt: '2022-10-08T20:00:00+08:00' })).status).toBeLessThan(300);
    expect((await api('post', `/messages/${late.id}/reply`).send({ repliedAt: '2022-10-10T09:00:00+08:00' })).status).toBeLessThan(300);

    // Items appear without a generate call: evaluation picks up messages recorded since.
    await evaluate('2022-10-12T00:00:00+08:00');
    const list = await items(`channelId=${wx}&from=2022-09-29&to=2022-10-12`);
    const of = (id: number) => list.find((i) => i.subjectType === 'message' && i.subjectId === id);
    expect(of(simple.id)).toMatchObject({ requirementCode: 'MESSAGE_SIMPLE_3_DAYS', status: 'met', periodStart: '2022-09-29', periodEnd: '2022-10-08' });
    expect(of(late.id)).toMatchObject({ status: 'missed', final: true });
    expect(of(general.id)).toMatchObject({ requirementCode: 'MESSAGE_GENERAL_5_WORKDAYS', status: 'missed', periodEnd: '2022-10-11' });
  });

  it('judges policy documents by a verified two-way link before the due time', async () => {
    const u = await city();
    const doc = await api('post', '/policy-documents').send({ unitId: u.county.id, title: '甲县关于某事的通知', url: `${pagesBase}/doc.html`, publishedAt: '2022-07-04T10:00:00+08:00' });
    expect(doc.status).toBe(201);
    const lone = await api('post', '/policy-documents').send({ unitId: u.county.id, title: '甲县另一份通知', url: `${pagesBase}/other.html`, publishedAt: '2022-07-04T10:00:00+08:00' });
    clock.set('2022-07-05T02:00:00Z');
    expect((await api('post', `/policy-documents/${doc.body.id}/interpretations`).send({ title: '政策解读', url: `${pagesBase}/interp.html`, publishedAt: '2022-07-05T09:00:00+08:00' })).status).toBe(201);
    // The link check itself is the evidence module's (and its tests'); here its stored outcome
    // is what matters, written as a successful check on 07-05 would write it.
    await t.dataSource.query(
      'UPDATE policy_document SET document_links_to_interpretation = 1, interpretation_links_to_document = 1, links_verified_at = ?, last_checked_at = ? WHERE id = ?',
      [new Date('2022-07-05T02:00:00Z'), new Date('2022-07-05T02:00:00Z'), doc.body.id],
    );
    await generate('2022-07-04', '2022-07-04');
    await evaluate('2022-07-12T00:00:00+08:00');
    const list = await items(`unitId=${u.county.id}&requirement=POLICY_INTERPRETATION_LINKED`);
    expect(list.find((i) => i.subjectId === doc.body.id)).toMatchObject({ status: 'met', periodStart: '2022-07-04' });
    expect(list.find((i) => i.subjectId === lone.body.id)).toMatchObject({ status: 'missed', final: true });
    const [task] = await t.dataSource.query('SELECT title FROM task WHERE unit_id = ? AND requirement_code = ?', [u.county.id, 'POLICY_INTERPRETATION_LINKED']);
    expect(task.title).toContain('《甲县另一份通知》');
    clock.set('2022-08-01T02:00:00Z');
  });

  it('expects a duty roster on the last working day before a holiday, from governments and departments', async () => {
    const u = await city();
    await generate('2022-09-30', '2022-09-30');
    const list = await items(`unitId=${u.county.id}&includeSubunits=true&requirement=HOLIDAY_DUTY_ROSTER`);
    expect(list.map((i) => i.unitId).sort()).toEqual([u.county.id, u.dept.id].sort());
    expect(list[0]).toMatchObject({ periodStart: '2022-09-30', periodEnd: '2022-09-30', dueAt: '2022-09-30T16:00:00.000Z' });

    clock.set('2022-09-30T03:00:00Z');
    const filed = await api('post', '/attestations').send({ unitId: u.county.id, holidayStart: '2022-10-01', note: '国庆节值班表：带班领导张三' });
    expect(filed.status).toBe(201);
    clock.set('2022-08-01T02:00:00Z');
    await evaluate('2022-10-01T00:00:00+08:00');
    const judged = Object.fromEntries((await items(`unitId=${u.county.id}&includeSubunits=true&requirement=HOLIDAY_DUTY_ROSTER`)).map((i) => [i.unitId, i.status]));
    expect(judged).toEqual({ [u.county.id]: 'met', [u.dept.id]: 'missed' });
  });

  it('generates nothing for a disabled requirement', async () => {
    const u = await city();
    const site = await channel(u.county, 'website');
    const patch = (enabled: boolean) => t.http().patch('/api/v1/requirements/WEBSITE_DAILY_UPDATE').auth(admin, { type: 'bearer' }).send({ enabled });
    expect((await patch(false)).status).toBe(200);
    try {
      await generate('2022-02-14', '2022-02-14');
      expect(await items(`channelId=${site}`)).toHaveLength(0);
    } finally {
      expect((await patch(true)).status).toBe(200);
    }
  });

  it('lets a supervisor waive an item in scope, audited, and keeps it out of the rate', async () => {
    const u = await city();
    const site = await channel(u.county, 'website');
    await generate('2022-02-21', '2022-02-22');
    await publish(site, '2022-02-21T09:00:00+08:00');
    await evaluate('2022-02-23T00:10:00+08:00');
    const days = byStart(await items(`channelId=${site}`));
    const supervisor = await org.user('supervisor', u.county);
    const operator = await org.user('operator', u.county);
    const outsider = await org.user('supervisor', await org.unit({ kind: 'government', level: 'county' }));

    expect((await api('post', `/checklist-items/${days['2022-02-22'].id}/waive`, operator.token).send({ reason: 'x' })).status).toBe(403);
    expect((await api('post', `/checklist-items/${days['2022-02-22'].id}/waive`, outsider.token).send({ reason: 'x' })).status).toBe(404);
    expect((await api('post', `/checklist-items/${days['2022-02-22'].id}/waive`, supervisor.token).send({ reason: '' })).status).toBe(400);
    const ok = await api('post', `/checklist-items/${days['2022-02-22'].id}/waive`, supervisor.token).send({ reason: '网站改版维护' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'waived', waiveReason: '网站改版维护' });
    expect((await api('post', `/checklist-items/${days['2022-02-22'].id}/waive`, supervisor.token).send({ reason: '再次' })).status).toBe(409);

    // Waived items are not re-judged by later evaluations.
    await evaluate('2022-02-26T00:00:00+08:00');
    expect(byStart(await items(`channelId=${site}`))['2022-02-22'].status).toBe('waived');
    const [audit] = await t.dataSource.query("SELECT actor_id FROM audit_log WHERE action = 'checklist_item.waive' AND entity_id = ?", [String(days['2022-02-22'].id)]);
    expect(audit.actor_id).toBe(supervisor.id);

    const dash = await api('get', `/dashboard/compliance?unitId=${u.city.id}&from=2022-02-21&to=2022-02-22`, admin);
    expect(dash.status).toBe(200);
    const county = dash.body.children.find((c: any) => c.unitId === u.county.id);
    expect(county).toMatchObject({ met: 1, missed: 0, waived: 1, rate: 1 });
  });

  it('scopes the views: an operator of another unit sees nothing of this one', async () => {
    const u = await city();
    const site = await channel(u.county, 'website');
    const deptWx = await channel(u.dept, 'wechat');
    await generate('2022-01-10', '2022-01-10');
    const stranger = await org.user('operator', await org.unit({ kind: 'department', level: 'county' }));
    const deptOperator = await org.user('operator', u.dept);
    const countySupervisor = await org.user('supervisor', u.county);

    expect(await items(`channelId=${site}`, stranger.token)).toHaveLength(0);
    expect((await api('get', `/checklist-items?unitId=${u.county.id}`, stranger.token)).status).toBe(404);
    expect((await api('get', `/units/${u.county.id}/checklist?date=2022-01-10`, stranger.token)).status).toBe(404);
    expect((await api('get', `/dashboard/compliance?unitId=${u.county.id}`, stranger.token)).status).toBe(404);

    // The department's operator sees its own items, not the county's.
    expect(await items(`channelId=${site}`, deptOperator.token)).toHaveLength(0);
    const own = await api('get', `/units/${u.dept.id}/checklist?date=2022-01-10`, deptOperator.token);
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: any) => i.requirementCode).sort()).toEqual(['NEW_MEDIA_SILENT_14_DAYS', 'NEW_MEDIA_TWICE_WEEKLY']);
    expect(own.body.items.every((i: any) => i.channelId === deptWx)).toBe(true);

    // The county's supervisor sees the whole subtree with includeSubunits.
    const subtree = await items(`unitId=${u.county.id}&includeSubunits=true&from=2022-01-10&to=2022-01-10`, countySupervisor.token);
    expect(new Set(subtree.map((i) => i.unitId))).toEqual(new Set([u.county.id, u.dept.id]));
  });

  it('counts compliance per child over its whole subtree and per requirement', async () => {
    const u = await city();
    const countySite = await channel(u.county, 'website');
    const townWx = await channel(u.town, 'wechat');
    await generate('2022-11-07', '2022-11-13');
    await publish(countySite, ...['07', '08', '09', '10', '11', '12'].map((d) => `2022-11-${d}T09:00:00+08:00`));
    await publish(townWx, '2022-11-07T09:00:00+08:00', '2022-11-08T09:00:00+08:00');
    await evaluate('2022-11-16T00:00:00+08:00');
    const res = await api('get', `/dashboard/compliance?unitId=${u.city.id}&from=2022-11-07&to=2022-11-13`);
    expect(res.status).toBe(200);
    // The county's subtree: 6 of 7 website days, the town's week met, 7 silence days met.
    expect(res.body.children).toEqual([expect.objectContaining({ unitId: u.county.id, met: 14, missed: 1, waived: 0, pending: 0, rate: 0.9333 })]);
    expect(res.body.unit).toMatchObject({ id: u.city.id, met: 14, missed: 1 });
    const requirements = Object.fromEntries(res.body.requirements.map((r: any) => [r.code, r]));
    expect(requirements.WEBSITE_DAILY_UPDATE).toMatchObject({ met: 6, missed: 1, title: '政府网站首页信息每天至少更新一次' });
    expect(requirements.NEW_MEDIA_TWICE_WEEKLY).toMatchObject({ met: 1, missed: 0, rate: 1 });
  });
});
