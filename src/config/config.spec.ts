import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/duban', REDIS_URL: 'redis://127.0.0.1:6379' };

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('accepts the minimum and fills the defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ port: 3000, appRole: 'all', timeZone: 'Asia/Shanghai', smtpUrl: null, queuePrefix: 'duban', jwtExpiresIn: '8h', linkCheckAllowPrivate: false });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    [{ REDIS_URL: base.REDIS_URL }, /^DATABASE_URL is missing: expected a URL like mysql:/],
    [{ ...base, DATABASE_URL: 'not a url' }, /^DATABASE_URL is malformed/],
    [{ ...base, DATABASE_URL: 'postgres://x@h:5432/db' }, /^DATABASE_URL has scheme postgres: expected mysql or mariadb/],
    [{ ...base, DATABASE_URL: 'mysql://root@127.0.0.1:3306' }, /^DATABASE_URL names no database/],
    [{ DATABASE_URL: base.DATABASE_URL }, /^REDIS_URL is missing/],
    [{ ...base, REDIS_URL: 'http://127.0.0.1:6379' }, /^REDIS_URL has scheme http: expected redis or rediss/],
    [{ ...base, SMTP_URL: 'mail.example.com' }, /^SMTP_URL is malformed/],
    [{ ...base, SMTP_URL: 'http://mail:25' }, /^SMTP_URL has scheme http/],
    [{ ...base, APP_ROLE: 'web' }, /^APP_ROLE is "web": expected api, worker or all/],
    [{ ...base, PORT: '70000' }, /^PORT is "70000"/],
    [{ ...base, APP_TIMEZONE: 'Mars/Olympus' }, /^APP_TIMEZONE is "Mars\/Olympus"/],
    [{ ...base, LINK_CHECK_ALLOW_PRIVATE: 'maybe' }, /^LINK_CHECK_ALLOW_PRIVATE is "maybe": expected true or false/],
    [{ ...base, JWT_SECRET: 'x'.repeat(31) }, /^JWT_SECRET is 31 bytes long: expected at least 32 bytes/],
    [{ ...base, JWT_SECRET: 'duban-development-secret-change-me' }, /^JWT_SECRET is a published value/],
    [{ ...base, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'password1234' }, /^ADMIN_PASSWORD does not meet the password policy/],
    [{ ...base, ADMIN_USERNAME: 'admin' }, /^ADMIN_PASSWORD is missing/],
  ])('names the variable and what it expects (%#)', (env, expected) => {
    const message = problem(env as Record<string, string>);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });

  it('reads the mail sending settings, with defaults', () => {
    expect(loadConfig(base)).toMatchObject({ mailSendAttempts: 5, mailRetryDelayMs: 30_000, mailConcurrency: 10 });
    expect(loadConfig({ ...base, MAIL_SEND_ATTEMPTS: '3', MAIL_RETRY_DELAY_MS: '200', MAIL_CONCURRENCY: '20' })).toMatchObject({ mailSendAttempts: 3, mailRetryDelayMs: 200, mailConcurrency: 20 });
  });

  it.each([
    [{ ...base, MAIL_SEND_ATTEMPTS: '0' }, /^MAIL_SEND_ATTEMPTS is "0": expected a whole number from 1 to 50/],
    [{ ...base, MAIL_RETRY_DELAY_MS: 'soon' }, /^MAIL_RETRY_DELAY_MS is "soon": expected a whole number/],
    [{ ...base, MAIL_CONCURRENCY: '1000' }, /^MAIL_CONCURRENCY is "1000": expected a whole number from 1 to 200/],
  ])('names a bad mail setting (%#)', (env, expected) => {
    expect(problem(env as Record<string, string>)).toMatch(expected);
  });

  it('takes a JWT secret of 32 bytes or more, counting bytes, not characters', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'a-very-long-production-secret-0123456789' }).jwtSecret).toBe('a-very-long-production-secret-0123456789');
    expect(loadConfig({ ...base, JWT_SECRET: '督办'.repeat(6) }).jwtSecret).toBe('督办'.repeat(6));
  });

  it('leaves the secret to the database when JWT_SECRET is unset, in production too', () => {
    expect(loadConfig(base).jwtSecret).toBeNull();
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).jwtSecret).toBeNull();
  });
});
