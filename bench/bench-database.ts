// Every benchmark's own database: created on the server of BENCH_DATABASE_URL (a MySQL/MariaDB
// URL, with or without a database name; default mysql://root@127.0.0.1:3306), migrated to the
// app's schema, and dropped at the end unless the benchmark was run with --keep; and the real
// HTTP API over it for the benchmarks that drive it.
import { INestApplication } from '@nestjs/common';
import { createConnection } from 'mysql2/promise';
import { createHttpApp } from '../src/app';
import { loadConfig } from '../src/config/config';
import { runMigrations } from '../src/database/migrate';

export interface BenchDatabase {
  name: string;
  /** The database's URL, for DATABASE_URL. */
  url: string;
  /** The server's URL (no database), for connections that reach across databases. */
  server: string;
  /** Drops the database, or with --keep prints its name and leaves it for EXPLAIN. */
  drop(): Promise<void>;
}

/** The server of BENCH_DATABASE_URL without its database name. */
export function benchServerUrl(): string {
  const url = new URL((process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/^mariadb:/, 'mysql:'));
  url.pathname = '';
  return url.toString().replace(/\/$/, '');
}

/**
 * Creates (replacing one of the same name) and migrates the database `name`; with `reuse`,
 * keeps what an earlier --keep run left and only applies pending migrations.
 */
export async function createBenchDatabase(name: string, options: { reuse?: boolean } = {}): Promise<BenchDatabase> {
  const server = benchServerUrl();
  const admin = await createConnection(server);
  try {
    if (!options.reuse) {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  } finally {
    await admin.end();
  }
  const url = `${server}/${name}`;
  await runMigrations(url);
  return {
    name,
    url,
    server,
    async drop() {
      if (process.argv.includes('--keep')) {
        console.log(`kept database ${name} (--keep): drop it when done`);
        return;
      }
      const conn = await createConnection(server);
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}

export interface BenchApi {
  app: INestApplication;
  /** `http://127.0.0.1:<port>/api/v1` */
  base: string;
  /** A bearer token of the benchmark's admin. */
  adminToken(): Promise<string>;
}

const BENCH_ADMIN = { username: 'admin', password: 'bench-password-1' };

/** The real HTTP API on a free loopback port, over `database`, with an admin to sign in as. */
export async function startBenchApi(database: BenchDatabase): Promise<BenchApi> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `bench-${process.pid}`,
    APP_ROLE: 'api',
    ADMIN_USERNAME: BENCH_ADMIN.username,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'error',
    LOGIN_MAX_ATTEMPTS: '1000',
  });
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/v1`;
  return {
    app,
    base,
    async adminToken() {
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
      if (!res.ok) throw new Error(`POST /auth/login: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
  };
}
