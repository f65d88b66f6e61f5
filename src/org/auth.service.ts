import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from '../queue/redis';
import { LoginDto, LoginResponse } from './auth.dto';
import { OrgError } from './org.errors';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { UsersRepository } from './users.repository';

interface TokenClaims {
  sub: number;
  role: string;
  unitId: number;
}

/**
 * Sign-in with argon2id hashes and expiring JWTs. Failed attempts are counted in Redis per
 * username and per address (so every API replica sees the same counts); past the limit the
 * login answers 429 until the window passes.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, address: string): Promise<LoginResponse> {
    const keys = [this.attemptKey('user', dto.username.toLowerCase()), this.attemptKey('addr', address)];
    const counts = await this.redis.mget(...keys);
    const limits = [this.config.loginMaxAttempts, this.config.loginMaxAttemptsPerAddress];
    if (counts.some((c, i) => Number(c ?? 0) >= limits[i])) {
      throw new OrgError('AUTH_TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${Math.ceil(this.config.loginWindowSeconds / 60)} 分钟后再试`);
    }
    const user = await this.users.findByUsernameWithHash(dto.username);
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!user || !ok || !user.active) {
      const tx = this.redis.multi();
      for (const key of keys) tx.incr(key).expire(key, this.config.loginWindowSeconds, 'NX');
      await tx.exec();
      throw new OrgError('AUTH_INVALID_CREDENTIALS', '用户名或密码错误，或账号已停用');
    }
    await this.redis.del(keys[0]);
    const claims: TokenClaims = { sub: user.id, role: user.role, unitId: user.unitId };
    const accessToken = await this.jwt.signAsync(claims);
    await this.audit.record({ id: user.id, username: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { address } });
    return {
      accessToken,
      expiresIn: this.config.jwtExpiresIn,
      user: { id: user.id, username: user.username, role: user.role, unitId: user.unitId, displayName: user.displayName },
    };
  }

  /** The actor behind a token, or null when the token is invalid or the user inactive. */
  async actorFromToken(token: string): Promise<Actor | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    const user = await this.users.findActiveActor(Number(claims.sub));
    if (!user) return null;
    return { id: user.id, username: user.username, role: user.role, unitId: user.unitId, unitPath: user.unitPath };
  }

  private attemptKey(kind: 'user' | 'addr', value: string): string {
    return `${this.config.queuePrefix}:login-attempts:${kind}:${value}`;
  }
}
