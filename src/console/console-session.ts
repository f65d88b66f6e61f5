import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/config';

export const SESSION_COOKIE = 'duban_session';
export const PRELOGIN_COOKIE = 'duban_prelogin';

/**
 * The console's session is the same JWT the API issues, kept in an HttpOnly, SameSite=Lax
 * cookie (Secure when PUBLIC_URL is https); signing out revokes it like any token. Forms carry
 * a CSRF token derived from it (HMAC of the session under the signing secret), so a page on
 * another site cannot post for the user; the sign-in form uses a random double-submit cookie
 * instead.
 */
export function cookieOptions(config: AppConfig, maxAgeMs?: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.startsWith('https://'),
    path: '/',
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  };
}

export function csrfTokenFor(secret: string, session: string): string {
  return createHmac('sha256', secret).update(`csrf:${session}`).digest('base64url');
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sessionOf(req: Request): string | undefined {
  return (req as Request & { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
}

/** A token for the sign-in form, paired with a cookie of the same value. */
export function issuePreloginToken(config: AppConfig, res: Response): string {
  const token = randomBytes(24).toString('base64url');
  res.cookie(PRELOGIN_COOKIE, token, cookieOptions(config, 30 * 60 * 1000));
  return token;
}

export function preloginCookie(req: Request): string | undefined {
  return (req as Request & { cookies?: Record<string, string> }).cookies?.[PRELOGIN_COOKIE];
}
