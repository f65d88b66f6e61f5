import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of the database, shared by the app (TypeOrmModule) and the CLI
 * (migrate.ts). Instants are stored in UTC (`timezone: 'Z'`, session time_zone +00:00);
 * DATE columns come back as `YYYY-MM-DD` strings so local dates never become JS Dates.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'mysql',
    url: databaseUrl.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: false,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { connectionLimit: 20 },
  } as DataSourceOptions;
}

export function createDataSource(databaseUrl: string): DataSource {
  return withUtcSessions(new DataSource(dataSourceOptions(databaseUrl)));
}

/**
 * Every pooled connection runs `SET time_zone = '+00:00'` before its first query, so
 * CURRENT_TIMESTAMP defaults and NOW() are UTC like the instants the app writes, whatever
 * the server's own zone. mysql2 has no init-command option; the pool's `connection` event
 * fires before the connection is handed out, and queries on one connection run in order.
 */
export function withUtcSessions(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as unknown as { mysql: { createPool: (o: unknown) => any } };
  const mysql = driver.mysql;
  driver.mysql = Object.assign(Object.create(mysql), {
    createPool: (options: unknown) => {
      const pool = mysql.createPool(options);
      pool.on('connection', (connection: { query: (sql: string) => void }) => connection.query("SET time_zone = '+00:00'"));
      return pool;
    },
  });
  return dataSource;
}
