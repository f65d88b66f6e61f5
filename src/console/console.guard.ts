import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CalendarService } from '../calendar/calendar.service';
import { AuthService } from '../org/auth.service';
import { SIGNING_SECRET } from '../org/signing-secret';
import { ConsoleLoginRequired } from './console.errors';
import { csrfTokenFor, sessionOf } from './console-session';

/**
 * Console pages: the session cookie must hold a valid token of a live session of an active
 * user, else the browser goes to /login. The CSRF check of state-changing requests needs the
 * body, which is read only after the guards, so it is ConsoleFormInterceptor's. Roles and
 * scope are then the services' business, exactly as for the API.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    @Inject(SIGNING_SECRET) private readonly secret: string,
    private readonly calendar: CalendarService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { actor?: unknown; csrfToken?: string; session?: string; missingCalendarYears?: number[] }>();
    const session = sessionOf(req);
    const actor = session ? await this.auth.actorFromToken(session) : null;
    if (!session || !actor) throw new ConsoleLoginRequired(req.originalUrl);
    req.actor = actor;
    req.session = session;
    req.csrfToken = csrfTokenFor(this.secret, session);
    // Admins load the calendar; every page tells them while a year they need is missing (the
    // calendar is an in-memory snapshot, so this costs nothing per request).
    if (actor.role === 'admin') req.missingCalendarYears = await this.calendar.missingYears();
    return true;
  }
}
