import { Body, Get, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import type { Response } from 'express';
import { CalendarService } from '../calendar/calendar.service';
import { addDays, isLocalDate } from '../common/time/local-date';
import { DayKind } from '../calendar/working-days';
import { ChannelsService } from '../channels/channels.service';
import { ListChannelsQuery } from '../channels/channels.dto';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { IMPORT_MAX_BYTES } from '../common/upload';
import { AuditService } from '../audit/audit.service';
import { ListUsersQuery } from '../org/users.dto';
import { UnitsService } from '../org/units.service';
import { UsersService } from '../org/users.service';
import { BUILT_IN_REQUIREMENTS } from '../requirements/built-in-requirements';
import { ConsolePage, ConsoleRequest, redirectWith, renderPage } from './console-page';
import { ConsoleUpload } from './console-form.interceptor';
import { AuditFormatter, unitIdsOf } from './audit-view';
import { attempt } from './forms';
import { cnDateTime } from './view-format';
import { requireRole } from './roles';

/** 管理: the units tree, users, channels, CSV imports and the calendar, for admins. */
@ConsolePage('console/admin')
export class ConsoleAdminPage {
  constructor(
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly channels: ChannelsService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  index(@Req() req: ConsoleRequest, @Res() res: Response) {
    requireRole(req.actor, 'admin');
    renderPage(req, res, 'console/admin/index.njk');
  }

  @Get('units')
  async unitsPage(@Req() req: ConsoleRequest, @Res() res: Response) {
    requireRole(req.actor, 'admin');
    renderPage(req, res, 'console/admin/units.njk', { tree: await this.units.tree(req.actor) });
  }

  @Get('users')
  async usersPage(@Req() req: ConsoleRequest, @Res() res: Response, @Query('page') page = '1') {
    requireRole(req.actor, 'admin');
    const query = Object.assign(new ListUsersQuery(), { page: Math.max(1, Number(page) || 1), pageSize: 100 });
    const [users, allUnits] = await Promise.all([this.users.list(req.actor, query), this.units.list(req.actor)]);
    // Every user's unit is named, but only active units are offered for a new user.
    renderPage(req, res, 'console/admin/users.njk', { users, units: allUnits.filter((u) => u.active), unitNames: Object.fromEntries(allUnits.map((u) => [u.id, u.shortName ?? u.name])) });
  }

  @Post('users')
  async createUser(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, string>) {
    await attempt(res, '/console/admin/users', '用户已创建', () =>
      this.users.create(req.actor, {
        username: body.username?.trim(),
        password: body.password,
        displayName: body.displayName?.trim(),
        email: body.email?.trim(),
        role: body.role as never,
        unitId: Number(body.unitId),
      }),
    );
  }

  @Post('users/:id/deactivate')
  async deactivate(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number) {
    await attempt(res, '/console/admin/users', '用户已停用', () => this.users.deactivate(req.actor, id));
  }

  @Get('channels')
  async channelsPage(@Req() req: ConsoleRequest, @Res() res: Response, @Query('page') page = '1', @Query('kind') kind?: string) {
    requireRole(req.actor, 'admin');
    const query = Object.assign(new ListChannelsQuery(), { page: Math.max(1, Number(page) || 1), pageSize: 100, kind: kind || undefined });
    const [channels, units] = await Promise.all([this.channels.list(req.actor, query), this.units.pickable(req.actor)]);
    renderPage(req, res, 'console/admin/channels.njk', { channels, kind, unitNames: Object.fromEntries(units.map((u) => [u.id, u.shortName ?? u.name])) });
  }

  @Get('imports')
  importsPage(@Req() req: ConsoleRequest, @Res() res: Response) {
    requireRole(req.actor, 'admin');
    renderPage(req, res, 'console/admin/imports.njk');
  }

  /** The same all-or-nothing import as the API; every bad row is shown on the page. */
  @Post('imports')
  @ConsoleUpload({ field: 'file', maxFiles: 1, maxFileBytes: IMPORT_MAX_BYTES })
  async importFile(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, string>, @UploadedFile() file?: Express.Multer.File) {
    if (!file?.buffer?.length) return renderPage(req, res, 'console/admin/imports.njk', { errors: ['请选择要导入的 CSV 文件'], kind: body.kind }, 400);
    try {
      const result = body.kind === 'channels' ? await this.channels.importCsv(req.actor, file.buffer) : await this.units.importCsv(req.actor, file.buffer);
      renderPage(req, res, 'console/admin/imports.njk', { result, kind: body.kind, fileName: file.originalname });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403) throw error;
      const messages = Array.isArray(error.messages) ? error.messages : [error.messages];
      renderPage(req, res, 'console/admin/imports.njk', { errors: messages, kind: body.kind, fileName: file.originalname }, error.status);
    }
  }

  @Get('calendar')
  async calendarPage(@Req() req: ConsoleRequest, @Res() res: Response, @Query('year') yearParam?: string) {
    requireRole(req.actor, 'admin');
    const today = this.calendar.localDateOf(this.clock.now());
    const year = Number(yearParam) || Number(today.slice(0, 4));
    const calendar = await this.calendar.calendar();
    const days = calendar.hasYear(year) ? await this.calendar.listDays(`${year}-01-01`, `${year}-12-31`) : [];
    const months = Array.from({ length: 12 }, (_, m) => {
      const prefix = `${year}-${String(m + 1).padStart(2, '0')}`;
      return { month: m + 1, days: days.filter((d) => d.date.startsWith(prefix)) };
    });
    const special = days.filter((d) => d.kind === 'holiday' || d.kind === 'makeup_workday');
    renderPage(req, res, 'console/admin/calendar.njk', { year, covered: calendar.coveredYears(), months, special, hasYear: calendar.hasYear(year) });
  }

  @Post('calendar/days')
  async updateDay(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, string>) {
    const back = `/console/admin/calendar?year=${String(body.date ?? '').slice(0, 4)}`;
    if (!isLocalDate(body.date)) return redirectWith(res, back, { error: '日期无效，格式 YYYY-MM-DD' });
    await attempt(res, back, `${body.date} 已更新`, () => this.calendar.updateDay(req.actor, body.date, { kind: body.kind as DayKind, name: body.name || undefined }));
  }

  /** The year's notice as text: one holiday per line `2027-10-01 国庆节`, make-up days one per line. */
  @Post('calendar/years')
  async loadYear(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, string>) {
    const year = Number(body.year);
    const back = `/console/admin/calendar?year=${year}`;
    const holidays = expandHolidayLines(body.holidays ?? '');
    const makeupWorkdays = (body.makeupWorkdays ?? '').split(/[\s,，、]+/).filter(Boolean);
    await attempt(res, back, `${year} 年工作日历已载入`, () => this.calendar.loadYear(req.actor, year, { holidays, makeupWorkdays }));
  }

  @Get('audit')
  async auditPage(@Req() req: ConsoleRequest, @Res() res: Response, @Query('page') page = '1') {
    requireRole(req.actor, 'admin');
    const list = await this.audit.list({}, Object.assign(new PageQuery(), { page: Math.max(1, Number(page) || 1), pageSize: 100 }));
    const units = await this.units.findByIds(unitIdsOf(list.items));
    const requirementTitles = Object.fromEntries(BUILT_IN_REQUIREMENTS.map((r) => [r.code, r.title]));
    const formatter = new AuditFormatter((v) => cnDateTime(v, this.calendar.timeZone), new Map(units.map((u) => [u.id, u.shortName ?? u.name])), requirementTitles);
    renderPage(req, res, 'console/admin/audit.njk', { list, entries: list.items.map((e) => formatter.describe(e)) });
  }
}

/** `2027-10-01 国庆节` or a range `2027-10-01~2027-10-07 国庆节`, one per line. */
export function expandHolidayLines(text: string): { date: string; name: string }[] {
  const out: { date: string; name: string }[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const match = /^(\d{4}-\d{2}-\d{2})(?:\s*[~至-]\s*(\d{4}-\d{2}-\d{2}))?\s+(.+)$/.exec(line);
    if (!match) {
      out.push({ date: line, name: '' });
      continue;
    }
    const [, from, to, name] = match;
    if (!to || !isLocalDate(from) || !isLocalDate(to)) {
      out.push({ date: from, name: name.trim() });
      continue;
    }
    for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push({ date: d, name: name.trim() });
  }
  return out;
}
