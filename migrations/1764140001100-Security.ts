import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in state lives in MySQL, so no decision depends on Redis (issue 11, items 3, 5, 6, 7):
 *
 * - `app_secret`: the token-signing secret generated on first start when JWT_SECRET is unset.
 *   Every instance reads the same row (the first to start inserts it; `INSERT IGNORE` makes a
 *   race harmless), so tokens issued by one instance verify on all of them.
 * - `auth_session`: one row per sign-in; its random id is the token's `sid` claim and every
 *   request joins it, so signing out, a password or role change and deactivation revoke tokens
 *   and console cookies at once, not at their expiry.
 * - `login_attempt`: failed sign-ins per normalised username and per address within a window.
 *   `subject` compares with utf8mb4_unicode_ci, the collation of `app_user.username`, so every
 *   spelling that reaches one account (case, accents, trailing spaces) shares one counter.
 */
export class Security1764140001100 implements MigrationInterface {
  name = 'Security1764140001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_secret (
        name VARCHAR(64) NOT NULL,
        value VARCHAR(255) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (name)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
    await q.query(`
      CREATE TABLE auth_session (
        id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        user_id INT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_session_user (user_id, revoked_at),
        KEY ix_session_expires (expires_at),
        CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES app_user (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE login_attempt (
        scope VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        subject VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
        failures INT NOT NULL,
        window_ends_at DATETIME(3) NOT NULL,
        PRIMARY KEY (scope, subject),
        KEY ix_login_attempt_window (window_ends_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE login_attempt');
    await q.query('DROP TABLE auth_session');
    await q.query('DROP TABLE app_secret');
  }
}
