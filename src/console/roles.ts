import { ForbiddenException } from '@nestjs/common';
import { Actor, Role } from '../common/actor';

/** A page only some roles may open; others get the 403 page. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new ForbiddenException('您的角色无权访问此页面');
}
