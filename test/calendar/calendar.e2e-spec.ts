import { FixedClock } from '../../src/common/clock';
import { CalendarService } from '../../src/calendar/calendar.service';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('calendar API', () => {
  let t: TestApp;
  let admin: string;
  let operator: string;
  const clock = new FixedClock(new Date('2026-11-20T02:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.adminToken();
    const org = new OrgFixtures(t);
    const unit = await org.unit({});
    operator = (await org.user('operator', unit)).token;
  });
  afterAll(async () => {
    // Leave the shared worker database as the migration seeded it.
    await t.dataSource.query("DELETE FROM calendar_day WHERE date >= '2027-01-01'");
    await t?.close();
  });

  const get = (path: string, token = operator) => t.http().get(`/api/v1${path}`).auth(token, { type: 'bearer' });

  it('lists the 2022 National Day holiday and its make-up working days', async () => {
    const res = await get('/calendar/days?from=2022-09-30&to=2022-10-10');
    expect(res.status).toBe(200);
    const kinds = Object.fromEntries(res.body.map((d: any) => [d.date, d.kind]));
    expect(kinds['2022-09-30']).toBe('workday');
    for (let d = 1; d <= 7; d++) expect(kinds[`2022-10-0${d}`]).toBe('holiday');
    expect(kinds['2022-10-08']).toBe('makeup_workday');
    expect(kinds['2022-10-09']).toBe('makeup_workday');
    expect(res.body.find((d: any) => d.date === '2022-10-03')).toMatchObject({ workday: false, name: '国庆节' });
    expect(res.body.find((d: any) => d.date === '2022-10-08').workday).toBe(true);
  });

  it('computes the worked examples of DESIGN.md', async () => {
    const working = await get('/calendar/deadline?from=2022-09-29T10:00:00%2B08:00&days=5&count=working');
    expect(working.status).toBe(200);
    expect(working.body).toMatchObject({ lastDay: '2022-10-11', dueAt: '2022-10-11T16:00:00.000Z' });
    // Without an offset the instant is local time (Asia/Shanghai).
    const calendar = await get('/calendar/deadline?from=2022-09-29T10:00&days=3&count=calendar');
    expect(calendar.body).toMatchObject({ lastDay: '2022-10-08', dueAt: '2022-10-08T16:00:00.000Z' });
  });

  it.each([
    ['/calendar/deadline?from=yesterday&days=5', 'from'],
    ['/calendar/deadline?from=2022-09-29T10:00:00Z&days=-1', 'days'],
    ['/calendar/deadline?from=2022-09-29T10:00:00Z&days=5&count=weekly', 'count'],
    ['/calendar/days?from=2022-13-45&to=2022-12-31', 'from'],
  ])('answers 400 naming the parameter for %s', async (path, parameter) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(parameter);
  });

  it('refuses a deadline that reaches a year without data, naming the year', async () => {
    const res = await get('/calendar/deadline?from=2026-12-28T10:00:00%2B08:00&days=5&count=working');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CALENDAR_YEAR_MISSING');
    expect(res.body.message).toContain('2027');
  });

  it('warns on /health from November when next year is missing', async () => {
    const res = await t.http().get('/health');
    expect(res.body.warnings.join(' ')).toContain('2027');
  });

  it('loads a year all or nothing, admin only, and uses it at once', async () => {
    const notice = {
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-10-01', name: '国庆节' },
        { date: '2027-10-02', name: '国庆节' },
      ],
      makeupWorkdays: ['2027-09-26'],
    };
    expect((await t.http().put('/api/v1/calendar/years/2027').auth(operator, { type: 'bearer' }).send(notice)).status).toBe(403);

    const bad = await t
      .http()
      .put('/api/v1/calendar/years/2027')
      .auth(admin, { type: 'bearer' })
      .send({ holidays: [{ date: '2027-10-01', name: '国庆节' }], makeupWorkdays: ['2027-10-01', '2027-09-27'] });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(bad.body.message);
    expect(text).toContain('makeupWorkdays[0]');
    expect(text).toContain('makeupWorkdays[1]');
    expect((await get('/calendar/days?from=2027-01-01&to=2027-01-03')).body).toEqual([]);

    const ok = await t.http().put('/api/v1/calendar/years/2027').auth(admin, { type: 'bearer' }).send(notice);
    expect(ok.status).toBe(200);
    expect(ok.body.days).toBe(365);
    const days = await get('/calendar/days?from=2027-09-25&to=2027-10-02');
    expect(days.body.map((d: any) => d.kind)).toEqual(['weekend', 'makeup_workday', 'workday', 'workday', 'workday', 'workday', 'holiday', 'holiday']);

    const deadline = await get('/calendar/deadline?from=2026-12-28T10:00:00%2B08:00&days=5&count=working');
    expect(deadline.status).toBe(200);
    // 12-29, 12-30, 12-31, (01-01 holiday), 01-04, 01-05.
    expect(deadline.body.lastDay).toBe('2027-01-05');
    const health = await t.http().get('/health');
    expect(health.body.warnings.join(' ')).not.toContain('2027');
  });

  it('lets an admin correct one day, audited, and rejects a kind that does not fit the weekday', async () => {
    const wrong = await t.http().put('/api/v1/calendar/days/2026-06-01').auth(admin, { type: 'bearer' }).send({ kind: 'makeup_workday' });
    expect(wrong.status).toBe(400);
    const badDate = await t.http().put('/api/v1/calendar/days/2026-02-30').auth(admin, { type: 'bearer' }).send({ kind: 'holiday', name: 'x' });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body.message)).toContain('date');
    const unknownKind = await t.http().put('/api/v1/calendar/days/2026-06-01').auth(admin, { type: 'bearer' }).send({ kind: 'festival' });
    expect(unknownKind.status).toBe(400);
    expect(JSON.stringify(unknownKind.body.message)).toContain('kind');

    const ok = await t.http().put('/api/v1/calendar/days/2026-06-01').auth(admin, { type: 'bearer' }).send({ kind: 'holiday', name: '测试假日' });
    expect(ok.status).toBe(200);
    expect(await t.app.get(CalendarService).isWorkingDay('2026-06-01')).toBe(false);
    const audit = await t.http().get('/api/v1/audit-logs?entityType=calendar_day&entityId=2026-06-01').auth(admin, { type: 'bearer' });
    expect(audit.body.items[0]).toMatchObject({ action: 'calendar.update_day', before: { kind: 'workday' }, after: { kind: 'holiday' } });
    await t.http().put('/api/v1/calendar/days/2026-06-01').auth(admin, { type: 'bearer' }).send({ kind: 'workday' });
    expect(await t.app.get(CalendarService).isWorkingDay('2026-06-01')).toBe(true);
  });
});
