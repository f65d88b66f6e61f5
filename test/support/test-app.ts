import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/app';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/config';
import { ensureTestDatabase } from './database';
import { testQueuePrefix, testRedisUrl } from './test-env';

export const TEST_ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** A fresh prefix for codes and usernames, so tests in one database never collide. */
  uid: () => string;
  login: (username: string, password: string) => Promise<string>;
  adminToken: () => Promise<string>;
  close: () => Promise<void>;
}

/** The real app (same bootstrap as production) on the worker's database and Redis prefix. */
/**
 * `ownDatabase`: a database of the test file's own instead of the worker's shared one, for tests
 * of work that is global by design (reminder planning, checklist evaluation, the demo) so that
 * rows other files left in the shared database cannot change what they see.
 */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string>; ownDatabase?: boolean; /** Another instance on an existing test database. */ databaseUrl?: string } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await ensureTestDatabase(options.ownDatabase ? randomBytes(3).toString('hex') : undefined));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: testQueuePrefix(),
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    LINK_CHECK_ALLOW_PRIVATE: 'true',
    APP_ROLE: 'all',
    LOGIN_MAX_ATTEMPTS: '1000',
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
    ...options.env,
  });
  const app = await createHttpApp(config, { clock: options.clock });
  await app.init();
  const server = app.getHttpServer();
  let adminToken: string | undefined;
  const login = async (username: string, password: string) => {
    const res = await request(server).post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    http: () => request(server),
    uid: () => `T${randomBytes(4).toString('hex')}`,
    login,
    adminToken: async () => (adminToken ??= await login(TEST_ADMIN.username, TEST_ADMIN.password)),
    close: () => app.close(),
  };
}
