import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth';
import { DomainError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthService } from '../org/auth.service';
import { ConsoleErrorFilter } from './console.filter';
import { cookieOptions, issuePreloginToken, preloginCookie, sameToken, SESSION_COOKIE, sessionOf, csrfTokenFor } from './console-session';

function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
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
  ) {}

  @Get('login')
  form(@Query('next') next: string, @Res() res: Response) {
    res.render('console/login.njk', { next: safeNext(next), loginToken: issuePreloginToken(this.config, res) });
  }

  @Post('login')
  async login(@Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    const next = safeNext(body.next);
    const again = (error: string, status: number) =>
      res.status(status).render('console/login.njk', { next, error, username: body.username, loginToken: issuePreloginToken(this.config, res) });
    if (!sameToken(body._csrf, preloginCookie(req))) return again('页面已过期，请重新登录', 403);
    if (!body.username || !body.password) return again('请输入用户名和密码', 400);
    try {
      const result = await this.auth.login({ username: String(body.username), password: String(body.password) }, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, result.accessToken, cookieOptions(this.config));
      res.redirect(303, next);
    } catch (error) {
      if (error instanceof DomainError) return again(error.message, error.status);
      throw error;
    }
  }

  @Post('logout')
  logout(@Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    const session = sessionOf(req);
    // Signing out needs the page's token too, so another site cannot sign a user out.
    if (session && sameToken(body._csrf, csrfTokenFor(this.config, session))) res.clearCookie(SESSION_COOKIE, cookieOptions(this.config));
    res.redirect(303, '/login');
  }
}
