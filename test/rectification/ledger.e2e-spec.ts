import ExcelJS from 'exceljs';
import { rm } from 'node:fs/promises';
import { FixedClock } from '../../src/common/clock';
import { RectificationService } from '../../src/rectification/rectification.service';
import { OrgFixtures, TestUnit, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { api, binary, tempUploadDir } from './rectification-helpers';

const HEADERS = ['单位', '问题', '来源', '发现时间', '整改期限', '状态', '提交时间', '核验时间', '逾期工作日', '退回次数'];

describe('overdue, lists, dashboard, ledger export and checklist misses (e2e)', () => {
  let t: TestApp;
  let clock: FixedClock;
  let uploadDir: string;
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let admin: string;
  let supA: TestUser, opA: TestUser, opB: TestUser, inspector: TestUser;
  const ids: Record<string, number> = {};

  const at = (local: string) => clock.set(new Date(`${local}+08:00`));

  async function finding(unit: TestUnit, foundAt: string, description: string, fields: Record<string, unknown> = {}): Promise<number> {
    const res = await api(t, inspector.token).post('/findings', { unitId: unit.id, category: 'not_updated', source: 'city_check', description, foundAt: `${foundAt}+08:00`, ...fields });
    expect(res.status).toBe(201);
    return res.body.taskId;
  }

  beforeAll(async () => {
    clock = new FixedClock(new Date('2022-10-10T11:00:00+08:00'));
    uploadDir = await tempUploadDir();
    t = await createTestApp({ clock, env: { UPLOAD_DIR: uploadDir } });
    const org = new OrgFixtures(t);
    city = await org.city();
    admin = await t.adminToken();
    supA = await org.user('supervisor', city.countyA);
    opA = await org.user('operator', city.deptA);
    opB = await org.user('operator', city.deptB);
    inspector = await org.user('inspector', city.city);

    // Due 2022-10-01 00:00 (Friday 09-23 + 5 working days: 09-26 … 09-30).
    ids.early = await finding(city.deptA, '2022-09-23T10:00', '=SUM(A1:A9) 首页栏目长期未更新', { category: 'typo' });
    // Due 2022-10-12 00:00 (across the National Day holiday).
    ids.middle = await finding(city.townA, '2022-09-29T10:00', '镇政府网站首页未及时更新');
    // Due 2022-10-18 00:00.
    ids.late = await finding(city.deptA, '2022-10-10T09:00', '政策文件未做解读', { category: 'policy_unlinked' });
    // Submitted on 09-30, before its due time: never overdue.
    ids.submitted = await finding(city.deptA, '2022-09-23T10:00', '互动栏目无回复', { category: 'no_interaction', source: 'self_check' });
    at('2022-09-30T10:00');
    expect((await api(t, opA.token).post(`/tasks/${ids.submitted}/submit`, { note: '已回复' })).status).toBe(200);
    at('2022-10-10T11:00');
    ids.countyB = await finding(city.deptB, '2022-09-23T10:00', '乙县问题');
    ids.cityOwn = await finding(city.city, '2022-09-23T10:00', '市政府门户问题');
  });
  afterAll(async () => {
    await t?.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it('counts overdue working days across the National Day holiday', async () => {
    at('2022-10-07T10:00'); // due 10-01 00:00 has passed, but 10-01 … 10-07 are all holidays
    expect((await api(t, opA.token).get(`/tasks/${ids.early}`)).body).toMatchObject({ overdue: true, overdueDays: 0 });
    at('2022-10-10T10:00'); // 10-08 and 10-09 are make-up working days, 10-10 a Monday
    expect((await api(t, opA.token).get(`/tasks/${ids.early}`)).body).toMatchObject({ overdue: true, overdueDays: 3 });
    expect((await api(t, opA.token).get(`/tasks/${ids.submitted}`)).body).toMatchObject({ overdue: false, overdueDays: 0 });
    at('2022-10-11T23:59');
    expect((await api(t, supA.token).get(`/tasks/${ids.middle}`)).body).toMatchObject({ overdue: false, overdueDays: 0 });
    at('2022-10-12T00:00');
    expect((await api(t, supA.token).get(`/tasks/${ids.middle}`)).body).toMatchObject({ overdue: true, overdueDays: 1 });
  });

  it('filters and sorts the list', async () => {
    at('2022-10-14T10:00');
    const list = (query: string, token = supA.token) => api(t, token).get(`/tasks?unitId=${city.countyA.id}&includeSubunits=true&${query}`);

    const byOverdue = await list('sort=overdueDays');
    expect(byOverdue.status).toBe(200);
    expect(byOverdue.body.total).toBe(4);
    expect(byOverdue.body.items.map((i: any) => [i.id, i.overdueDays])).toEqual([
      [ids.early, 7],
      [ids.middle, 3],
      // Ties (not overdue) by due time.
      [ids.submitted, 0],
      [ids.late, 0],
    ]);
    expect(byOverdue.body.items[1]).toMatchObject({ unitId: city.townA.id, unitName: city.townA.name, status: 'open', source: 'finding', overdue: true, occurrences: 1, version: 1 });

    expect((await list('sort=overdueDays&order=asc')).body.items.map((i: any) => i.id).slice(2)).toEqual([ids.middle, ids.early]);
    expect((await list('overdue=true')).body.items.map((i: any) => i.id)).toEqual([ids.early, ids.middle]);
    expect((await list('overdue=false')).body.items.map((i: any) => i.id).sort()).toEqual([ids.late, ids.submitted].sort());
    expect((await list('status=submitted')).body.items.map((i: any) => i.id)).toEqual([ids.submitted]);
    expect((await list('status=open,submitted&category=not_updated')).body.items.map((i: any) => i.id)).toEqual([ids.middle]);
    expect((await list('sort=dueAt&order=desc&pageSize=2')).body).toMatchObject({ total: 4, page: 1, pageSize: 2, items: [{ id: ids.late }, { id: ids.middle }] });
    expect((await list('dueFrom=2022-10-02&dueTo=2022-10-13')).body.items.map((i: any) => i.id)).toEqual([ids.middle]);
    expect((await list('source=checklist')).body.total).toBe(0);
    // Without includeSubunits: the unit's own tasks only.
    expect((await api(t, supA.token).get(`/tasks?unitId=${city.deptA.id}`)).body.total).toBe(3);
    // Scope: an operator sees their unit only; a filter on a unit outside the scope is a 404.
    expect((await api(t, opA.token).get('/tasks')).body.items.every((i: any) => i.unitId === city.deptA.id)).toBe(true);
    expect((await api(t, opB.token).get(`/tasks?unitId=${city.countyA.id}&includeSubunits=true`)).status).toBe(404);
    expect((await api(t, supA.token).get('/tasks?status=nonsense')).status).toBe(400);
  });

  it('counts open, overdue and submitted tasks per child unit for the drill-down', async () => {
    at('2022-10-14T10:00');
    const city_ = await api(t, admin).get(`/dashboard/overdue?unitId=${city.city.id}`);
    expect(city_.status).toBe(200);
    expect(city_.body).toEqual([
      { unitId: city.city.id, unitName: city.city.name, self: true, open: 1, overdue: 1, submitted: 0 },
      { unitId: city.countyA.id, unitName: city.countyA.name, self: false, open: 3, overdue: 2, submitted: 1 },
      { unitId: city.countyB.id, unitName: city.countyB.name, self: false, open: 1, overdue: 1, submitted: 0 },
    ]);
    const county = await api(t, supA.token).get('/dashboard/overdue');
    expect(county.body).toEqual([
      { unitId: city.countyA.id, unitName: city.countyA.name, self: true, open: 0, overdue: 0, submitted: 0 },
      { unitId: city.deptA.id, unitName: city.deptA.name, self: false, open: 2, overdue: 1, submitted: 1 },
      { unitId: city.townA.id, unitName: city.townA.name, self: false, open: 1, overdue: 1, submitted: 0 },
    ]);
    expect((await api(t, supA.token).get(`/dashboard/overdue?unitId=${city.city.id}`)).status).toBe(404);
  });

  it('exports the ledger as XLSX, checked cell by cell, with formulas neutralised', async () => {
    at('2022-10-14T10:00');
    const res = await api(t, supA.token).get(`/tasks/export?format=xlsx&unitId=${city.countyA.id}&includeSubunits=true&sort=overdueDays`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('整改台账-20221014.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.worksheets[0];
    const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows).toEqual([
      HEADERS,
      [city.deptA.name, "'=SUM(A1:A9) 首页栏目长期未更新", '市级检查', '2022-09-23 10:00', '2022-09-30 24:00', '待整改', '', '', 7, 0],
      [city.townA.name, '镇政府网站首页未及时更新', '市级检查', '2022-09-29 10:00', '2022-10-11 24:00', '待整改', '', '', 3, 0],
      [city.deptA.name, '互动栏目无回复', '自查', '2022-09-23 10:00', '2022-09-30 24:00', '待核验', '2022-09-30 10:00', '', 0, 0],
      [city.deptA.name, '政策文件未做解读', '市级检查', '2022-10-10 09:00', '2022-10-17 24:00', '待整改', '', '', 0, 0],
    ]);
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
  });

  it('exports the same ledger as CSV with a BOM', async () => {
    at('2022-10-14T10:00');
    const res = await api(t, supA.token).get(`/tasks/export?format=csv&unitId=${city.countyA.id}&includeSubunits=true&overdue=true&sort=overdueDays`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.body.subarray(3).toString('utf8').split('\r\n')).toEqual([
      HEADERS.join(','),
      `${city.deptA.name},'=SUM(A1:A9) 首页栏目长期未更新,市级检查,2022-09-23 10:00,2022-09-30 24:00,待整改,,,7,0`,
      `${city.townA.name},镇政府网站首页未及时更新,市级检查,2022-09-29 10:00,2022-10-11 24:00,待整改,,,3,0`,
      '',
    ]);
    // The operator of another county exports nothing of county A.
    const other = await api(t, opB.token).get('/tasks/export?format=csv').buffer(true).parse(binary);
    expect(other.body.toString('utf8')).not.toContain('首页栏目');
  });

  describe('checklist misses (internal API)', () => {
    let service: RectificationService;
    let channelId: number;
    let code: string;
    let itemBase: number;
    const miss = (item: number, fields: Partial<Parameters<RectificationService['recordChecklistMisses']>[0][0]> = {}) => ({
      requirementCode: code,
      unitId: city.deptB.id,
      channelId,
      checklistItemId: itemBase + item,
      periodStart: `2022-10-0${item}`,
      periodEnd: `2022-10-0${item}`,
      wording: { subject: '乙县交通(微信公众号)', rule: '每天更新', countSuffix: '天未达标', summary: `2022-10-0${item} 无更新` },
      veto: false,
      category: 'not_updated',
      ...fields,
    });

    beforeAll(async () => {
      service = t.app.get(RectificationService);
      const channel = await api(t, admin).post('/channels', { unitId: city.deptB.id, kind: 'wechat', name: '乙县交通' });
      channelId = channel.body.id;
      code = `REQ_${t.uid()}`;
      itemBase = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
    });

    const tasksOf = async () => (await api(t, admin).get(`/tasks?requirement=${code}&sort=dueAt`)).body.items;

    it('groups misses of one (requirement, channel) into one task, idempotently, and opens a new one after acceptance', async () => {
      at('2022-10-10T11:00');
      const detectedAt = new Date('2022-10-10T02:00:00Z');
      expect(await service.recordChecklistMisses([miss(1), miss(2)], detectedAt)).toEqual({ created: 1, extended: 0 });
      let tasks = await tasksOf();
      expect(tasks).toHaveLength(1);
      // 3 working days after 2022-10-10: 10-11, 10-12, 10-13 → due 10-14 00:00.
      expect(tasks[0]).toMatchObject({ source: 'checklist', requirementCode: code, channelId, unitId: city.deptB.id, occurrences: 2, status: 'open', dueAt: '2022-10-13T16:00:00.000Z' });
      const first = tasks[0].id;

      expect(await service.recordChecklistMisses([miss(1), miss(2)], detectedAt)).toEqual({ created: 0, extended: 0 });
      expect(await service.recordChecklistMisses([miss(2), miss(3)], detectedAt)).toEqual({ created: 0, extended: 1 });
      // No channel: the key is (requirement, unit), a task of its own.
      expect(await service.recordChecklistMisses([miss(4, { channelId: null })], detectedAt)).toEqual({ created: 1, extended: 0 });
      tasks = await tasksOf();
      expect(tasks.map((x: any) => [x.channelId, x.occurrences])).toEqual([
        [channelId, 3],
        [null, 1],
      ]);
      // The title follows the misses: the span from the first to the latest, how many, and the latest one.
      expect(tasks[0].title).toBe('乙县交通(微信公众号) 每天更新：2022-10-01 至 10-03 共 3 天未达标；最近 2022-10-03 无更新');
      expect(tasks[1].title).toBe('乙县交通(微信公众号) 每天更新：2022-10-04 无更新');
      // A miss recorded late (an older period) changes the span and the count, not the latest miss.
      await service.recordChecklistMisses([miss(7, { periodStart: '2022-09-28', periodEnd: '2022-09-28', wording: { ...miss(7).wording, summary: '2022-09-28 无更新' } })], detectedAt);
      expect((await tasksOf())[0].title).toBe('乙县交通(微信公众号) 每天更新：2022-09-28 至 10-03 共 4 天未达标；最近 2022-10-03 无更新');
      // The ledger: 发现时间 is the first miss (24:00 of its day), not when the task was opened; 来源 as the list says it.
      const ledger = await api(t, admin).get(`/tasks/export?format=csv&requirement=${code}&sort=dueAt`).buffer(true).parse(binary);
      expect(ledger.body.subarray(3).toString('utf8').split('\r\n')[1]).toBe(
        `${city.deptB.name},乙县交通(微信公众号) 每天更新：2022-09-28 至 10-03 共 4 天未达标；最近 2022-10-03 无更新,清单未达标,2022-09-28 24:00,2022-10-13 24:00,待整改,,,0,0`,
      );
      const detail = (await api(t, opB.token).get(`/tasks/${first}`)).body;
      expect(detail.occurrenceList.map((o: any) => [o.checklistItemId, o.periodStart])).toEqual([
        [itemBase + 7, '2022-09-28'],
        [itemBase + 1, '2022-10-01'],
        [itemBase + 2, '2022-10-02'],
        [itemBase + 3, '2022-10-03'],
      ]);
      expect(detail.occurrenceList.map((o: any) => o.summary)).toEqual(['2022-09-28 无更新', '2022-10-01 无更新', '2022-10-02 无更新', '2022-10-03 无更新']);
      expect(detail.history).toEqual([expect.objectContaining({ from: null, to: 'open', by: 'system' })]);

      // Submitted is still active: a new miss joins it.
      expect((await api(t, opB.token).post(`/tasks/${first}/submit`, { note: '已更新' })).status).toBe(200);
      expect(await service.recordChecklistMisses([miss(5)], detectedAt)).toEqual({ created: 0, extended: 1 });
      expect((await api(t, admin).post(`/tasks/${first}/accept`)).status).toBe(200);
      // Once accepted, the next miss opens a new task; an item already recorded never does.
      expect(await service.recordChecklistMisses([miss(1)], detectedAt)).toEqual({ created: 0, extended: 0 });
      expect(await service.recordChecklistMisses([miss(6)], detectedAt)).toEqual({ created: 1, extended: 0 });
      tasks = await tasksOf();
      expect(tasks.filter((x: any) => x.channelId === channelId).map((x: any) => [x.status, x.occurrences])).toEqual([
        ['accepted', 5],
        ['open', 1],
      ]);
    });
  });

  it('marks 单项否决 tasks and lists them first, whatever the sort', async () => {
    const org = new OrgFixtures(t);
    const county = await org.unit({ parent: city.city, kind: 'government', level: 'county', name: '丁县人民政府' });
    at('2022-10-10T11:00');
    const early = await finding(county, '2022-09-26T10:00', '丁县网站首页未更新');
    const veto = await finding(county, '2022-10-10T09:00', '丁县政务微博连续两周无更新', { severity: 'veto' });
    const late = await finding(county, '2022-10-10T10:00', '丁县错别字');
    at('2022-10-14T10:00');
    for (const query of ['sort=dueAt', 'sort=dueAt&order=desc', 'sort=overdueDays']) {
      const res = await api(t, admin).get(`/tasks?unitId=${county.id}&${query}`);
      expect(res.body.items.map((i: any) => [i.id, i.veto])).toEqual(
        query === 'sort=dueAt&order=desc'
          ? [[veto, true], [late, false], [early, false]]
          : [[veto, true], [early, false], [late, false]],
      );
    }
    expect((await api(t, admin).get(`/tasks/${veto}`)).body).toMatchObject({ veto: true, findingSource: 'city_check' });
  });

  it('computes on-time, first-pass and days-to-rectify figures per unit', async () => {
    const org = new OrgFixtures(t);
    const county = await org.unit({ parent: city.city, kind: 'government', level: 'county', name: '丙县人民政府' });
    const dept = await org.unit({ parent: county, kind: 'department', level: 'county', name: '丙县教育局' });
    const sup = await org.user('supervisor', county);
    at('2022-09-23T11:00');
    const onTime = await finding(dept, '2022-09-23T10:00', '按期整改');
    const late = await finding(dept, '2022-09-23T10:00', '逾期整改');
    await finding(dept, '2022-09-23T10:00', '未整改');
    at('2022-09-26T11:00');
    for (const id of [onTime, late]) expect((await api(t, sup.token).post(`/tasks/${id}/submit`, { note: '已整改' })).status).toBe(200);
    at('2022-09-27T11:00');
    expect((await api(t, sup.token).post(`/tasks/${onTime}/accept`)).status).toBe(200);
    expect((await api(t, sup.token).post(`/tasks/${late}/reject`, { reason: '不到位' })).status).toBe(200);
    at('2022-10-10T11:00');
    expect((await api(t, sup.token).post(`/tasks/${late}/submit`, { note: '再次整改' })).status).toBe(200);
    at('2022-10-11T11:00');
    expect((await api(t, sup.token).post(`/tasks/${late}/accept`)).status).toBe(200);

    const res = await api(t, sup.token).get(`/dashboard/rectification-figures?from=2022-09-01&to=2022-10-31`);
    expect(res.status).toBe(200);
    const expected = { tasks: 3, onTimeRate: 0.3333, accepted: 2, firstPassRate: 0.5, averageDaysToRectify: 11 };
    expect(res.body).toEqual([
      { unitId: county.id, unitName: '丙县人民政府', ...expected },
      { unitId: dept.id, unitName: '丙县教育局', ...expected },
    ]);
    const empty = await api(t, sup.token).get(`/dashboard/rectification-figures?from=2021-01-01&to=2021-01-31`);
    expect(empty.body[0]).toMatchObject({ tasks: 0, onTimeRate: null, firstPassRate: null, averageDaysToRectify: null });
  });
});
