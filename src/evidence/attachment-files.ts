// Attestation files are judged by their first bytes, never by their name or the client's
// Content-Type, and stored content-addressed under UPLOAD_DIR.
import { createHash } from 'node:crypto';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export type AttachmentMime = 'image/png' | 'image/jpeg' | 'application/pdf';

const SIGNATURES: { mime: AttachmentMime; bytes: number[]; ext: string }[] = [
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: 'png' },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff], ext: 'jpg' },
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], ext: 'pdf' }, // %PDF-
];

export function sniffAttachmentType(content: Buffer): AttachmentMime | null {
  for (const { mime, bytes } of SIGNATURES) {
    if (content.length >= bytes.length && bytes.every((b, i) => content[i] === b)) return mime;
  }
  return null;
}

export function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function attachmentRelativePath(sha256: string): string {
  return `attestations/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * Multer (busboy) reads multipart file names as latin1; browsers send UTF-8. A name whose
 * characters are all bytes and form valid UTF-8 is read again as UTF-8 (国庆值班表.pdf).
 */
export function utf8FileName(name: string | undefined): string | undefined {
  if (!name || !/^[\x00-\xff]*$/.test(name)) return name;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name, 'latin1'));
  } catch {
    return name;
  }
}

/** No directories, no control characters, at most 200 characters, the extension of the real type. */
export function cleanFileName(original: string | undefined, mime: AttachmentMime): string {
  const ext = SIGNATURES.find((s) => s.mime === mime)!.ext;
  const base = (utf8FileName(original) ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 190) || 'attestation';
  return `${stem}.${ext}`;
}
