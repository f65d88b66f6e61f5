import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from './evidence-files';
import { RectificationError } from './rectification.errors';

/**
 * Reads a multipart submission (fields plus up to EVIDENCE_MAX_FILES files in `files`) into
 * memory, before validation; a plain JSON body passes through. Multer's errors become ours,
 * so a 10 MB + 1 byte file is a 413 that says so in Chinese.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send UTF-8 file names (整改截图.png) without declaring a charset.
    defParamCharset: 'utf8',
    limits: { fileSize: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_FILES, fields: 50, fieldSize: 64 * 1024 },
  }).array('files', EVIDENCE_MAX_FILES);

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    if (req.is('multipart/form-data')) {
      await new Promise<void>((resolve, reject) => this.upload(req, res, (error: unknown) => (error ? reject(translate(error)) : resolve())));
    }
    return next.handle();
  }
}

function translate(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  const mb = EVIDENCE_MAX_BYTES / 1024 / 1024;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return new RectificationError('EVIDENCE_TOO_LARGE', `证明材料文件过大：每个文件不能超过 ${mb} MB`);
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return new RectificationError('EVIDENCE_TOO_MANY', `证明材料只能通过字段 files 上传，最多 ${EVIDENCE_MAX_FILES} 个文件`);
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_VALUE':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_PART_COUNT':
      return new RectificationError('EVIDENCE_TOO_MANY', '表单字段过多或过长');
    default:
      return code ? new RectificationError('EVIDENCE_BAD_TYPE', `无法读取上传的表单：${(error as Error).message}`) : error;
  }
}
