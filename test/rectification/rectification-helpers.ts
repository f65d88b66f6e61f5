import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '../support/test-app';

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\x00\x00\x00\x0dIHDR screenshot bytes')]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

export function tempUploadDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'duban-evidence-'));
}

/** Every file under a directory, recursively (relative paths). */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as any).path, e.name));
  } catch {
    return [];
  }
}

/** supertest parser that keeps the body as bytes (exports, evidence downloads). */
export function binary(res: any, done: (err: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

export function api(t: TestApp, token: string) {
  const http = t.http();
  return {
    get: (path: string) => http.get(`/api/v1${path}`).auth(token, { type: 'bearer' }),
    post: (path: string, body?: object) => http.post(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body ?? {}),
    put: (path: string, body?: object) => http.put(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body ?? {}),
    patch: (path: string, body?: object) => http.patch(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body ?? {}),
    multipart: (path: string) => http.post(`/api/v1${path}`).auth(token, { type: 'bearer' }),
  };
}
