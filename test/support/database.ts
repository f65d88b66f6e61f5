import { createConnection } from 'mysql2/promise';
import { runMigrations } from '../../src/database/migrate';
import { testDatabaseName, testDatabaseServerUrl } from './test-env';

/**
 * The Jest worker's own database, created and migrated on first use. Every later call in the
 * same worker finds nothing pending. Dropped by the global teardown.
 */
export async function ensureTestDatabase(suffix?: string): Promise<string> {
  const name = suffix ? `${testDatabaseName()}_${suffix}` : testDatabaseName();
  const url = `${testDatabaseServerUrl().replace(/\/$/, '')}/${name}`;
  const conn = await createConnection(testDatabaseServerUrl());
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  await runMigrations(url);
  return url;
}
