import type { Request } from 'express';
import { Readable } from 'node:stream';
import { EvidenceError } from './evidence.errors';

// busboy ships without type declarations; this is the part of its API used here.
const busboy = require('busboy') as (config: { headers: Request['headers']; limits?: { files?: number; fileSize?: number } }) => NodeJS.WritableStream & {
  on(event: 'file', listener: (name: string, stream: Readable, info: { filename: string; mimeType: string }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'close', listener: () => void): void;
};

export const MISSING_FILE = '缺少文件：请以 text/csv 请求体或 multipart 字段 file 上传';

/**
 * The uploaded file of a streamed import, as a stream of bytes, never buffered whole:
 *  - multipart: the field `file`, read by busboy as it arrives;
 *  - a body already buffered by a route that declared a raw body limit: that buffer;
 *  - any other raw body: the request itself (the route declares no raw limit, so nothing
 *    before the handler reads it; see common/body-parsing.ts).
 */
export function openUpload(req: Request, maxBytes: number): Promise<Readable> {
  if (Buffer.isBuffer(req.body)) {
    if (!req.body.length) return Promise.reject(new EvidenceError('EVIDENCE_INVALID', MISSING_FILE));
    return Promise.resolve(Readable.from([req.body]));
  }
  if (req.is('multipart/form-data')) return multipartFile(req, maxBytes);
  if (req.readableEnded || !req.headers['content-length'] && !req.headers['transfer-encoding']) {
    return Promise.reject(new EvidenceError('EVIDENCE_INVALID', MISSING_FILE));
  }
  return Promise.resolve(req);
}

function multipartFile(req: Request, maxBytes: number): Promise<Readable> {
  return new Promise((resolve, reject) => {
    let found = false;
    const parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes } });
    parser.on('file', (name, stream) => {
      if (name !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('limit', () => stream.destroy(new EvidenceError('EVIDENCE_FILE_TOO_LARGE', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB：请分成几个文件导入`)));
      resolve(stream);
    });
    parser.on('error', (error) => (found ? undefined : reject(new EvidenceError('EVIDENCE_INVALID', `multipart 格式错误：${error.message}`))));
    parser.on('close', () => (found ? undefined : reject(new EvidenceError('EVIDENCE_INVALID', MISSING_FILE))));
    req.pipe(parser);
  });
}
