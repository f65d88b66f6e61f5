import { passwordProblem } from '../org/password-policy';

export type AppRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  nodeEnv: string;
  port: number;
  appRole: AppRole;
  timeZone: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  /** JWT_SECRET when set; null: the secret generated once and kept in the database (org/signing-secret.ts). */
  jwtSecret: string | null;
  jwtExpiresIn: string;
  adminUsername: string | null;
  adminPassword: string | null;
  linkCheckAllowPrivate: boolean;
  uploadDir: string;
  loginMaxAttempts: number;
  loginMaxAttemptsPerAddress: number;
  loginWindowSeconds: number;
  calendarRefreshSeconds: number;
  logLevel: string;
  /** Sends tried per outbox row before it is `failed` (BullMQ attempts). */
  mailSendAttempts: number;
  /** First retry delay; each further retry doubles it (exponential back-off). */
  mailRetryDelayMs: number;
  /** Emails one worker sends at once (BullMQ concurrency); the SMTP pool's maxConnections bounds connections. */
  mailConcurrency: number;
}

/** A configuration problem, reported as one line naming the variable and what it expects. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expectation: string,
  ) {
    super(`${variable} ${expectation}`);
  }
}

// Secrets that were once defaults of this project, so anyone can sign tokens with them.
const PUBLISHED_JWT_SECRETS = ['duban-development-secret-change-me', 'duban-demo-jwt-secret-change-me-0123456789'];
const JWT_SECRET_MIN_BYTES = 32;

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[], example: string, required: boolean): string | null {
  const raw = env[name]?.trim();
  if (!raw) {
    if (required) throw new ConfigError(name, `is missing: expected a URL like ${example}`);
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is malformed: expected a URL like ${example}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `has scheme ${parsed.protocol.replace(':', '')}: expected ${protocols.map((p) => p.replace(':', '')).join(' or ')}, like ${example}`);
  }
  if (!parsed.hostname) throw new ConfigError(name, `has no host: expected a URL like ${example}`);
  return raw;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `is "${raw}": expected a whole number from ${min} to ${max}`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `is "${raw}": expected true or false`);
}

function timeZone(env: NodeJS.ProcessEnv): string {
  const zone = env.APP_TIMEZONE?.trim() || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError('APP_TIMEZONE', `is "${zone}": expected an IANA time zone such as Asia/Shanghai`);
  }
  return zone;
}

/** DATABASE_URL alone, for the migration CLI. */
export function readDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const databaseUrl = url(env, 'DATABASE_URL', ['mysql:', 'mariadb:'], 'mysql://user:pass@127.0.0.1:3306/duban', true)!;
  if (new URL(databaseUrl).pathname.replace('/', '') === '') {
    throw new ConfigError('DATABASE_URL', 'names no database: expected a URL like mysql://user:pass@127.0.0.1:3306/duban');
  }
  return databaseUrl;
}

/** Reads and validates the environment once, at start; throws ConfigError on the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  const databaseUrl = readDatabaseUrl(env);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379', true)!;
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:pass@127.0.0.1:1025', false);

  const role = env.APP_ROLE?.trim() || 'all';
  if (!['api', 'worker', 'all'].includes(role)) {
    throw new ConfigError('APP_ROLE', `is "${role}": expected api, worker or all`);
  }

  // Unset (in production too): the app generates a secret once and keeps it in the database,
  // so no instance ever signs with a value that is written down anywhere.
  const jwtSecret = env.JWT_SECRET?.trim() || null;
  if (jwtSecret && PUBLISHED_JWT_SECRETS.includes(jwtSecret)) {
    throw new ConfigError('JWT_SECRET', 'is a published value anyone can sign tokens with: set a random one (openssl rand -base64 48) or unset it to use a generated one');
  }
  if (jwtSecret && Buffer.byteLength(jwtSecret, 'utf8') < JWT_SECRET_MIN_BYTES) {
    throw new ConfigError('JWT_SECRET', `is ${Buffer.byteLength(jwtSecret, 'utf8')} bytes long: expected at least ${JWT_SECRET_MIN_BYTES} bytes (openssl rand -base64 48), or unset it to use a generated one`);
  }

  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:'], 'https://duban.example.gov.cn', false);
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const adminUsername = env.ADMIN_USERNAME?.trim() || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (adminUsername && !adminPassword) {
    throw new ConfigError('ADMIN_PASSWORD', 'is missing: it is required when ADMIN_USERNAME is set');
  }
  const adminPasswordProblem = adminPassword ? passwordProblem(adminPassword, adminUsername) : null;
  if (adminPasswordProblem) {
    throw new ConfigError('ADMIN_PASSWORD', `does not meet the password policy (10 characters or more, three of lower case, upper case, digits and symbols, not the username, not a common password): ${adminPasswordProblem}`);
  }

  return {
    nodeEnv,
    port,
    appRole: role as AppRole,
    timeZone: timeZone(env),
    databaseUrl,
    redisUrl,
    queuePrefix: env.QUEUE_PREFIX?.trim() || 'duban',
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'Duban 督办 <duban@localhost>',
    publicUrl: (publicUrl ?? `http://localhost:${port}`).replace(/\/$/, ''),
    jwtSecret,
    jwtExpiresIn: env.JWT_EXPIRES_IN?.trim() || '8h',
    adminUsername,
    adminPassword,
    linkCheckAllowPrivate: bool(env, 'LINK_CHECK_ALLOW_PRIVATE', false),
    uploadDir: env.UPLOAD_DIR?.trim() || './uploads',
    loginMaxAttempts: integer(env, 'LOGIN_MAX_ATTEMPTS', 10, 1, 10000),
    // Offices sit behind one NAT address, so the per-address limit is far higher than per user.
    loginMaxAttemptsPerAddress: integer(env, 'LOGIN_MAX_ATTEMPTS_PER_ADDRESS', 100, 1, 100000),
    loginWindowSeconds: integer(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    calendarRefreshSeconds: integer(env, 'CALENDAR_REFRESH_SECONDS', 30, 1, 60),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    mailSendAttempts: integer(env, 'MAIL_SEND_ATTEMPTS', 5, 1, 50),
    mailRetryDelayMs: integer(env, 'MAIL_RETRY_DELAY_MS', 30_000, 10, 3_600_000),
    mailConcurrency: integer(env, 'MAIL_CONCURRENCY', 10, 1, 200),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
