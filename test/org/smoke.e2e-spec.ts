import { createTestApp, TestApp } from '../support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('answers health and logs the admin in', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.database.status).toBe('up');
    const token = await t.adminToken();
    const me = await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('admin');
  });
});
