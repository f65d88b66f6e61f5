import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, Role } from './actor';
import { documentErrors } from './openapi';

export const IS_PUBLIC = 'duban:isPublic';
export const ROLES_KEY = 'duban:roles';

/** The route needs no token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route; others get 403 (and /api/docs says which roles may). */
export const Roles = (...roles: Role[]): MethodDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), documentErrors([{ status: 403, description: `Only for the roles ${roles.join(', ')}` }]));

/** The signed-in user, put on the request by the auth guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});
