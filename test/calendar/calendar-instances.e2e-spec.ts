import { CalendarService } from '../../src/calendar/calendar.service';
import { createTestApp, TestApp } from '../support/test-app';

// Two running instances on one database: an admin's change made through one is used by the
// other's deadlines after its next poll (CALENDAR_REFRESH_SECONDS; 30 in production, 1 here).
describe('calendar changes reach every instance', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ ownDatabase: true, env: { CALENDAR_REFRESH_SECONDS: '1' } });
    b = await createTestApp({ env: { CALENDAR_REFRESH_SECONDS: '1' }, databaseUrl: a.config.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('uses a day changed on instance A in instance B within the refresh interval', async () => {
    const deadlineOnB = () => b.app.get(CalendarService).deadline(new Date('2026-06-01T02:00:00Z'), 1, 'working');
    expect((await deadlineOnB()).lastDay).toBe('2026-06-02');
    const res = await a.http().put('/api/v1/calendar/days/2026-06-02').auth(await a.adminToken(), { type: 'bearer' }).send({ kind: 'holiday', name: '测试假日' });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await deadlineOnB()).lastDay).toBe('2026-06-03');
  });
});
