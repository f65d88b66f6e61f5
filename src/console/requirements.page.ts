import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirementsService } from '../requirements/requirements.service';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { attempt } from './forms';
import { requireRole } from './roles';

/** 工作要求: the catalogue with its parameters, editable by admins (same validation as the API). */
@ConsolePage('console/admin/requirements')
export class ConsoleRequirementsPage {
  constructor(private readonly requirements: RequirementsService) {}

  @Get()
  async index(@Req() req: ConsoleRequest, @Res() res: Response) {
    requireRole(req.actor, 'admin');
    renderPage(req, res, 'console/admin/requirements.njk', { requirements: await this.requirements.list() });
  }

  @Post(':code')
  async update(@Req() req: ConsoleRequest, @Res() res: Response, @Param('code') code: string, @Body() body: Record<string, string>) {
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (!key.startsWith('param.') || value === '') continue;
      const name = key.slice('param.'.length);
      params[name] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    }
    await attempt(res, '/console/admin/requirements', `${code} 已保存`, () =>
      this.requirements.update(req.actor, code, {
        enabled: body.enabled === 'true',
        severity: (body.severity || undefined) as never,
        deductionPoints: body.deductionPoints === undefined || body.deductionPoints === '' ? undefined : Number(body.deductionPoints),
        params,
      }),
    );
  }
}
