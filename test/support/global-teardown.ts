import { createConnection } from 'mysql2/promise';
import Redis from 'ioredis';
import { testDatabaseServerUrl, testRedisUrl, testRunId } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const run = testRunId();
  const conn = await createConnection(testDatabaseServerUrl());
  try {
    const [rows] = await conn.query<any[]>('SHOW DATABASES LIKE ?', [`duban_test_${run}_%`]);
    for (const row of rows) {
      const name = Object.values(row)[0] as string;
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await conn.end();
  }
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `duban-test-${run}-*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
