import { OrgFixtures, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('requirement catalogue', () => {
  let t: TestApp;
  let admin: string;
  let operator: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    const org = new OrgFixtures(t);
    const unit = await org.unit({});
    operator = await org.user('operator', unit);
    supervisor = await org.user('supervisor', unit);
  });
  afterAll(async () => {
    // Other test files in this worker's database use the seeded parameters.
    for (const code of ['NEW_MEDIA_SILENT_14_DAYS', 'MESSAGE_SIMPLE_3_DAYS']) {
      await t.http().patch(`/api/v1/requirements/${code}`).auth(admin, { type: 'bearer' }).send(code === 'MESSAGE_SIMPLE_3_DAYS' ? { params: { days: 3, count: 'calendar' } } : { enabled: true, severity: 'veto', deductionPoints: 5, params: { windowDays: 14 } });
    }
    await t?.close();
  });

  const get = (path: string, token: string) => t.http().get(`/api/v1${path}`).auth(token, { type: 'bearer' });
  const patch = (code: string, body: object, token = admin) => t.http().patch(`/api/v1/requirements/${code}`).auth(token, { type: 'bearer' }).send(body);

  it('lists the eight built-in requirements with their source, severity and parameters to any signed-in user', async () => {
    const res = await get('/requirements', operator.token);
    expect(res.status).toBe(200);
    const codes = res.body.map((r: any) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'WEBSITE_DAILY_UPDATE',
        'GOV_NEW_MEDIA_WORKDAY_UPDATE',
        'NEW_MEDIA_TWICE_WEEKLY',
        'NEW_MEDIA_SILENT_14_DAYS',
        'MESSAGE_SIMPLE_3_DAYS',
        'MESSAGE_GENERAL_5_WORKDAYS',
        'POLICY_INTERPRETATION_LINKED',
        'HOLIDAY_DUTY_ROSTER',
      ]),
    );
    const silent = res.body.find((r: any) => r.code === 'NEW_MEDIA_SILENT_14_DAYS');
    expect(silent).toMatchObject({ kind: 'silence', severity: 'veto', deductionPoints: 5, enabled: true, params: { period: 'day', windowDays: 14, min: 1 }, appliesTo: { subject: 'channel', channelKinds: 'new_media' } });
    expect(silent.sourceDocument).toContain('国办秘函〔2019〕19号');
    expect(silent.problemCategory).toBe('not_updated');
    expect((await t.http().get('/api/v1/requirements')).status).toBe(401);
  });

  it('gets one requirement by code, 404 for an unknown code', async () => {
    const res = await get('/requirements/MESSAGE_GENERAL_5_WORKDAYS', operator.token);
    expect(res.body).toMatchObject({ code: 'MESSAGE_GENERAL_5_WORKDAYS', kind: 'response_deadline', params: { days: 5, count: 'working' }, sourceClause: expect.stringContaining('5个工作日') });
    expect((await get('/requirements/NO_SUCH_RULE', operator.token)).status).toBe(404);
  });

  it('lets only an admin change a requirement, and audits the change with before and after', async () => {
    expect((await patch('NEW_MEDIA_SILENT_14_DAYS', { enabled: false }, operator.token)).status).toBe(403);
    expect((await patch('NEW_MEDIA_SILENT_14_DAYS', { enabled: false }, supervisor.token)).status).toBe(403);
    const res = await patch('NEW_MEDIA_SILENT_14_DAYS', { enabled: false, params: { windowDays: 21 }, severity: 'major', deductionPoints: 2.5 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enabled: false, severity: 'major', deductionPoints: 2.5, params: { period: 'day', windowDays: 21, min: 1, finalizeAfterDays: 2 } });
    expect((await get('/requirements/NEW_MEDIA_SILENT_14_DAYS', operator.token)).body.params.windowDays).toBe(21);

    const audit = await get('/audit-logs?entityType=requirement&entityId=NEW_MEDIA_SILENT_14_DAYS', admin);
    const entry = audit.body.items.find((e: any) => e.action === 'requirement.update' && e.after?.params?.windowDays === 21);
    expect(entry).toBeDefined();
    expect(entry.before).toMatchObject({ enabled: true, severity: 'veto', params: { windowDays: 14 } });
    expect(entry.after).toMatchObject({ enabled: false, severity: 'major' });
  });

  it.each([
    ['NEW_MEDIA_SILENT_14_DAYS', { params: { windowDays: 91 } }, 'params.windowDays'],
    ['NEW_MEDIA_SILENT_14_DAYS', { params: { windowDays: 0 } }, 'params.windowDays'],
    ['WEBSITE_DAILY_UPDATE', { params: { min: 0 } }, 'params.min'],
    ['WEBSITE_DAILY_UPDATE', { params: { colour: 'red' } }, 'params.colour'],
    ['WEBSITE_DAILY_UPDATE', { params: { period: 'week' } }, 'params.period'],
    ['MESSAGE_SIMPLE_3_DAYS', { params: { days: 61 } }, 'params.days'],
    ['MESSAGE_SIMPLE_3_DAYS', { params: { count: 'weekly' } }, 'params.count'],
    ['MESSAGE_SIMPLE_3_DAYS', { params: { finalizeAfterDays: 31 } }, 'params.finalizeAfterDays'],
    ['MESSAGE_SIMPLE_3_DAYS', { severity: 'fatal' }, 'severity'],
    ['MESSAGE_SIMPLE_3_DAYS', { colour: 'red' }, 'colour'],
  ])('refuses a bad change of %s (%j) with 400 naming %s, changing nothing', async (code, body, field) => {
    const before = (await get(`/requirements/${code}`, admin)).body;
    const res = await patch(code, body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect((await get(`/requirements/${code}`, admin)).body.params).toEqual(before.params);
  });

  it('applies a changed parameter to what is recorded after the change', async () => {
    expect((await patch('MESSAGE_SIMPLE_3_DAYS', { params: { count: 'working', days: 3 } })).status).toBe(200);
    const res = await get('/requirements/MESSAGE_SIMPLE_3_DAYS', operator.token);
    expect(res.body.params).toEqual({ days: 3, count: 'working', finalizeAfterDays: 0 });
  });
});
