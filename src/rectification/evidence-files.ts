// Evidence files are judged by their first bytes, never by their name or the client's
// Content-Type: a PDF named .png is a PDF, and an .exe named .png is refused.
import { createHash } from 'node:crypto';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 10;

export type EvidenceMime = 'image/png' | 'image/jpeg' | 'application/pdf';

const SIGNATURES: { mime: EvidenceMime; bytes: number[]; ext: string }[] = [
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: 'png' },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff], ext: 'jpg' },
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], ext: 'pdf' }, // %PDF-
];

/** The type the content says it is, or null when it is none of PNG, JPEG and PDF. */
export function sniffEvidenceType(content: Buffer): EvidenceMime | null {
  for (const { mime, bytes } of SIGNATURES) {
    if (content.length >= bytes.length && bytes.every((b, i) => content[i] === b)) return mime;
  }
  return null;
}

export function extensionOf(mime: EvidenceMime): string {
  return SIGNATURES.find((s) => s.mime === mime)!.ext;
}

export function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Where a file lives under the upload directory: content-addressed, two levels of fan-out. */
export function evidenceRelativePath(sha256: string): string {
  return `evidence/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * A file name safe to keep and to send back: no directories, no control characters, at most
 * 200 characters; the extension is made to match the real type.
 */
export function cleanFileName(original: string | undefined, mime: EvidenceMime): string {
  const base = (original ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 190) || 'evidence';
  return `${stem}.${extensionOf(mime)}`;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
