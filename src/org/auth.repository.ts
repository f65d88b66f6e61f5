import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UserWithUnitPath } from './users.repository';

export type AttemptScope = 'user' | 'addr';

// MySQL and MariaDB read `2022-09-29T02:00:00.000` as a DATETIME; the app's sessions are UTC.
const sqlInstant = (d: Date) => d.toISOString().slice(0, 23);

/** Sign-in state in MySQL: the generated signing secret, sessions and failed-attempt counters. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The secret stored under `name`, created from `generate()` if there is none. Instances that
   * start together may both generate one; `INSERT IGNORE` keeps the first and every instance
   * then reads that one.
   */
  async findOrCreateSecret(name: string, generate: () => string): Promise<string> {
    await this.dataSource.query('INSERT IGNORE INTO app_secret (name, value) VALUES (?, ?)', [name, generate()]);
    const rows: { value: string }[] = await this.dataSource.query('SELECT value FROM app_secret WHERE name = ?', [name]);
    return rows[0].value;
  }

  async insertSession(id: string, userId: number, createdAt: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query('INSERT INTO auth_session (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [id, userId, sqlInstant(createdAt), sqlInstant(expiresAt)]);
  }

  /** The active user of a session that has not been revoked, with the path of their unit. */
  async findActorInLiveSession(userId: number, sessionId: string): Promise<UserWithUnitPath | null> {
    const rows: UserWithUnitPath[] = await this.dataSource.query(
      `SELECT usr.id, usr.username, usr.role, usr.unit_id AS unitId, u.path AS unitPath
         FROM auth_session s
         JOIN app_user usr ON usr.id = s.user_id
         JOIN unit u ON u.id = usr.unit_id
        WHERE s.id = ? AND s.user_id = ? AND s.revoked_at IS NULL AND usr.active = 1`,
      [sessionId, userId],
    );
    return rows[0] ?? null;
  }

  async revokeSession(sessionId: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE auth_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [sqlInstant(at), sessionId]);
  }

  /** Revokes every live session of the user; in the caller's transaction when given one. */
  async revokeSessionsOfUser(userId: number, at: Date, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query('UPDATE auth_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [sqlInstant(at), userId]);
  }

  /** Sessions past their expiry are useless (their tokens have expired too); a bounded batch. */
  async deleteExpiredSessions(before: Date): Promise<void> {
    await this.dataSource.query('DELETE FROM auth_session WHERE expires_at < ? LIMIT 1000', [sqlInstant(before)]);
  }

  /**
   * Counts one more sign-in attempt against `subject` and returns the count, in one atomic
   * statement: concurrent attempts each get their own number, so no two can both see the
   * count below the limit. A window that has ended starts again at 1. (`LAST_INSERT_ID(expr)`
   * hands the new count back in the statement's own answer, on whichever pooled connection.)
   * The assignments run left to right, so `failures` still sees the old window.
   */
  async countAttempt(scope: AttemptScope, subject: string, now: Date, windowEndsAt: Date): Promise<number> {
    const result: { insertId: number } = await this.dataSource.query(
      `INSERT INTO login_attempt (scope, subject, failures, window_ends_at) VALUES (?, ?, LAST_INSERT_ID(1), ?)
       ON DUPLICATE KEY UPDATE
         failures = LAST_INSERT_ID(IF(window_ends_at <= ?, 1, failures + 1)),
         window_ends_at = IF(window_ends_at <= ?, ?, window_ends_at)`,
      [scope, subject, sqlInstant(windowEndsAt), sqlInstant(now), sqlInstant(now), sqlInstant(windowEndsAt)],
    );
    return Number(result.insertId);
  }

  /** Takes back one counted attempt (a sign-in that succeeded is no failure of its address). */
  async uncountAttempt(scope: AttemptScope, subject: string): Promise<void> {
    await this.dataSource.query('UPDATE login_attempt SET failures = GREATEST(failures - 1, 0) WHERE scope = ? AND subject = ?', [scope, subject]);
  }

  async clearAttempts(scope: AttemptScope, subject: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempt WHERE scope = ? AND subject = ?', [scope, subject]);
  }

  /** Counters whose window has ended count nothing; a bounded batch, so a sign-in stays cheap. */
  async deleteEndedAttempts(now: Date): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempt WHERE window_ends_at < ? LIMIT 500', [sqlInstant(now)]);
  }
}
