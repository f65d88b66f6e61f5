import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CalendarService } from '../calendar/calendar.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthService } from '../org/auth.service';
import { ConsoleCsrfRejected, ConsoleLoginRequired } from './console.errors';
import { csrfTokenFor, sameToken, sessionOf } from './console-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Console pages: the session cookie must hold a valid token of an active user (else the
 * browser goes to /login), and every state-changing request must carry the CSRF token in the
 * `_csrf` form field or the `X-CSRF-Token` header (else 403). Roles and scope are then the
 * services' business, exactly as for the API.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { actor?: unknown; csrfToken?: string; session?: string; missingCalendarYears?: number[] }>();
    const session = sessionOf(req);
    const actor = session ? await this.auth.actorFromToken(session) : null;
    if (!session || !actor) throw new ConsoleLoginRequired(req.originalUrl);
    req.actor = actor;
    req.session = session;
    req.csrfToken = csrfTokenFor(this.config, session);
    // Admins load the calendar; every page tells them while a year they need is missing (the
    // calendar is an in-memory snapshot, so this costs nothing per request).
    if (actor.role === 'admin') req.missingCalendarYears = await this.calendar.missingYears();
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
