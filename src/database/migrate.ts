import { ConfigError, readDatabaseUrl } from '../config/config';
import { createDataSource } from './data-source';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  let databaseUrl: string;
  try {
    databaseUrl = readDatabaseUrl();
  } catch (error) {
    console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
    process.exit(1);
  }
  runMigrations(databaseUrl)
    .then((names) => {
      console.log(names.length ? `Applied ${names.length} migration(s): ${names.join(', ')}` : 'No pending migrations.');
    })
    .catch((error) => {
      console.error('Migration failed:', error);
      process.exit(1);
    });
}
