import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../common/actor';
import { IS_PUBLIC, ROLES_KEY } from '../common/auth';
import { AuthService } from './auth.service';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() then checks the role (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('未登录：请在 Authorization 头中提供 Bearer 令牌');
    const actor = await this.auth.actorFromToken(token);
    if (!actor) throw new UnauthorizedException('令牌无效、已过期、已退出登录或账号已停用，请重新登录');
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`您的角色（${actor.role}）无权执行此操作`);
    return true;
  }
}
