import { createHash } from 'node:crypto';
import { localDateOf, parseInstant } from '../common/time/local-date';
import { normaliseUrl } from './url-normalise';

// One publication as it is inserted. Validation here is plain code rather than class-validator:
// a batch holds up to 5,000 items and ingestion must sustain 20,000 a second (DESIGN.md, issue 5).

export const TITLE_MAX = 500;
export const URL_MAX = 1000;
export const EXTERNAL_ID_MAX = 191;
const DEDUPE_KEY_MAX = 191;

export interface PublicationFields {
  publishedAt: string;
  title?: string | null;
  url?: string | null;
  externalId?: string | null;
}

/** A row of the publication table, in column order: channel_id, published_at, local_date, title, url, external_id, dedupe_key. */
export type PublicationRow = [number, string, string, string | null, string | null, string | null, string | null];

/**
 * The key the same publication is recognised by on one channel: its id on the platform, else
 * its normalised address, else nothing (and it is always a new publication). Keys too long for
 * the index are hashed.
 */
export function dedupeKey(externalId: string | null | undefined, url: string | null | undefined): string | null {
  let key: string;
  if (externalId) key = `e:${externalId}`;
  else if (url) key = `u:${normaliseUrl(url) ?? url.trim()}`;
  else return null;
  return key.length > DEDUPE_KEY_MAX ? `h:${createHash('sha256').update(key).digest('hex')}` : key;
}

/** Problems with one publication's fields, each `field message`; empty when it is fine. */
export function checkPublicationFields(fields: Record<string, unknown>, names: { publishedAt: string; title: string; url: string; externalId: string }, timeZone: string): { problems: string[]; publishedAt: Date | null } {
  const problems: string[] = [];
  const raw = fields.publishedAt;
  const publishedAt = typeof raw === 'string' ? parseInstant(raw, timeZone) : null;
  if (publishedAt === null) problems.push(`${names.publishedAt} 必须是 ISO 8601 时间，如 2022-09-29T10:00:00+08:00（不带时区按本地时间）`);
  else if (publishedAt.getUTCFullYear() < 2000 || publishedAt.getUTCFullYear() > 2199) problems.push(`${names.publishedAt} 超出 2000 到 2199 年的范围`);
  const text = (name: string, value: unknown, max: number) => {
    if (value === undefined || value === null || value === '') return;
    if (typeof value !== 'string') problems.push(`${name} 必须是文本`);
    else if (value.length > max) problems.push(`${name} 过长（最多 ${max} 个字符）`);
  };
  text(names.title, fields.title, TITLE_MAX);
  text(names.url, fields.url, URL_MAX);
  text(names.externalId, fields.externalId, EXTERNAL_ID_MAX);
  if (typeof fields.url === 'string' && fields.url && !/^https?:\/\//i.test(fields.url)) problems.push(`${names.url} 必须以 http:// 或 https:// 开头`);
  return { problems, publishedAt };
}

// MySQL and MariaDB read `2022-09-29T02:00:00.000` as a DATETIME; the app's sessions are UTC.
const sqlInstant = (d: Date) => d.toISOString().slice(0, 23);
const orNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export function toPublicationRow(channelId: number, publishedAt: Date, fields: PublicationFields, timeZone: string): PublicationRow {
  const title = orNull(fields.title);
  const url = orNull(fields.url);
  const externalId = orNull(fields.externalId);
  return [channelId, sqlInstant(publishedAt), localDateOf(publishedAt, timeZone), title, url, externalId, dedupeKey(externalId, url)];
}
