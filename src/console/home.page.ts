import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { HomeData } from './home-data';

/** 工作台: what each role needs first thing in the morning. */
@ConsolePage('')
export class ConsoleHomePage {
  constructor(private readonly home: HomeData) {}

  @Get()
  async index(@Req() req: ConsoleRequest, @Res() res: Response, @Query('unitId') unitId?: string) {
    renderPage(req, res, 'console/home.njk', await this.home.forActor(req.actor, Number(unitId) || undefined));
  }
}
