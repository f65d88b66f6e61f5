import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthService } from '../org/auth.service';
import { SIGNING_SECRET } from '../org/signing-secret';
import { ConsoleCsrfRejected, ConsoleLoginRequired } from './console.errors';
import { csrfTokenFor, sameToken, sessionOf } from './console-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Console pages: the session cookie must hold a valid token of a live session of an active user (else the
 * browser goes to /login), and every state-changing request must carry the CSRF token in the
 * `_csrf` form field or the `X-CSRF-Token` header (else 403). Roles and scope are then the
 * services' business, exactly as for the API.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    @Inject(SIGNING_SECRET) private readonly secret: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { actor?: unknown; csrfToken?: string; session?: string }>();
    const session = sessionOf(req);
    const actor = session ? await this.auth.actorFromToken(session) : null;
    if (!session || !actor) throw new ConsoleLoginRequired(req.originalUrl);
    req.actor = actor;
    req.session = session;
    req.csrfToken = csrfTokenFor(this.secret, session);
    if (!SAFE_METHODS.has(req.method)) {
      // Multipart bodies are parsed after guards run, so upload forms carry the token in
      // their action URL (or the X-CSRF-Token header when sent by script).
      const multipart = req.is('multipart/form-data');
      const sent =
        (req.body && typeof req.body === 'object' ? req.body._csrf : undefined) ??
        req.get('x-csrf-token') ??
        (multipart && typeof req.query._csrf === 'string' ? req.query._csrf : undefined);
      if (!sameToken(sent, req.csrfToken)) throw new ConsoleCsrfRejected();
    }
    return true;
  }
}
