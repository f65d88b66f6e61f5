import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { databaseFailureAsDomainError } from './database-errors';
import { ConsoleErrorFilter, isPageRequest } from '../console/console.filter';
import { DomainError } from './errors';

/**
 * The one place errors become responses: domain errors by their module's table, Nest's
 * HttpExceptions as they are (their English library messages said in Chinese), a database that
 * does not answer as 503 and a duplicate key as 409, anything else as a 500 whose correlation
 * id (the request id) is also in the log.
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

    const domain = exception instanceof DomainError ? exception : databaseFailureAsDomainError(exception);
    if (domain) {
      if (domain.status >= 500) this.logger.warn({ err: exception, correlationId: req?.id }, domain.message);
      res.status(domain.status).json({
        statusCode: domain.status,
        error: STATUS_CODES[domain.status] ?? 'Error',
        code: domain.code,
        message: domain.messages,
        ...domain.details,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const json = typeof body === 'string' ? { statusCode: status, error: STATUS_CODES[status], message: body } : (body as Record<string, unknown>);
      res.status(status).json({ ...json, message: inChinese(json.message as string | string[] | undefined) });
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

// The English messages Nest and multer (through Nest's file interceptors) put in the
// HttpExceptions they throw, as a person should read them.
const LIBRARY_MESSAGES: Record<string, string> = {
  'File too large': '上传的文件过大，请压缩或分成几个文件后重试',
  'Too many files': '上传的文件过多',
  'Too many parts': '表单内容过多',
  'Too many fields': '表单字段过多',
  'Field name too long': '表单字段名过长',
  'Field value too long': '表单字段内容过长',
  'Unexpected field': '上传了未预期的文件字段',
  'Field name missing': '表单字段缺少名称',
  'Validation failed (numeric string is expected)': '参数必须是整数',
  'Multipart: Boundary not found': '上传的表单格式不正确（缺少 multipart 边界）',
  Unauthorized: '未登录或登录已失效',
  Forbidden: '无权执行此操作',
};

export function inChinese(message: string | string[] | undefined): string | string[] | undefined {
  if (Array.isArray(message)) return message.map((m) => LIBRARY_MESSAGES[m] ?? m);
  if (typeof message === 'string') return LIBRARY_MESSAGES[message] ?? message.replace(/^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (.*)$/, '接口不存在：$1 $2');
  return message;
}

function isPayloadTooLarge(error: unknown): boolean {
  const e = error as { type?: string; code?: string; status?: number };
  return e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE' || e?.status === 413;
}
