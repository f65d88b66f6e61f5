import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { CalendarYearMissingError } from '../calendar/working-days';
import { ConsoleErrorFilter, isPageRequest } from '../console/console.filter';
import { DomainError } from './errors';

/**
 * The one place errors become responses: domain errors by their module's table, Nest's
 * HttpExceptions as they are, anything else as a 500 whose correlation id (the request id)
 * is also in the log.
 */
@Catch()
export class GlobalErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly pages = new ConsoleErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    if (!res || typeof res.status !== 'function') throw exception;

    if (exception instanceof NotFoundException && isPageRequest(req)) {
      // An unknown address outside the API is a person in a browser: the console's 404 page.
      this.pages.catch(exception, host);
      return;
    }

    if (exception instanceof DomainError) {
      res.status(exception.status).json({
        statusCode: exception.status,
        error: STATUS_CODES[exception.status] ?? 'Error',
        code: exception.code,
        message: exception.messages,
      });
      return;
    }
    if (exception instanceof CalendarYearMissingError) {
      // A deadline reached a year whose holiday schedule has not been loaded: never guessed.
      res.status(422).json({ statusCode: 422, error: STATUS_CODES[422], code: 'CALENDAR_YEAR_MISSING', message: exception.message, year: exception.year });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      res.status(status).json(typeof body === 'string' ? { statusCode: status, error: STATUS_CODES[status], message: body } : body);
      return;
    }
    if (isPayloadTooLarge(exception)) {
      res.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: '上传的内容过大' });
      return;
    }
    const correlationId = String(req?.id ?? res.getHeader('x-request-id') ?? '');
    this.logger.error({ err: exception, correlationId }, 'Unexpected error');
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      error: 'Internal Server Error',
      message: `服务器内部错误，请联系管理员并提供编号 ${correlationId}`,
      correlationId,
    });
  }
}

function isPayloadTooLarge(error: unknown): boolean {
  const e = error as { type?: string; code?: string; status?: number };
  return e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE' || e?.status === 413;
}
