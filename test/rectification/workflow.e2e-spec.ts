import { rm } from 'node:fs/promises';
import { FixedClock } from '../../src/common/clock';
import { OrgFixtures, TestUnit, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { api, binary, EXE, filesUnder, PDF, PNG, tempUploadDir } from './rectification-helpers';

const TEN_MB = 10 * 1024 * 1024;

const bodyFor = (action: string) => (action === 'submit' ? { note: '已整改' } : action === 'accept' ? { comment: '通过' } : { reason: '原因' });

describe('rectification workflow (e2e)', () => {
  let t: TestApp;
  let clock: FixedClock;
  let uploadDir: string;
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let admin: string;
  let supA: TestUser, supB: TestUser, opA: TestUser, opB: TestUser, inspector: TestUser;

  beforeAll(async () => {
    clock = new FixedClock(new Date('2022-09-29T11:00:00+08:00'));
    uploadDir = await tempUploadDir();
    t = await createTestApp({ clock, env: { UPLOAD_DIR: uploadDir } });
    const org = new OrgFixtures(t);
    city = await org.city();
    admin = await t.adminToken();
    supA = await org.user('supervisor', city.countyA);
    supB = await org.user('supervisor', city.countyB);
    opA = await org.user('operator', city.deptA);
    opB = await org.user('operator', city.deptB);
    inspector = await org.user('inspector', city.city);
  });
  afterAll(async () => {
    await t?.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  async function finding(unit: TestUnit = city.deptA, fields: Record<string, unknown> = {}): Promise<{ id: number; taskId: number; dueAt: string }> {
    const res = await api(t, inspector.token).post('/findings', {
      unitId: unit.id,
      category: 'not_updated',
      source: 'city_check',
      description: '甲县交通(微信订阅号) 未及时更新',
      foundAt: '2022-09-29T10:00:00+08:00',
      ...fields,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function taskIn(state: 'open' | 'submitted' | 'rejected' | 'accepted' | 'cancelled', unit: TestUnit = city.deptA): Promise<number> {
    const { taskId } = await finding(unit);
    const sup = unit === city.deptB ? supB : supA;
    if (state === 'cancelled') expect((await api(t, sup.token).post(`/tasks/${taskId}/cancel`, { reason: '重复登记' })).status).toBe(200);
    if (state === 'open' || state === 'cancelled') return taskId;
    expect((await api(t, sup.token).post(`/tasks/${taskId}/submit`, { note: '已整改' })).status).toBe(200);
    if (state === 'rejected') expect((await api(t, sup.token).post(`/tasks/${taskId}/reject`, { reason: '材料不全' })).status).toBe(200);
    if (state === 'accepted') expect((await api(t, sup.token).post(`/tasks/${taskId}/accept`)).status).toBe(200);
    return taskId;
  }

  async function rowsOf(taskId: number) {
    const [transitions] = await t.dataSource.query('SELECT COUNT(*) AS n FROM task_transition WHERE task_id = ?', [taskId]);
    const [evidence] = await t.dataSource.query('SELECT COUNT(*) AS n FROM task_evidence WHERE task_id = ?', [taskId]);
    return { transitions: Number(transitions.n), evidence: Number(evidence.n) };
  }

  it('runs the whole journey: finding → task → submit with a file and a link → reject → resubmit → accept', async () => {
    const created = await finding();
    // Found 2022-09-29 10:00; 5 working days across the National Day holiday (DESIGN.md "Time").
    expect(created.dueAt).toBe('2022-10-11T16:00:00.000Z');
    expect(created).toMatchObject({ category: 'not_updated', source: 'city_check', severity: 'general', deductionPoints: 0, unitId: city.deptA.id });

    const taskId = created.taskId;
    let task = (await api(t, opA.token).get(`/tasks/${taskId}`)).body;
    expect(task).toMatchObject({ id: taskId, status: 'open', unitId: city.deptA.id, findingId: created.id, source: 'finding', dueAt: '2022-10-11T16:00:00.000Z', overdue: false, overdueDays: 0, version: 1 });

    clock.set('2022-10-08T09:00:00+08:00');
    const submitted = await api(t, opA.token)
      .multipart(`/tasks/${taskId}/submit`)
      .field('note', '已补发信息并建立更新台账')
      .field('evidenceUrls', 'https://jtj.example.gov.cn/news/1.html')
      .field('evidenceUrls', 'https://jtj.example.gov.cn/news/2.html')
      .attach('files', PNG, { filename: '整改截图.png', contentType: 'image/png' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2, submittedAt: '2022-10-08T01:00:00.000Z' });
    expect(submitted.body.evidence).toHaveLength(3);
    const file = submitted.body.evidence.find((e: any) => e.kind === 'file');
    expect(file).toMatchObject({ fileName: '整改截图.png', mime: 'image/png', size: PNG.length, downloadPath: `/api/v1/tasks/${taskId}/evidence/${file.id}` });
    expect(submitted.body.evidence.filter((e: any) => e.kind === 'url').map((e: any) => e.url)).toEqual([
      'https://jtj.example.gov.cn/news/1.html',
      'https://jtj.example.gov.cn/news/2.html',
    ]);

    clock.set('2022-10-09T10:00:00+08:00');
    const rejected = await api(t, supA.token).post(`/tasks/${taskId}/reject`, { reason: '截图未显示发布日期，请补充', version: 2 });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reworkCount: 1, version: 3 });

    clock.set('2022-10-10T15:00:00+08:00');
    const resubmitted = await api(t, opA.token).post(`/tasks/${taskId}/submit`, { note: '已补充带日期的截图', evidenceUrls: ['https://jtj.example.gov.cn/news/3.html'] });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', firstSubmittedAt: '2022-10-08T01:00:00.000Z', submittedAt: '2022-10-10T07:00:00.000Z' });

    clock.set('2022-10-11T09:30:00+08:00');
    const accepted = await api(t, supA.token).post(`/tasks/${taskId}/accept`, { comment: '整改到位' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', verifiedAt: '2022-10-11T01:30:00.000Z', closedAt: '2022-10-11T01:30:00.000Z', reworkCount: 1, version: 5, overdue: false });

    task = (await api(t, inspector.token).get(`/tasks/${taskId}`)).body;
    expect(task.history).toEqual([
      { from: null, to: 'open', by: inspector.username, byId: inspector.id, at: '2022-09-29T03:00:00.000Z', comment: `由问题 #${created.id} 生成` },
      { from: 'open', to: 'submitted', by: opA.username, byId: opA.id, at: '2022-10-08T01:00:00.000Z', comment: '已补发信息并建立更新台账' },
      { from: 'submitted', to: 'rejected', by: supA.username, byId: supA.id, at: '2022-10-09T02:00:00.000Z', comment: '截图未显示发布日期，请补充' },
      { from: 'rejected', to: 'submitted', by: opA.username, byId: opA.id, at: '2022-10-10T07:00:00.000Z', comment: '已补充带日期的截图' },
      { from: 'submitted', to: 'accepted', by: supA.username, byId: supA.id, at: '2022-10-11T01:30:00.000Z', comment: '整改到位' },
    ]);
    expect(task.evidence).toHaveLength(4);
    expect(task.finding).toMatchObject({ id: created.id, description: '甲县交通(微信订阅号) 未及时更新' });

    // The file is served inside the task's scope only.
    for (const who of [opA, supA, inspector]) {
      const res = await api(t, who.token).get(file.downloadPath.replace('/api/v1', '')).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('整改截图.png')}`);
      expect(Buffer.compare(res.body, PNG)).toBe(0);
    }
    for (const who of [opB, supB]) {
      expect((await api(t, who.token).get(`/tasks/${taskId}/evidence/${file.id}`)).status).toBe(404);
      expect((await api(t, who.token).get(`/tasks/${taskId}`)).status).toBe(404);
    }
    expect((await api(t, opA.token).get(`/tasks/${taskId}/evidence/${file.id + 100000}`)).status).toBe(404);
    clock.set('2022-09-29T11:00:00+08:00');
  });

  describe('who may do what', () => {
    const cases: [string, 'submit' | 'accept' | 'reject' | 'cancel', 'open' | 'submitted', Record<string, number>][] = [
      ['submit', 'submit', 'open', { admin: 200, supA: 200, supB: 404, opA: 200, opB: 404, inspector: 403 }],
      ['accept', 'accept', 'submitted', { admin: 200, supA: 200, supB: 404, opA: 403, opB: 404, inspector: 403 }],
      ['reject', 'reject', 'submitted', { admin: 200, supA: 200, supB: 404, opA: 403, opB: 404, inspector: 403 }],
      ['cancel', 'cancel', 'open', { admin: 200, supA: 200, supB: 404, opA: 403, opB: 404, inspector: 403 }],
    ];
    for (const [name, action, state, expected] of cases) {
      it(`${name}: each role gets ${JSON.stringify(expected)}`, async () => {
        const tokens: Record<string, string> = { admin, supA: supA.token, supB: supB.token, opA: opA.token, opB: opB.token, inspector: inspector.token };
        for (const [role, status] of Object.entries(expected)) {
          const taskId = await taskIn(state);
          const before = await rowsOf(taskId);
          const res = await api(t, tokens[role]).post(`/tasks/${taskId}/${action}`, bodyFor(action));
          expect({ role, status: res.status }).toEqual({ role, status });
          if (status !== 200) {
            expect(await rowsOf(taskId)).toEqual(before);
            expect(res.body.code).toBe({ 403: 'TASK_ROLE_NOT_ALLOWED', 404: 'TASK_NOT_FOUND' }[status]);
          }
        }
      });
    }

    it.each([
      ['accept', 'open'],
      ['reject', 'open'],
      ['submit', 'submitted'],
      ['cancel', 'submitted'],
      ['submit', 'accepted'],
      ['accept', 'accepted'],
      ['reject', 'accepted'],
      ['cancel', 'accepted'],
      ['submit', 'cancelled'],
      ['accept', 'cancelled'],
      ['cancel', 'cancelled'],
      ['accept', 'rejected'],
      ['reject', 'rejected'],
    ] as const)('%s on a %s task → 409', async (action, state) => {
      const taskId = await taskIn(state);
      const res = await api(t, supA.token).post(`/tasks/${taskId}/${action}`, bodyFor(action));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('TASK_INVALID_TRANSITION');
    });

    it('a rejected task can be submitted again and cancelled', async () => {
      expect((await api(t, opA.token).post(`/tasks/${await taskIn('rejected')}/submit`, { note: '重新整改' })).status).toBe(200);
      expect((await api(t, supA.token).post(`/tasks/${await taskIn('rejected')}/cancel`, { reason: '问题已不存在' })).status).toBe(200);
    });

    it('refuses a reject or cancel without a reason, and a submit without a note (400)', async () => {
      const submitted = await taskIn('submitted');
      expect((await api(t, supA.token).post(`/tasks/${submitted}/reject`, {})).status).toBe(400);
      expect((await api(t, supA.token).post(`/tasks/${submitted}/reject`, { reason: '' })).status).toBe(400);
      expect((await api(t, supA.token).post(`/tasks/${await taskIn('open')}/cancel`, {})).status).toBe(400);
      expect((await api(t, opA.token).post(`/tasks/${await taskIn('open')}/submit`, { evidenceUrls: ['https://x.example/a'] })).status).toBe(400);
      expect((await api(t, opA.token).post(`/tasks/${await taskIn('open')}/submit`, { note: 'x', evidenceUrls: ['javascript:alert(1)'] })).status).toBe(400);
    });

    it('refuses a transition on a stale version (409 TASK_STALE)', async () => {
      const taskId = await taskIn('submitted');
      const res = await api(t, supA.token).post(`/tasks/${taskId}/accept`, { version: 1 });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('TASK_STALE');
      expect((await api(t, supA.token).post(`/tasks/${taskId}/accept`, { version: 2 })).status).toBe(200);
    });

    it('answers 404 for tasks that do not exist', async () => {
      expect((await api(t, admin).get('/tasks/99999999')).status).toBe(404);
      expect((await api(t, admin).post('/tasks/99999999/accept')).status).toBe(404);
    });
  });

  it('lets exactly one of two concurrent accepts win', async () => {
    for (let round = 0; round < 5; round++) {
      const taskId = await taskIn('submitted');
      const [a, b] = await Promise.all([api(t, supA.token).post(`/tasks/${taskId}/accept`), api(t, admin).post(`/tasks/${taskId}/accept`)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const history = (await api(t, admin).get(`/tasks/${taskId}`)).body.history;
      expect(history.filter((h: any) => h.to === 'accepted')).toHaveLength(1);
    }
  });

  describe('evidence files', () => {
    it('judges a file by its content: PDF bytes named .png are stored as a PDF', async () => {
      const taskId = await taskIn('open');
      const res = await api(t, opA.token).multipart(`/tasks/${taskId}/submit`).field('note', '见附件').attach('files', PDF, { filename: '通知.png', contentType: 'image/png' });
      expect(res.status).toBe(200);
      const file = res.body.evidence[0];
      expect(file).toMatchObject({ kind: 'file', mime: 'application/pdf', fileName: '通知.pdf', size: PDF.length });
      const download = await api(t, supA.token).get(`/tasks/${taskId}/evidence/${file.id}`).buffer(true).parse(binary);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".*\.pdf"/);
    });

    it('accepts JSON urls as a JSON string in multipart, and a file of exactly 10 MB', async () => {
      const taskId = await taskIn('open');
      const big = Buffer.alloc(TEN_MB, 0);
      PNG.copy(big);
      const res = await api(t, opA.token)
        .multipart(`/tasks/${taskId}/submit`)
        .field('note', '见附件')
        .field('evidenceUrls', JSON.stringify(['https://a.example.gov.cn/1', 'https://a.example.gov.cn/2']))
        .field('version', '1')
        .attach('files', big, 'big.png');
      expect(res.status).toBe(200);
      expect(res.body.evidence.map((e: any) => e.kind).sort()).toEqual(['file', 'url', 'url']);
    });

    it.each([
      ['an .exe renamed .png', EXE, 'virus.png', 400, 'EVIDENCE_BAD_TYPE'],
      ['text renamed .png', Buffer.from('just some text, not an image'), 'note.png', 400, 'EVIDENCE_BAD_TYPE'],
      ['an empty file', Buffer.alloc(0), 'empty.png', 400, 'EVIDENCE_BAD_TYPE'],
      ['10 MB + 1 byte', Buffer.concat([PNG, Buffer.alloc(TEN_MB + 1 - PNG.length)]), 'huge.png', 413, 'EVIDENCE_TOO_LARGE'],
    ])('refuses %s and writes nothing', async (_name, content, filename, status, code) => {
      const taskId = await taskIn('open');
      const filesBefore = await filesUnder(uploadDir);
      const before = await rowsOf(taskId);
      // A good file beside the bad one must not be stored either.
      const good = Buffer.concat([PNG, Buffer.from(`unique ${Math.random()}`)]);
      const res = await api(t, opA.token).multipart(`/tasks/${taskId}/submit`).field('note', '见附件').attach('files', good, 'ok.png').attach('files', content, filename);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await rowsOf(taskId)).toEqual(before);
      expect(await filesUnder(uploadDir)).toEqual(filesBefore);
      expect((await api(t, opA.token).get(`/tasks/${taskId}`)).body.status).toBe('open');
    });

    it('writes no file when the transition itself is refused', async () => {
      const taskId = await taskIn('open');
      const filesBefore = await filesUnder(uploadDir);
      const fresh = Buffer.concat([PNG, Buffer.from(`stale ${Math.random()}`)]);
      const res = await api(t, opA.token).multipart(`/tasks/${taskId}/submit`).field('note', '见附件').field('version', '7').attach('files', fresh, 'a.png');
      expect(res.status).toBe(409);
      expect(await filesUnder(uploadDir)).toEqual(filesBefore);
    });

    it('refuses more than 10 files, or files under another field name', async () => {
      const taskId = await taskIn('open');
      let req = api(t, opA.token).multipart(`/tasks/${taskId}/submit`).field('note', 'x');
      for (let i = 0; i < 11; i++) req = req.attach('files', PNG, `${i}.png`);
      expect((await req).status).toBe(400);
      expect((await api(t, opA.token).multipart(`/tasks/${taskId}/submit`).field('note', 'x').attach('file', PNG, 'a.png')).status).toBe(400);
    });
  });

  describe('findings', () => {
    it('lets operators record only self-check findings of their own unit', async () => {
      const base = { category: 'typo', description: '首页有错别字', foundAt: '2022-09-29T09:00:00+08:00' };
      expect((await api(t, opA.token).post('/findings', { ...base, unitId: city.deptA.id, source: 'city_check' })).status).toBe(403);
      const own = await api(t, opA.token).post('/findings', { ...base, unitId: city.deptA.id, source: 'self_check' });
      expect(own.status).toBe(201);
      expect(own.body.taskId).toEqual(expect.any(Number));
      expect((await api(t, opA.token).post('/findings', { ...base, unitId: city.deptB.id, source: 'self_check' })).status).toBe(400);
    });

    it('lets supervisors record in their scope and inspectors anywhere; applies the default severity by source', async () => {
      const base = { category: 'no_interaction', description: '无互动渠道', foundAt: '2022-09-29T09:00:00+08:00' };
      expect((await api(t, supB.token).post('/findings', { ...base, unitId: city.deptA.id, source: 'city_check' })).status).toBe(400);
      expect((await api(t, supA.token).post('/findings', { ...base, unitId: city.townA.id, source: 'city_check' })).status).toBe(201);
      const national = await api(t, inspector.token).post('/findings', { ...base, unitId: city.deptB.id, source: 'national_check' });
      expect(national.status).toBe(201);
      expect(national.body).toMatchObject({ severity: 'serious', deductionPoints: 1 });
      expect((await api(t, opA.token).get(`/findings/${national.body.id}`)).status).toBe(404);
      expect((await api(t, opB.token).get(`/findings/${national.body.id}`)).status).toBe(200);
      const list = await api(t, supB.token).get(`/findings?unitId=${city.countyB.id}&includeSubunits=true&source=national_check`);
      expect(list.body.items.map((f: any) => f.id)).toContain(national.body.id);
      expect(list.body.items.every((f: any) => f.unitId === city.deptB.id || f.unitId === city.countyB.id)).toBe(true);
    });

    it('refuses a channel of another unit, a future discovery time and bad input', async () => {
      const channel = await api(t, admin).post('/channels', { unitId: city.deptB.id, kind: 'wechat', name: '乙县交通' });
      expect(channel.status).toBe(201);
      const base = { unitId: city.deptA.id, category: 'typo', source: 'city_check', description: 'x', foundAt: '2022-09-29T09:00:00+08:00' };
      expect((await api(t, inspector.token).post('/findings', { ...base, channelId: channel.body.id })).status).toBe(400);
      expect((await api(t, inspector.token).post('/findings', { ...base, unitId: city.deptB.id, channelId: channel.body.id })).status).toBe(201);
      expect((await api(t, inspector.token).post('/findings', { ...base, foundAt: '2022-12-01T09:00:00+08:00' })).status).toBe(400);
      const bad = await api(t, inspector.token).post('/findings', { ...base, category: 'nope', source: 'rumour' });
      expect(bad.status).toBe(400);
      expect(bad.body.message.join(' ')).toContain('类别（category）必须是以下之一');
    });
  });

  it('lets the admin change due days and defaults, audited; others may not', async () => {
    expect((await api(t, opA.token).get('/rectification/settings')).body.dueWorkingDays).toMatchObject({ finding: 5, checklist: 3 });
    const update = { dueWorkingDays: { finding: 5, checklist: 3, findingBySource: { national_check: 3 }, byCategory: {} } };
    expect((await api(t, supA.token).put('/rectification/settings', update)).status).toBe(403);
    const invalid = await api(t, admin).put('/rectification/settings', { dueWorkingDays: { finding: 0, checklist: 3 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('dueWorkingDays.finding 必须是 1 到 365 的整数（工作日）');
    try {
      const res = await api(t, admin).put('/rectification/settings', update);
      expect(res.status).toBe(200);
      expect(res.body.dueWorkingDays.findingBySource).toEqual({ national_check: 3 });
      // 3 working days from 2022-09-29: 09-30, 10-08, 10-09 → due 10-10 00:00.
      const national = await finding(city.deptA, { source: 'national_check' });
      expect(national.dueAt).toBe('2022-10-09T16:00:00.000Z');
      const audit = await api(t, admin).get('/audit-logs?entityType=rectification_setting');
      expect(audit.body.items[0]).toMatchObject({ action: 'rectification.update_settings', after: update });
    } finally {
      await api(t, admin).put('/rectification/settings', { dueWorkingDays: { finding: 5, checklist: 3, findingBySource: {}, byCategory: {} } });
    }
  });
});
