import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { readMultipart, UploadSpec } from '../common/upload';
import { ConsoleCsrfRejected } from './console.errors';
import { sameToken } from './console-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CONSOLE_UPLOAD = 'duban:consoleUpload';

/** A console form that posts files (multipart), with what it may carry. */
export const ConsoleUpload = (spec: UploadSpec) => SetMetadata(CONSOLE_UPLOAD, spec);

/**
 * Every state-changing console request must carry the page's CSRF token in the `_csrf` form
 * field or the `X-CSRF-Token` header (else 403, nothing done) — never in the URL, where it
 * would end up in logs and Referer headers. Runs after the guard (the user is signed in) and
 * after the global body parser (form fields are read); multipart forms are read here, and
 * only on routes declared with @ConsoleUpload, so no other route can be reached with a body
 * the token check would not see.
 */
@Injectable()
export class ConsoleFormInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & { csrfToken?: string }>();
    if (SAFE_METHODS.has(req.method)) return next.handle();
    if (req.is('multipart/form-data')) {
      const spec = this.reflector.get<UploadSpec | undefined>(CONSOLE_UPLOAD, context.getHandler());
      if (!spec) throw new ConsoleCsrfRejected();
      // A multipart post without the token in its header is read (within the spec's limits)
      // before its `_csrf` field can be checked; the session cookie is SameSite, so another
      // site's form cannot make a signed-in browser send one.
      await readMultipart(req, context.switchToHttp().getResponse<Response>(), spec);
    }
    const body = req.body as Record<string, unknown> | undefined;
    const sent = (body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined) ?? req.get('x-csrf-token');
    if (!sameToken(sent, req.csrfToken)) throw new ConsoleCsrfRejected();
    return next.handle();
  }
}
