import { Inject, Injectable } from '@nestjs/common';
import { createReadStream, ReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { evidenceRelativePath } from './evidence-files';

export interface StoredFile {
  relativePath: string;
  /** False when a file with the same content was already stored (and is shared). */
  created: boolean;
}

/**
 * Evidence files on disk under UPLOAD_DIR, named by SHA-256, so the same screenshot handed in
 * twice is stored once. A write goes to a temporary name and is renamed into place, so a
 * reader never sees half a file. `remove` is for undoing writes whose transaction failed.
 */
@Injectable()
export class EvidenceStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private absolute(relativePath: string): string {
    return join(resolve(this.config.uploadDir), relativePath);
  }

  async put(sha256: string, content: Buffer): Promise<StoredFile> {
    const relativePath = evidenceRelativePath(sha256);
    const target = this.absolute(relativePath);
    if (await exists(target)) return { relativePath, created: false };
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, target);
    return { relativePath, created: true };
  }

  async remove(files: StoredFile[]): Promise<void> {
    await Promise.all(files.filter((f) => f.created).map((f) => rm(this.absolute(f.relativePath), { force: true })));
  }

  open(relativePath: string): ReadStream {
    return createReadStream(this.absolute(relativePath));
  }

  exists(relativePath: string): Promise<boolean> {
    return exists(this.absolute(relativePath));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
