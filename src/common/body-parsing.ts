import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { json, raw, urlencoded } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { Observable } from 'rxjs';
import { badRequest, CommonError } from './errors';

export const MB = 1024 * 1024;

/** What a route's body may be, by type; a type not listed is left unread (multipart, streams). */
export interface BodyLimits {
  /** application/json; default 1 MB. */
  json?: number;
  /** application/x-www-form-urlencoded (console forms); default 1 MB. */
  form?: number;
  /** A file as the raw body (`text/csv`, XLSX, …): only on routes that declare it. */
  raw?: { bytes: number; types: string[] };
}

const BODY_LIMITS = 'duban:bodyLimits';
const DEFAULTS: Required<Pick<BodyLimits, 'json' | 'form'>> = { json: 1 * MB, form: 1 * MB };

/** Per-route body limits, merged over the defaults (1 MB JSON and form bodies, no raw body). */
export const BodyLimit = (limits: BodyLimits) => SetMetadata(BODY_LIMITS, limits);

const parsers = new Map<string, RequestHandler>();

function parserFor(kind: 'json' | 'form' | 'raw', bytes: number, types?: string[]): RequestHandler {
  const key = `${kind}:${bytes}:${types?.join(',') ?? ''}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser = kind === 'json' ? json({ limit: bytes }) : kind === 'form' ? urlencoded({ extended: false, limit: bytes }) : raw({ limit: bytes, type: types });
    parsers.set(key, parser);
  }
  return parser;
}

function run(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => parser(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** body-parser's errors (http-errors with a `type`) as Duban's, in Chinese. */
function translate(error: unknown, limit: number): unknown {
  const type = (error as { type?: string }).type;
  switch (type) {
    case 'entity.too.large':
      return new CommonError('PAYLOAD_TOO_LARGE', `请求体过大：本接口最多接受 ${megabytes(limit)}`);
    case 'entity.parse.failed':
      return badRequest('请求体不是有效的 JSON，请检查引号、逗号和括号是否成对');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new CommonError('UNSUPPORTED_MEDIA_TYPE', '请求体的字符集或压缩方式不受支持：请使用 UTF-8，不压缩或 gzip');
    case 'request.aborted':
    case 'request.size.invalid':
      return badRequest('请求体不完整：上传中断或长度与 Content-Length 不符');
    case 'entity.verify.failed':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return badRequest('无法读取请求体');
    default:
      return error;
  }
}

/**
 * Reads request bodies route by route, after the guards. Nest runs every guard before any
 * interceptor, so an unauthenticated request is refused (401, or the sign-in page) before a
 * byte of its body is read, and each route reads only the types and sizes it declares:
 * `@BodyLimit({ json: 10 * MB })` for a large batch, `raw` for a file import. Multipart bodies
 * are left to the route's upload interceptor, streamed imports to the route itself.
 */
@Injectable()
export class BodyParsingInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const limits = { ...DEFAULTS, ...this.reflector.getAllAndOverride<BodyLimits | undefined>(BODY_LIMITS, [context.getHandler(), context.getClass()]) };
    if (req.is('application/json')) await this.parse(parserFor('json', limits.json), req, res, limits.json);
    else if (req.is('application/x-www-form-urlencoded')) await this.parse(parserFor('form', limits.form), req, res, limits.form);
    else if (limits.raw && req.is(limits.raw.types)) await this.parse(parserFor('raw', limits.raw.bytes, limits.raw.types), req, res, limits.raw.bytes);
    return next.handle();
  }

  private async parse(parser: RequestHandler, req: Request, res: Response, limit: number): Promise<void> {
    try {
      await run(parser, req, res);
    } catch (error) {
      throw translate(error, limit);
    }
  }
}
