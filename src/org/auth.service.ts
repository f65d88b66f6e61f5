import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LoginDto, LoginResponse } from './auth.dto';
import { AuthRepository } from './auth.repository';
import { OrgError } from './org.errors';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { addressKey, usernameKey } from './sign-in-keys';
import { SIGNING_SECRET } from './signing-secret';
import { UsersRepository } from './users.repository';

interface TokenClaims {
  sub: number;
  /** The session (auth_session.id) the token belongs to; revoking it revokes the token. */
  sid: string;
  role: string;
  unitId: number;
  exp?: number;
}

const SESSION_ID = /^[0-9a-f]{32}$/;

/**
 * Sign-in with argon2id hashes and expiring JWTs, each tied to a session row that every
 * request checks, so signing out, a password or role change and deactivation take effect at
 * once. Failed attempts are counted in MySQL per username (folded the way the database
 * compares usernames) and per address; each attempt is counted before its password is checked,
 * so past the limit an attempt answers 429 unchecked until the window passes. Redis is not
 * involved: signing in works while it is down.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly auth: AuthRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(SIGNING_SECRET) private readonly secret: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, address: string): Promise<LoginResponse> {
    const now = this.clock.now();
    const windowEndsAt = new Date(now.getTime() + this.config.loginWindowSeconds * 1000);
    const userKey = usernameKey(dto.username);
    const addrKey = addressKey(address);
    const perUser = await this.auth.countAttempt('user', userKey, now, windowEndsAt);
    const perAddress = await this.auth.countAttempt('addr', addrKey, now, windowEndsAt);
    if (perUser > this.config.loginMaxAttempts || perAddress > this.config.loginMaxAttemptsPerAddress) {
      throw new OrgError('AUTH_TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${Math.ceil(this.config.loginWindowSeconds / 60)} 分钟后再试`);
    }
    const user = await this.users.findByUsernameWithHash(dto.username);
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!user || !ok || !user.active) {
      // The attempt stays counted against both keys.
      await this.auth.deleteEndedAttempts(now);
      throw new OrgError('AUTH_INVALID_CREDENTIALS', '用户名或密码错误，或账号已停用');
    }
    await this.auth.clearAttempts('user', userKey);
    await this.auth.uncountAttempt('addr', addrKey);

    const sessionId = randomBytes(16).toString('hex');
    const claims: TokenClaims = { sub: user.id, sid: sessionId, role: user.role, unitId: user.unitId };
    const accessToken = await this.jwt.signAsync(claims, { secret: this.secret });
    // The session lives as long as its token, by the token's own clock (jsonwebtoken checks
    // `exp` against the real time, whatever Clock the app runs on).
    const { iat, exp } = this.jwt.decode<{ iat: number; exp: number }>(accessToken);
    await this.auth.insertSession(sessionId, user.id, new Date(iat * 1000), new Date(exp * 1000));
    await this.auth.deleteExpiredSessions(new Date(iat * 1000));
    await this.audit.record({ id: user.id, username: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { address } });
    return {
      accessToken,
      expiresIn: this.config.jwtExpiresIn,
      user: { id: user.id, username: user.username, role: user.role, unitId: user.unitId, displayName: user.displayName },
    };
  }

  /**
   * The actor behind a token, or null when the token is invalid, expired or has no expiry,
   * its claims are malformed, its session was revoked or the user is inactive.
   */
  async actorFromToken(token: string): Promise<Actor | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: this.secret });
    } catch {
      return null;
    }
    const userId = Number(claims.sub);
    if (typeof claims.exp !== 'number' || !Number.isSafeInteger(userId) || userId < 1 || typeof claims.sid !== 'string' || !SESSION_ID.test(claims.sid)) return null;
    const user = await this.auth.findActorInLiveSession(userId, claims.sid);
    if (!user) return null;
    return { id: user.id, username: user.username, role: user.role, unitId: user.unitId, unitPath: user.unitPath, sessionId: claims.sid };
  }

  /** Ends the session the actor signed in with: its token and console cookie stop working. */
  async logout(actor: Actor): Promise<void> {
    if (actor.sessionId) await this.auth.revokeSession(actor.sessionId, this.clock.now());
    await this.audit.record(actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
  }

  /** Ends every session of the actor, on every device. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.auth.revokeSessionsOfUser(actor.id, this.clock.now());
    await this.audit.record(actor, { action: 'auth.logout_everywhere', entityType: 'user', entityId: actor.id });
  }
}
