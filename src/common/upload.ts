import { applyDecorators, createParamDecorator, ExecutionContext, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { badRequest } from './errors';

export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
export const RAW_UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/**
 * An import route: the file comes either as the raw request body (`Content-Type: text/csv`
 * or the XLSX type, parsed by the raw body parser set up in main) or as the multipart field
 * `file`.
 */
export function FileImport(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } })),
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
