import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { HealthController } from '../../src/health/health.controller';
import { HealthRegistry } from '../../src/health/health.registry';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('health and token lifetime', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_EXPIRES_IN: '2s' } });
  });
  afterAll(async () => t?.close());

  it('reports the database and Redis up, with a 200', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.checks).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers 503 naming Redis when Redis does not answer', async () => {
    // The real controller against the real database and a Redis port nothing listens on.
    const deadRedis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    const controller = new HealthController(t.app.get(DataSource), deadRedis, new HealthRegistry());
    let status = 0;
    let body: any;
    const res = { status: (s: number) => ((status = s), { json: (b: unknown) => (body = b) }) };
    await controller.health(res as never);
    deadRedis.disconnect();
    expect(status).toBe(503);
    expect(body.checks.redis.status).toBe('down');
    expect(body.checks.database.status).toBe('up');
  });

  it('answers 503 naming the database when the database does not answer', async () => {
    const closed = new DataSource({ type: 'mysql', url: 'mysql://root@127.0.0.1:1/none' });
    const redis = new Redis(t.config.redisUrl, { maxRetriesPerRequest: 1 });
    const controller = new HealthController(closed, redis, new HealthRegistry());
    let status = 0;
    let body: any;
    await controller.health({ status: (s: number) => ((status = s), { json: (b: unknown) => (body = b) }) } as never);
    redis.disconnect();
    expect(status).toBe(503);
    expect(body.checks.database.status).toBe('down');
  });

  it('refuses a token once it has expired', async () => {
    const org = new OrgFixtures(t);
    const user = await org.user('operator', await org.unit({}));
    expect((await t.http().get('/api/v1/auth/me').auth(user.token, { type: 'bearer' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3100));
    expect((await t.http().get('/api/v1/auth/me').auth(user.token, { type: 'bearer' })).status).toBe(401);
  });
});
