import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OrgFixtures, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { as } from './evidence-fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('holiday duty-roster attestations', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let opA: TestUser;
  let opB: TestUser;
  let supA: TestUser;
  let inspector: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const org = new OrgFixtures(t);
    city = await org.city();
    opA = await org.user('operator', city.deptA);
    opB = await org.user('operator', city.deptB);
    supA = await org.user('supervisor', city.countyA);
    inspector = await org.user('inspector', city.city);
  });
  afterAll(async () => t?.close());

  const file = (token: string, fields: Record<string, string>, content?: Buffer, name = '值班表.pdf') => {
    const req = t.http().post('/api/v1/attestations').auth(token, { type: 'bearer' });
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return content ? req.attach('file', content, name) : req;
  };

  it('files a roster with a PDF for the National Day holiday, named from the calendar, stored by SHA-256', async () => {
    const res = await file(opA.token, { unitId: String(city.deptA.id), holidayStart: '2022-10-01', note: '国庆节期间值班表：带班领导张三，值班员李四' }, PDF, '国庆值班表.png');
    expect(res.status).toBe(201);
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(res.body).toMatchObject({
      unitId: city.deptA.id,
      requirementCode: 'HOLIDAY_DUTY_ROSTER',
      holidayName: '国庆节',
      holidayStart: '2022-10-01',
      file: { name: '国庆值班表.pdf', mime: 'application/pdf', size: PDF.length, sha256: sha },
      filedBy: opA.id,
    });
    const [row] = await t.dataSource.query('SELECT file_path FROM attestation WHERE id = ?', [res.body.id]);
    expect(await readFile(resolve(t.config.uploadDir, row.file_path))).toEqual(PDF);
  });

  it('files a roster as JSON without a file', async () => {
    const res = await as(t, supA.token).post('/attestations', { unitId: city.deptA.id, holidayStart: '2023-01-21', note: '春节值班安排' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ holidayName: '春节', file: null });
  });

  it('refuses a day that is not the first day of a statutory holiday, naming the field', async () => {
    const workday = await as(t, opA.token).post('/attestations', { unitId: city.deptA.id, holidayStart: '2022-09-29', note: 'x' });
    expect(workday.status).toBe(400);
    expect(JSON.stringify(workday.body.message)).toContain('holidayStart');
    const middle = await as(t, opA.token).post('/attestations', { unitId: city.deptA.id, holidayStart: '2022-10-03', note: 'x' });
    expect(middle.status).toBe(400);
    expect(JSON.stringify(middle.body.message)).toContain('2022-10-01');
  });

  it('refuses a file that is not PNG, JPEG or PDF by its bytes, and one over 10 MB', async () => {
    const exe = await file(opA.token, { unitId: String(city.deptA.id), holidayStart: '2022-10-01', note: 'x' }, Buffer.from('MZ\x90\x00not a pdf'), 'roster.pdf');
    expect(exe.status).toBe(400);
    expect(JSON.stringify(exe.body.message)).toContain('PNG、JPEG 或 PDF');
    const huge = await file(opA.token, { unitId: String(city.deptA.id), holidayStart: '2022-10-01', note: 'x' }, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
  });

  it('enforces scope and roles, and lists what is in scope', async () => {
    expect((await as(t, opB.token).post('/attestations', { unitId: city.deptA.id, holidayStart: '2022-10-01', note: 'x' })).status).toBe(400);
    expect((await as(t, inspector.token).post('/attestations', { unitId: city.deptA.id, holidayStart: '2022-10-01', note: 'x' })).status).toBe(403);
    const mine = await as(t, opA.token).get(`/attestations?unitId=${city.deptA.id}&from=2022-10-01&to=2022-10-31`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: any) => a.holidayName)).toEqual(['国庆节']);
    expect((await as(t, opB.token).get(`/attestations?unitId=${city.deptA.id}`)).body.total).toBe(0);
    expect((await as(t, inspector.token).get(`/attestations?unitId=${city.deptA.id}`)).body.total).toBe(2);
  });
});
