import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth';
import { DomainError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthService } from '../org/auth.service';
import { SIGNING_SECRET } from '../org/signing-secret';
import { ConsoleErrorFilter } from './console.filter';
import { cookieOptions, csrfTokenFor, issuePreloginToken, preloginCookie, sameToken, SESSION_COOKIE, sessionOf } from './console-session';

/**
 * Where to go after signing in: a path on this site only. `next` is resolved the way a browser
 * resolves a Location header (`/\evil.example` is `//evil.example`, another host), and anything
 * that leaves PUBLIC_URL's origin, or leads back to the sign-in page, goes home instead.
 */
export function safeNext(next: unknown, publicUrl: string): string {
  if (typeof next !== 'string' || !next) return '/';
  let target: URL;
  try {
    target = new URL(next, publicUrl);
  } catch {
    return '/';
  }
  if (target.origin !== new URL(publicUrl).origin || target.pathname === '/login') return '/';
  return `${target.pathname}${target.search}${target.hash}`;
}

/** 登录 / 退出. */
@Controller()
@Public()
@ApiExcludeController()
@UseFilters(ConsoleErrorFilter)
export class ConsoleAuthPage {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_SECRET) private readonly secret: string,
  ) {}

  @Get('login')
  form(@Query('next') next: string, @Res() res: Response) {
    res.render('console/login.njk', { next: safeNext(next, this.config.publicUrl), loginToken: issuePreloginToken(this.config, res) });
  }

  @Post('login')
  async login(@Body() body: Record<string, string> = {}, @Req() req: Request, @Res() res: Response) {
    const next = safeNext(body.next, this.config.publicUrl);
    const again = (loginError: string, status: number) =>
      res.status(status).render('console/login.njk', { next, loginError, username: body.username, loginToken: issuePreloginToken(this.config, res) });
    if (!sameToken(body._csrf, preloginCookie(req))) return again('页面已过期，请重新登录', 403);
    if (!body.username || !body.password) return again('请输入用户名和密码', 400);
    try {
      const result = await this.auth.login({ username: String(body.username), password: String(body.password) }, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, result.accessToken, cookieOptions(this.config));
      res.redirect(303, next);
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) return again(error.message, error.status);
      throw error;
    }
  }

  /** Signs out here (`everywhere=1`: on every device), revoking the session, not only the cookie. */
  @Post('logout')
  async logout(@Body() body: Record<string, string> = {}, @Req() req: Request, @Res() res: Response) {
    const session = sessionOf(req);
    // Signing out needs the page's token too, so another site cannot sign a user out.
    if (session && sameToken(body._csrf, csrfTokenFor(this.secret, session))) {
      const actor = await this.auth.actorFromToken(session);
      if (actor) await (body.everywhere === '1' ? this.auth.logoutEverywhere(actor) : this.auth.logout(actor));
      res.clearCookie(SESSION_COOKIE, cookieOptions(this.config));
    }
    res.redirect(303, '/login');
  }
}
