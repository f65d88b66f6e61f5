import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../../src/common/clock';
import { parseCsv } from '../../src/common/csv';
import { OrgFixtures, TestUnit, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { binary, readDocx, readXlsx, sheetRows } from './report-files';

const FIXTURES = join(__dirname, 'fixtures');
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The source report's statistics (赣州市政务公开工作月报 2022年第7期): 36 city departments and
// management committees, 18 counties, and the totals the report prints.
const SOURCE = parseCsv(readFileSync(join(FIXTURES, 'ganzhou-disclosure-2022-07.csv')), ['unit_code', 'unit_name', 'month', 'cumulative_total', 'month_count'], ['application_count']).map(
  (r) => r.values,
);
const SOURCE_COUNTIES = SOURCE.filter((r) => /^GZ-C\d+$/.test(r.unit_code));
const SOURCE_DEPARTMENTS = SOURCE.filter((r) => !/^GZ-C\d+$/.test(r.unit_code));
const fmt = (n: number | string) => Number(n).toLocaleString('en-US');

describe('disclosure statistics and the monthly report (政务公开月报)', () => {
  // Generated on 2022-08-03 local: July is over, August is the current month.
  const clock = new FixedClock(new Date('2022-08-03T10:00:00+08:00'));
  let t: TestApp;
  let admin: string;
  let gzId: number;
  let idByCode: Map<string, number>;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).auth(token, { type: 'bearer' }),
    file: (path: string) => t.http().get(`/api/v1${path}`).auth(token, { type: 'bearer' }).buffer(true).parse(binary),
    post: (path: string, body?: object) => t.http().post(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    upload: (path: string, body: Buffer | string, type = 'text/csv') => t.http().post(`/api/v1${path}`).auth(token, { type: 'bearer' }).set('Content-Type', type).send(Buffer.from(body)),
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.adminToken();
    // Unit codes are global in the worker's database: the demo test may have imported the same
    // city already, and importing again updates it by code.
    const units = await as(admin).upload('/units/import', readFileSync(join(FIXTURES, 'ganzhou-units.csv')));
    expect(units.status).toBe(201);
    const rows: { id: number; code: string }[] = await t.dataSource.query("SELECT id, code FROM unit WHERE code LIKE 'GZ%'");
    idByCode = new Map(rows.map((r) => [r.code, Number(r.id)]));
    gzId = idByCode.get('GZ')!;
  });
  afterAll(async () => t?.close());

  describe('the source report’s statistics for 赣州市', () => {
    let report: any;

    beforeAll(async () => {
      // As Excel on Chinese Windows saves it: GB18030.
      const gb = iconv.encode(readFileSync(join(FIXTURES, 'ganzhou-disclosure-2022-07.csv'), 'utf8'), 'gb18030');
      const res = await as(admin).upload('/disclosure-stats/import', gb);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ imported: 54, months: ['2022-07'] });
      const got = await as(admin).get(`/reports/monthly?month=2022-07&unitId=${gzId}`);
      expect(got.status).toBe(200);
      report = got.body;
    });

    it('lists every city department with the source report’s figures, in display order, and its totals 173,364 and 1,452', () => {
      expect(report.month).toBe('2022-07');
      expect(report.unit).toMatchObject({ id: gzId, name: '赣州市人民政府' });
      expect(report.disclosure.cityDepartments.rows).toEqual(
        SOURCE_DEPARTMENTS.map((r) => ({ unitId: idByCode.get(r.unit_code), unitName: r.unit_name, cumulativeTotal: Number(r.cumulative_total), monthCount: Number(r.month_count) })),
      );
      expect(report.disclosure.cityDepartments.total).toEqual({ cumulativeTotal: 173364, monthCount: 1452 });
    });

    it('lists every county with the source report’s figures and its totals 5,891,293, 46,372 and 23', () => {
      expect(report.disclosure.counties.rows).toEqual(
        SOURCE_COUNTIES.map((r) => ({
          unitId: idByCode.get(r.unit_code),
          unitName: r.unit_name,
          cumulativeTotal: Number(r.cumulative_total),
          monthCount: Number(r.month_count),
          applicationCount: Number(r.application_count),
        })),
      );
      expect(report.disclosure.counties.total).toEqual({ cumulativeTotal: 5891293, monthCount: 46372, applicationCount: 23 });
    });

    it('states the city’s disclosures on record, split between county and city level', () => {
      expect(report.basic).toMatchObject({ cumulativeTotal: 6064657, countyLevelTotal: 5891293, cityLevelTotal: 173364, monthCount: 47824 });
      expect(report.issue).toBe('2022年第7期');
      expect(report.generatedOn).toBe('2022-08-03');
      expect(report.notes.join()).not.toContain('政务公开数据');
      expect(Object.keys(report.channels.byKind)).toEqual(['wechat', 'weibo', 'douyin', 'toutiao', 'app', 'other']);
    });

    it('writes a DOCX laid out like an official document, with the two tables and their totals', async () => {
      const res = await as(admin).file(`/reports/monthly?month=2022-07&unitId=${gzId}&format=docx`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml.document');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('赣州市政务公开工作月报-2022-07.docx'));
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'monthly-report-ganzhou-2022-07.docx'), res.body);

      const docx = await readDocx(res.body);
      expect(docx.paragraphs[0]).toBe('赣州市政务公开工作月报');
      expect(docx.paragraphs[1]).toBe('2022年第7期');
      expect(docx.paragraphs[2]).toBe('赣州市政务公开办2022年8月3日');
      expect(docx.xml).toMatch(/赣州市政务公开办<\/w:t>[\s\S]*?<w:tab\/>/);
      const order = ['一、基本情况', '二、发现的问题', '三、各单位合规情况', '四、逾期整改任务', '五、政务公开数据统计'].map((h) => docx.paragraphs.indexOf(h));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(docx.paragraphs.join('\n')).toContain('累计主动公开政府信息6,064,657条，其中县级5,891,293条、市级173,364条');
      for (const face of ['仿宋_GB2312', '黑体', '方正小标宋简体']) expect(docx.xml).toContain(`w:eastAsia="${face}"`);
      // A4, margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (in twips).
      expect(docx.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(docx.xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      expect(docx.xml).toContain('<w:tblBorders>');

      const departments = docx.tables.find((tbl) => tbl[0].join('|') === '责任单位|累计总条数|本月发布数|备注')!;
      expect(departments.slice(1, -1)).toEqual(SOURCE_DEPARTMENTS.map((r) => [r.unit_name, fmt(r.cumulative_total), fmt(r.month_count), '']));
      expect(departments.at(-1)).toEqual(['合计', '173,364', '1,452', '']);
      const counties = docx.tables.find((tbl) => tbl[0].join('|') === '责任单位|主动公开总数|其中本月公开数|本月依申请公开数')!;
      expect(counties.slice(1, -1)).toEqual(SOURCE_COUNTIES.map((r) => [r.unit_name, fmt(r.cumulative_total), fmt(r.month_count), r.application_count]));
      expect(counties.at(-1)).toEqual(['合计', '5,891,293', '46,372', '23']);
      // The disclosure tables come after their heading.
      expect(docx.paragraphs.indexOf('五、政务公开数据统计')).toBeLessThan(docx.paragraphs.indexOf('合计', docx.paragraphs.indexOf('责任单位')));
    });

    it('writes an XLSX with one sheet per table, headers, totals and column widths', async () => {
      const res = await as(admin).file(`/reports/monthly?month=2022-07&unitId=${gzId}&format=xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
      const workbook = await readXlsx(res.body);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['市直部门', '县（市、区）', '发现的问题', '合规情况']);
      const departments = sheetRows(workbook, '市直部门');
      expect(departments[0]).toEqual(['责任单位', '累计总条数', '本月发布数', '备注']);
      expect(departments.slice(1, -1).map((r) => r.slice(0, 3))).toEqual(SOURCE_DEPARTMENTS.map((r) => [r.unit_name, Number(r.cumulative_total), Number(r.month_count)]));
      expect(departments.at(-1)!.slice(0, 3)).toEqual(['合计', 173364, 1452]);
      const counties = sheetRows(workbook, '县（市、区）');
      expect(counties[0]).toEqual(['责任单位', '主动公开总数', '其中本月公开数', '本月依申请公开数']);
      expect(counties.slice(1, -1)).toEqual(SOURCE_COUNTIES.map((r) => [r.unit_name, Number(r.cumulative_total), Number(r.month_count), Number(r.application_count)]));
      expect(counties.at(-1)).toEqual(['合计', 5891293, 46372, 23]);
      expect(workbook.getWorksheet('市直部门')!.getColumn(1).width).toBeGreaterThanOrEqual(30);
      expect(sheetRows(workbook, '发现的问题')[0]).toEqual(['问题类别', '单位', '载体', '问题', '次数', '来源']);
    });

    it('reports a month without statistics with a note instead of failing', async () => {
      const res = await as(admin).get(`/reports/monthly?month=2022-06&unitId=${gzId}`);
      expect(res.status).toBe(200);
      expect(res.body.notes.join()).toContain('2022年6月尚无政务公开数据统计');
      expect(res.body.disclosure.cityDepartments.total).toEqual({ cumulativeTotal: 0, monthCount: 0 });
      expect(res.body.disclosure.counties.rows).toHaveLength(18);
      expect(res.body.disclosure.counties.rows.every((r: any) => r.cumulativeTotal === null)).toBe(true);
      const docx = await readDocx((await as(admin).file(`/reports/monthly?month=2022-06&unitId=${gzId}&format=docx`)).body);
      expect(docx.paragraphs.join()).toContain('尚无政务公开数据统计');
      expect(docx.tables.find((tbl) => tbl[0][0] === '责任单位' && tbl[0][3] === '备注')!.slice(1, -1).every((r) => r[3] === '未报送')).toBe(true);
    });

    it('lists the imported figures, filtered by month and unit', async () => {
      const res = await as(admin).get(`/disclosure-stats?month=2022-07&unitId=${gzId}&includeSubunits=true&pageSize=100`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(54);
      const one = await as(admin).get(`/disclosure-stats?month=2022-07&unitId=${idByCode.get('GZ-C04')}`);
      expect(one.body.items).toEqual([expect.objectContaining({ unitCode: 'GZ-C04', unitName: '信丰县', month: '2022-07', cumulativeTotal: 433440, monthCount: 5896, applicationCount: 4 })]);
    });
  });

  describe('a test city: channels, checklist items, findings and tasks', () => {
    let org: OrgFixtures;
    let city: Awaited<ReturnType<OrgFixtures['city']>>;
    let deptC: TestUnit;
    let supCity: TestUser;
    let supA: TestUser;
    let opA: TestUser;
    let inspector: TestUser;
    const channel: Record<string, number> = {};
    let report: any;

    const item = (requirement: string, unitId: number, channelId: number | null, start: string, end: string, status: string, final: boolean, subjectId?: number) =>
      t.dataSource.query(
        `INSERT INTO checklist_item (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params, observed, status, final)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '{}', 0, ?, ?)`,
        [requirement, channelId ? 'channel' : 'policy_document', subjectId ?? channelId, unitId, channelId, start, end, start, new Date(`${end}T16:00:00Z`), new Date(`${end}T16:00:00Z`), status, final ? 1 : 0],
      );

    beforeAll(async () => {
      org = new OrgFixtures(t);
      city = await org.city();
      deptC = await org.unit({ parent: city.city, kind: 'department', level: 'city', name: '测试市交通运输局', shortName: '市交通局' });
      supCity = await org.user('supervisor', city.city);
      supA = await org.user('supervisor', city.countyA);
      opA = await org.user('operator', city.deptA);
      inspector = await org.user('inspector', city.city);
      const mk = async (key: string, unit: TestUnit, kind: string, name: string, platformLabel?: string) => {
        const res = await as(admin).post('/channels', { unitId: unit.id, kind, name, platformLabel });
        expect(res.status).toBe(201);
        channel[key] = res.body.id;
      };
      await mk('website', city.countyA, 'website', '甲县人民政府网');
      await mk('wechat', city.deptA, 'wechat', '甲县交通', '微信订阅号');
      await mk('douyin', city.deptB, 'douyin', '乙县交通');
      await mk('weibo', city.townA, 'weibo', '某镇发布');
      await mk('closed', city.countyB, 'wechat', '乙县旧号');
      expect((await as(admin).patch(`/channels/${channel.closed}`, { active: false })).status).toBe(200);

      for (const [start, end, status] of [
        ['2022-07-04', '2022-07-10', 'missed'],
        ['2022-07-11', '2022-07-17', 'missed'],
        ['2022-07-18', '2022-07-24', 'met'],
        ['2022-06-27', '2022-07-03', 'missed'],
      ]) {
        await item('NEW_MEDIA_TWICE_WEEKLY', city.deptA.id, channel.wechat, start, end, status, true);
      }
      for (const day of ['01', '02', '03', '04', '05']) await item('WEBSITE_DAILY_UPDATE', city.countyA.id, channel.website, `2022-07-${day}`, `2022-07-${day}`, day === '03' ? 'missed' : 'met', true);
      await item('WEBSITE_DAILY_UPDATE', city.countyA.id, channel.website, '2022-07-31', '2022-07-31', 'pending', false);
      await item('NEW_MEDIA_TWICE_WEEKLY', city.deptB.id, channel.douyin, '2022-07-04', '2022-07-10', 'waived', true);
      await item('NEW_MEDIA_TWICE_WEEKLY', city.deptB.id, channel.douyin, '2022-07-25', '2022-07-31', 'missed', false);
      await item('NEW_MEDIA_TWICE_WEEKLY', city.townA.id, channel.weibo, '2022-08-01', '2022-08-07', 'missed', true);
      await item('POLICY_INTERPRETATION_LINKED', city.countyB.id, null, '2022-07-12', '2022-07-15', 'missed', true, 900_000_000 + city.countyB.id);

      // Findings, each opening a task due 5 working days after its discovery.
      const finding = async (at: string, body: object) => {
        clock.set(at);
        const res = await as(admin).post('/findings', body);
        expect(res.status).toBe(201);
        return res.body;
      };
      await finding('2022-07-10T09:00:00+08:00', { unitId: city.deptB.id, channelId: channel.douyin, category: 'typo', description: '乙县交通(抖音) 存在错敏字', foundAt: '2022-07-10T09:00:00+08:00', source: 'city_check' });
      const noInteraction = await finding('2022-07-08T09:00:00+08:00', { unitId: city.countyA.id, category: 'no_interaction', description: '甲县人民政府网无有效互动渠道', foundAt: '2022-07-08T09:00:00+08:00', source: 'national_check' });
      await finding('2022-07-28T09:00:00+08:00', { unitId: city.deptA.id, category: 'other', description: '甲县交通局政务公开专区栏目不全', foundAt: '2022-07-28T09:00:00+08:00', source: 'city_check' });
      await finding('2022-08-01T09:00:00+08:00', { unitId: city.deptA.id, category: 'typo', description: '八月发现的问题', foundAt: '2022-08-01T09:00:00+08:00', source: 'city_check' });
      // Closed after the month ended: at 24:00 on 31 July it was still open and overdue.
      clock.set('2022-08-02T09:00:00+08:00');
      const cancelled = await as(admin).post(`/tasks/${noInteraction.taskId}/cancel`, { reason: '重复登记' });
      expect(cancelled.status).toBe(200);
      clock.set('2022-08-03T10:00:00+08:00');

      const res = await as(supCity.token).get('/reports/monthly?month=2022-07');
      expect(res.status).toBe(200);
      report = res.body;
    });

    it('reports the caller’s unit by default and counts the active channels monitored by kind', () => {
      expect(report.unit).toMatchObject({ id: city.city.id, name: '测试市人民政府' });
      expect(report.channels).toEqual({ websites: 1, newMedia: 3, byKind: { wechat: 1, weibo: 1, douyin: 1, toutiao: 0, app: 0, other: 0 } });
    });

    it('rates sampling as the channels with an item in the month over the channels monitored', () => {
      expect(report.basic).toMatchObject({ channelsMonitored: 4, channelsSampled: 3, samplingRate: 0.75, met: 5, missed: 4 });
    });

    it('names each problem once per requirement and channel, grouped by category, with findings of the month', () => {
      expect(report.problems.map((p: any) => [p.category, p.subject, p.source, p.count])).toEqual([
        ['not_updated', '甲县人民政府网(网站)', 'checklist', 1],
        ['not_updated', '甲县交通(微信订阅号)', 'checklist', 2],
        ['typo', '乙县交通(抖音)', 'finding', 1],
        ['no_interaction', '甲县人民政府', 'finding', 1],
        ['policy_unlinked', '乙县人民政府', 'checklist', 1],
        ['other', '甲县交通运输局', 'finding', 1],
      ]);
      expect(report.problems[1]).toMatchObject({
        requirementCode: 'NEW_MEDIA_TWICE_WEEKLY',
        unitName: '甲县交通运输局',
        channelName: '甲县交通',
        channelKind: 'wechat',
        text: '甲县交通(微信订阅号)每周更新少于2次（2周）',
      });
      expect(report.problems[2]).toMatchObject({ text: '乙县交通(抖音) 存在错敏字', channelKind: 'douyin' });
      expect(report.problems[2]).not.toHaveProperty('requirementCode');
      expect(report.problems[4]).not.toHaveProperty('channelName');
    });

    it('rates compliance per child unit over the final items of its whole subtree', () => {
      expect(report.compliance).toEqual([
        { unitId: city.countyA.id, unitName: '甲县人民政府', met: 5, missed: 3, rate: 0.625, waived: 0 },
        { unitId: city.countyB.id, unitName: '乙县人民政府', met: 0, missed: 1, rate: 0, waived: 1 },
        { unitId: deptC.id, unitName: '市交通局', met: 0, missed: 0, rate: null, waived: 0 },
      ]);
    });

    it('counts the tasks overdue at the month’s end, including one closed after it', () => {
      expect(report.overdueTasks).toBe(2);
      // Both were due at 24:00 on 15 July; the earlier task first.
      expect(report.overdueTaskList.map((x: any) => [x.unitName, x.title, x.dueDate, x.overdueWorkingDays])).toEqual([
        ['乙县交通运输局', expect.stringContaining('乙县交通(抖音) 存在错敏字'), '2022-07-15', 10],
        ['甲县人民政府', expect.stringContaining('甲县人民政府网无有效互动渠道'), '2022-07-15', 10],
      ]);
      expect(report.asOfDate).toBe('2022-07-31');
    });

    it('shows the same content in the DOCX: problems by category, compliance and overdue tasks', async () => {
      const res = await as(supCity.token).file('/reports/monthly?month=2022-07&format=docx');
      expect(res.status).toBe(200);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'monthly-report-test-city-2022-07.docx'), res.body);
      const docx = await readDocx(res.body);
      const text = docx.paragraphs.join('\n');
      expect(text).toContain('（一）未及时更新（2个）');
      expect(text).toContain('甲县人民政府网(网站)首页信息未每天更新（1天）；甲县交通(微信订阅号)每周更新少于2次（2周）。');
      expect(text).toContain('（二）存在错敏字（1个）');
      expect(text).toContain('截至2022年7月31日，逾期未完成的整改任务共2项。');
      const compliance = docx.tables.find((tbl) => tbl[0].join('|') === '单位|达标项|未达标项|合规率')!;
      expect(compliance.slice(1)).toEqual([
        ['甲县人民政府', '5', '3', '62.5%'],
        ['乙县人民政府', '0', '1', '0.0%'],
        ['市交通局', '0', '0', '—'],
        ['合计', '5', '4', '55.6%'],
      ]);
      const overdue = docx.tables.find((tbl) => tbl[0].join('|') === '单位|整改任务|整改期限|逾期工作日')!;
      expect(overdue.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
        ['乙县交通运输局', '2022年7月15日', '10'],
        ['甲县人民政府', '2022年7月15日', '10'],
      ]);
    });

    it('imports CSV and XLSX, replaces a month on re-import, and neutralises formula-like names in the XLSX', async () => {
      const csv = `unit_code,unit_name,month,cumulative_total,month_count,application_count\n${city.countyA.code},甲县,2022-07,1000,10,1\n${deptC.code},=1+1,2022-07,500,5,\n`;
      expect((await as(supCity.token).upload('/disclosure-stats/import', csv)).body).toEqual({ imported: 2, months: ['2022-07'] });
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('统计');
      sheet.addRow(['unit_code', 'unit_name', 'month', 'cumulative_total', 'month_count', 'application_count']);
      sheet.addRow([city.countyA.code, '甲县', '2022-07', 1200, 12, 2]);
      sheet.addRow([city.countyB.code, '乙县', '2022-06', 800, 8, 0]);
      const xlsx = await as(supCity.token).upload('/disclosure-stats/import', Buffer.from(await workbook.xlsx.writeBuffer()), XLSX_TYPE);
      expect(xlsx.status).toBe(201);
      expect(xlsx.body).toEqual({ imported: 2, months: ['2022-06', '2022-07'] });

      const listed = await as(supCity.token).get(`/disclosure-stats?month=2022-07&unitId=${city.countyA.id}`);
      expect(listed.body.items).toEqual([expect.objectContaining({ cumulativeTotal: 1200, monthCount: 12, applicationCount: 2 })]);
      const json = (await as(supCity.token).get('/reports/monthly?month=2022-07')).body;
      expect(json.disclosure.counties.rows).toEqual([
        { unitId: city.countyA.id, unitName: '甲县人民政府', cumulativeTotal: 1200, monthCount: 12, applicationCount: 2 },
        { unitId: city.countyB.id, unitName: '乙县人民政府', cumulativeTotal: null, monthCount: null, applicationCount: null },
      ]);
      expect(json.disclosure.cityDepartments.rows).toEqual([{ unitId: deptC.id, unitName: '市交通局', cumulativeTotal: 500, monthCount: 5 }]);
      expect(json.notes.join()).toContain('以下单位未报送2022年7月政务公开数据：乙县人民政府');

      await t.dataSource.query('UPDATE unit SET short_name = ? WHERE id = ?', ['=1+2', deptC.id]);
      const file = await as(supCity.token).file('/reports/monthly?month=2022-07&format=xlsx');
      expect(sheetRows(await readXlsx(file.body), '市直部门')[1][0]).toBe("'=1+2");
      const audit = await t.dataSource.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'disclosure_stat.replace' AND entity_id = ?", [`${city.countyA.id}/2022-07`]);
      expect(Number(audit[0].n)).toBe(1);
    });

    it('refuses a bad file naming every bad row, and writes nothing', async () => {
      const before = (await as(admin).get(`/disclosure-stats?unitId=${city.city.id}&includeSubunits=true`)).body.total;
      const csv = [
        'unit_code,unit_name,month,cumulative_total,month_count,application_count',
        `${city.deptA.code},甲县交通运输局,2022-07,10,1,`,
        `NO-SUCH-UNIT,x,2022-07,1,1,`,
        `${city.countyB.code},乙县,2022-07,1,1,`,
        `${city.townA.code},x,2022-7,1,1,`,
        `${city.townA.code},x,2022-09,1,1,`,
        `${city.deptA.code},x,2022-06,-3,1.5,`,
        `${city.deptA.code},x,2022-07,10,1,`,
      ].join('\n');
      const res = await as(supA.token).upload('/disclosure-stats/import', csv);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([
        '第 3 行：unit_code NO-SUCH-UNIT 不存在或不在您的管理范围内',
        `第 4 行：unit_code ${city.countyB.code} 不存在或不在您的管理范围内`,
        '第 5 行：month "2022-7" 必须是月份，格式 YYYY-MM，如 2022-07',
        '第 6 行：month 2022-09 晚于本月（2022-08），不能导入未来月份的数据',
        '第 7 行：cumulative_total "-3" 必须是非负整数；month_count "1.5" 必须是非负整数',
        `第 8 行：单位 ${city.deptA.code} 的 2022-07 数据与第 2 行重复`,
      ]);
      expect((await as(admin).get(`/disclosure-stats?unitId=${city.city.id}&includeSubunits=true`)).body.total).toBe(before);
    });

    it('lets only admins and supervisors import', async () => {
      const csv = `unit_code,unit_name,month,cumulative_total,month_count,application_count\n${city.deptA.code},x,2022-07,1,1,\n`;
      expect((await as(opA.token).upload('/disclosure-stats/import', csv)).status).toBe(403);
      expect((await as(inspector.token).upload('/disclosure-stats/import', csv)).status).toBe(403);
    });

    it('refuses a future month with 400, a malformed month with 400 and a unit outside the scope with 404', async () => {
      const future = await as(supCity.token).get('/reports/monthly?month=2022-09');
      expect(future.status).toBe(400);
      expect(JSON.stringify(future.body.message)).toContain('晚于本月');
      expect((await as(supCity.token).get('/reports/monthly?month=2022-13')).status).toBe(400);
      expect((await as(supCity.token).get('/reports/monthly')).status).toBe(400);
      expect((await as(supCity.token).get('/reports/monthly?month=2022-07&format=pdf')).status).toBe(400);
      expect((await as(supA.token).get(`/reports/monthly?month=2022-07&unitId=${city.city.id}`)).status).toBe(404);
      expect((await as(supA.token).get(`/reports/monthly?month=2022-07&unitId=${city.countyB.id}`)).status).toBe(404);
      expect((await as(supA.token).get(`/disclosure-stats?unitId=${city.countyB.id}`)).status).toBe(404);
      expect((await as(supCity.token).get(`/reports/monthly?month=2022-07&unitId=${gzId}`)).status).toBe(404);
    });

    it('reports the current month up to today, and a supervisor’s subtree only', async () => {
      const current = await as(supCity.token).get('/reports/monthly?month=2022-08');
      expect(current.status).toBe(200);
      expect(current.body.notes.join()).toContain('2022年8月尚未结束');
      expect(current.body.asOfDate).toBe('2022-08-03');
      expect(current.body.problems.map((p: any) => p.text)).toContain('八月发现的问题');
      const sub = await as(supA.token).get('/reports/monthly?month=2022-07');
      expect(sub.status).toBe(200);
      expect(sub.body.unit.id).toBe(city.countyA.id);
      expect(sub.body.compliance.map((r: any) => [r.unitName, r.met, r.missed])).toEqual([
        ['甲县人民政府（本级）', 4, 1],
        ['甲县交通运输局', 1, 2],
        ['甲县某镇', 0, 0],
      ]);
      expect(sub.body.problems.every((p: any) => p.unitName.startsWith('甲县'))).toBe(true);
    });
  });
});
