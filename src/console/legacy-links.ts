import type { NextFunction, Request, Response } from 'express';

const LEGACY = /^\/(tasks|messages|checklist-items)(\/\d+)?\/?$/;

/**
 * Emails planned before the console had a page for each subject link to `/tasks/42`,
 * `/messages/7`, `/checklist-items/9` and `/tasks?overdue=true…` under PUBLIC_URL; those
 * emails (sent, or still waiting in the outbox with their rendered body) open the console
 * page they meant. The API lives under /api/v1, so these paths are never API routes.
 */
export function legacyEmailLinks(req: Request, res: Response, next: NextFunction): void {
  const match = req.method === 'GET' || req.method === 'HEAD' ? LEGACY.exec(req.path) : null;
  if (!match || (!match[2] && match[1] !== 'tasks')) return next();
  const q = req.originalUrl.indexOf('?');
  const search = q >= 0 ? req.originalUrl.slice(q) : '';
  res.redirect(301, `/console/${match[1]}${match[2] ?? ''}${search}`);
}
