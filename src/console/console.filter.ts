import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CalendarYearMissingError } from '../calendar/working-days';
import { databaseFailureAsDomainError } from '../common/database-errors';
import { DomainError } from '../common/errors';
import { inChinese } from '../common/error.filter';
import { ConsoleCsrfRejected, ConsoleLoginRequired } from './console.errors';
import { navFor } from './nav';

/** A request a browser makes for a page: anything but the API, its documents and the health check. */
export function isPageRequest(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !/^\/(api|health)(\/|$)/.test(req.path);
}

/**
 * Errors on console pages become pages, not JSON: no session → the sign-in page; a bad CSRF
 * token → 403; anything outside the user's scope → the same 404 as an unknown page; a broken
 * rule → the message shown on an error page with a way back.
 */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { actor?: unknown; csrfToken?: string; id?: string }>();
    const res = ctx.getResponse<Response>();
    if (exception instanceof ConsoleLoginRequired) {
      res.redirect(303, `/login?next=${encodeURIComponent(exception.next)}`);
      return;
    }
    let status = 500;
    let message: string | string[] = '服务器内部错误，请联系管理员';
    const domain = exception instanceof DomainError ? exception : databaseFailureAsDomainError(exception);
    if (exception instanceof ConsoleCsrfRejected) {
      status = 403;
      message = '页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试';
    } else if (domain) {
      status = domain.status;
      message = domain.messages;
    } else if (exception instanceof CalendarYearMissingError) {
      status = 422;
      message = exception.message;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse() as { message?: string | string[] };
      message = inChinese(typeof body === 'string' ? body : (body.message ?? exception.message))!;
    } else {
      this.logger.error({ err: exception, correlationId: req.id }, 'Unexpected console error');
      message = `服务器内部错误，请联系管理员并提供编号 ${req.id ?? ''}`;
    }
    if (status === 404) message = '页面不存在，或不在您的管理范围内';
    if (status === 403 && !(exception instanceof ConsoleCsrfRejected) && !domain) message = '您的角色无权执行此操作';
    const context = {
      status,
      messages: Array.isArray(message) ? message : [message],
      actor: req.actor,
      nav: navFor(req.actor as never),
      // Pages nobody is signed in for (an unknown address) still say where they are.
      brandOnly: !req.actor,
      path: req.path,
      csrfToken: req.csrfToken,
      back: req.get('referer') ?? '/',
    };
    // If the error page itself cannot render, the message still reaches the user as text.
    res.render('console/error.njk', context, (err: Error | null, html?: string) => {
      if (err) {
        this.logger.error({ err, correlationId: req.id }, 'Error page failed to render');
        res.status(status).type('text/plain; charset=utf-8').send(context.messages.join('\n'));
      } else {
        res.status(status).type('html').send(html);
      }
    });
  }
}
