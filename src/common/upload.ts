import { applyDecorators, CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { BodyLimit, MB } from './body-parsing';
import { badRequest, CommonError } from './errors';

export const IMPORT_MAX_BYTES = 100 * MB;
export const RAW_UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** The files a multipart form may carry: in which field, how many, how large each. */
export interface UploadSpec {
  field: string;
  maxFiles: number;
  maxFileBytes: number;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}

/** multer's error codes as a person should read them. */
function translate(error: unknown, spec: UploadSpec): unknown {
  switch ((error as { code?: string }).code) {
    case 'LIMIT_FILE_SIZE':
      return new CommonError('PAYLOAD_TOO_LARGE', `上传的文件过大：每个文件不能超过 ${megabytes(spec.maxFileBytes)}`);
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return badRequest(`文件只能通过字段 ${spec.field} 上传，最多 ${spec.maxFiles} 个`);
    case 'LIMIT_PART_COUNT':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_FIELD_VALUE':
    case 'LIMIT_FIELD_COUNT':
    case 'MISSING_FIELD_NAME':
      return badRequest('表单字段过多或过长');
    default:
      return error instanceof Error && !(error instanceof CommonError) ? badRequest(`无法读取上传的表单：${error.message}`) : error;
  }
}

/**
 * Reads a multipart body into memory (fields into `req.body`; one file into `req.file` when
 * `maxFiles` is 1, else `req.files`). Called by route interceptors, so after the guards.
 */
export function readMultipart(req: Request, res: Response, spec: UploadSpec): Promise<void> {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send UTF-8 file names (整改截图.png) without declaring a charset.
    defParamCharset: 'utf8',
    limits: { fileSize: spec.maxFileBytes, files: spec.maxFiles, fields: 50, fieldSize: MB },
  });
  const handler = spec.maxFiles === 1 ? upload.single(spec.field) : upload.array(spec.field, spec.maxFiles);
  return new Promise((resolve, reject) => handler(req, res, (error: unknown) => (error ? reject(translate(error, spec)) : resolve())));
}

/** Reads a multipart body by its spec when the request is multipart; other bodies pass by. */
@Injectable()
export class MultipartInterceptor implements NestInterceptor {
  constructor(private readonly spec: UploadSpec) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is('multipart/form-data')) await readMultipart(req, context.switchToHttp().getResponse<Response>(), this.spec);
    return next.handle();
  }
}

/**
 * An import route: the file comes either as the raw request body (`Content-Type: text/csv`
 * or the XLSX type) or as the multipart field `file`, at most IMPORT_MAX_BYTES, and either is
 * read only once the caller is known to be signed in and allowed (see body-parsing.ts).
 */
export function FileImport(): MethodDecorator {
  return applyDecorators(
    BodyLimit({ raw: { bytes: IMPORT_MAX_BYTES, types: RAW_UPLOAD_TYPES } }),
    UseInterceptors(new MultipartInterceptor({ field: 'file', maxFiles: 1, maxFileBytes: IMPORT_MAX_BYTES })),
    ApiConsumes('text/csv', 'multipart/form-data'),
    ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }),
  );
}

export const UploadedCsv = createParamDecorator((_: unknown, ctx: ExecutionContext): Buffer => {
  const req = ctx.switchToHttp().getRequest();
  if (req.file?.buffer) return req.file.buffer as Buffer;
  if (Buffer.isBuffer(req.body)) return req.body;
  throw badRequest('缺少文件：请以 text/csv 请求体或 multipart 字段 file 上传');
});
