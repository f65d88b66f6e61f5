import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor } from '../common/actor';
import { Public } from '../common/auth';
import { ConsoleErrorFilter } from './console.filter';
import { ConsoleFormInterceptor } from './console-form.interceptor';
import { ConsoleGuard } from './console.guard';
import { navFor } from './nav';

export type ConsoleRequest = Request & { actor: Actor; csrfToken: string; session: string; missingCalendarYears?: number[] };

/**
 * A console controller: served outside /api/v1, signed in by cookie (ConsoleGuard) instead of
 * a bearer token, state-changing requests CSRF-checked (ConsoleFormInterceptor), errors
 * rendered as pages. Paths live under /console (and / for the home
 * page) so they never collide with API routes excluded from the global prefix.
 *
 * A console action calls the same service method as its API twin and checks no role itself:
 * the service decides (role and scope), so the page and the API cannot disagree. Pages only
 * ask the services what to offer (`mayWaive`, `allowedActions`).
 */
export function ConsolePage(path = 'console'): ClassDecorator {
  return applyDecorators(Controller(path), Public(), UseGuards(ConsoleGuard), UseInterceptors(ConsoleFormInterceptor), UseFilters(ConsoleErrorFilter), ApiExcludeController());
}

/** Renders a page with what every page needs: the user, the CSRF token, the current path. */
export function renderPage(req: ConsoleRequest, res: Response, view: string, context: Record<string, unknown> = {}, status = 200): void {
  const flash = typeof req.query.flash === 'string' ? req.query.flash : undefined;
  const error = typeof req.query.error === 'string' ? req.query.error : undefined;
  const missingCalendarYears = req.missingCalendarYears ?? [];
  res.status(status).render(view, { actor: req.actor, csrfToken: req.csrfToken, path: req.path, nav: navFor(req.actor), flash, error, missingCalendarYears, ...context });
}

/** Back to a page with a message in the query (post/redirect/get). */
export function redirectWith(res: Response, to: string, params: { flash?: string; error?: string }): void {
  const url = new URL(to, 'http://x');
  if (params.flash) url.searchParams.set('flash', params.flash);
  if (params.error) url.searchParams.set('error', params.error);
  res.redirect(303, `${url.pathname}${url.search}`);
}
