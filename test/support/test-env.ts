// Where the tests find the real services. Override with TEST_DATABASE_URL (a server URL
// without a database name) and TEST_REDIS_URL.
export function testRunId(): string {
  const run = process.env.DUBAN_TEST_RUN;
  if (!run) throw new Error('DUBAN_TEST_RUN is not set: run the tests through jest (npm test)');
  return run;
}

export function testWorkerId(): string {
  return process.env.JEST_WORKER_ID ?? '1';
}

export function testDatabaseServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
}

export function testDatabaseName(): string {
  return `duban_test_${testRunId()}_${testWorkerId()}`;
}

export function testDatabaseUrl(): string {
  return `${testDatabaseServerUrl().replace(/\/$/, '')}/${testDatabaseName()}`;
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function testQueuePrefix(): string {
  return `duban-test-${testRunId()}-${testWorkerId()}`;
}
