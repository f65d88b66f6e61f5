import type { NextFunction, Request, Response } from 'express';

/**
 * Only the app's own scripts, styles and images (ECharts included: it is served by the app),
 * no inline script or style, no plugins, forms that post only here, never in a frame. Pages
 * keep data for their scripts in `data-` attributes and styles in app.css for this reason.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Swagger UI (GET /api/docs) sets styles inline; the documentation page alone may use them.
const DOCS_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/**
 * Headers on every answer, pages, API, static files and errors alike. Everything the app
 * computes may name people, units and their problems, so nothing is cached (`no-store`),
 * except the static files under /assets/, which set their own caching.
 */
export function securityHeaders(options: { https: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', req.path.startsWith('/api/docs') ? DOCS_POLICY : CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (!req.path.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
    if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
