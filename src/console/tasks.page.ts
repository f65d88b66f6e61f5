import { Body, Get, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFiles } from '@nestjs/common';
import type { Response } from 'express';
import { ChannelsService } from '../channels/channels.service';
import { ListChannelsQuery } from '../channels/channels.dto';
import { Clock } from '../common/clock';
import { UnitsService } from '../org/units.service';
import { AcceptTaskDto, CreateFindingDto, ExportTasksQuery, ListTasksQuery, ReasonDto, SubmitTaskDto } from '../rectification/rectification.dto';
import { FINDING_CATEGORIES } from '../rectification/rectification-settings';
import { FindingsService } from '../rectification/findings.service';
import { TasksService } from '../rectification/tasks.service';
import { ConsolePage, ConsoleRequest, renderPage } from './console-page';
import { ConsoleUpload } from './console-form.interceptor';
import { attempt, formDto } from './forms';

const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** 整改任务 and 问题登记: the list, a task's page and its transitions, the finding form. */
@ConsolePage('console')
export class ConsoleTasksPage {
  constructor(
    private readonly tasks: TasksService,
    private readonly findings: FindingsService,
    private readonly units: UnitsService,
    private readonly channels: ChannelsService,
    private readonly clock: Clock,
  ) {}

  @Get('tasks')
  async list(@Req() req: ConsoleRequest, @Res() res: Response, @Query() raw: Record<string, string>) {
    const filters = { ...raw };
    delete filters.flash;
    delete filters.error;
    const query = await formDto(ListTasksQuery, { pageSize: '50', sort: 'dueAt', ...filters });
    query.page ??= 1;
    query.pageSize ??= 50;
    const [page, units] = await Promise.all([this.tasks.list(req.actor, query), this.units.pickable(req.actor)]);
    const exportQuery = new URLSearchParams(Object.entries(filters).filter(([k, v]) => v && k !== 'page')).toString();
    renderPage(req, res, 'console/tasks/list.njk', { page, units, filters, exportQuery });
  }

  @Get('tasks/export')
  async export(@Req() req: ConsoleRequest, @Res() res: Response, @Query() raw: Record<string, string>) {
    const query = await formDto(ExportTasksQuery, raw);
    const file = await this.tasks.export(req.actor, query);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.send(file.content);
  }

  @Get('tasks/:id')
  async detail(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number) {
    const task = await this.tasks.get(req.actor, id);
    const allowed = this.tasks.allowedActions(req.actor, task);
    const can = { submit: allowed.submit, verify: allowed.accept && allowed.reject, cancel: allowed.cancel };
    // A rejected task opens with why it was sent back, so the unit reads it before anything else.
    const rejection = task.status === 'rejected' ? [...task.history].reverse().find((h) => h.to === 'rejected') : undefined;
    renderPage(req, res, 'console/tasks/detail.njk', { task, can, rejection, now: this.clock.now() });
  }

  @Get('tasks/:id/evidence/:evidenceId')
  async evidence(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number, @Param('evidenceId', ParseIntPipe) evidenceId: number) {
    const file = await this.tasks.evidenceFile(req.actor, id, evidenceId);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    file.stream.pipe(res);
  }

  @Post('tasks/:id/submit')
  @ConsoleUpload({ field: 'files', maxFiles: 10, maxFileBytes: EVIDENCE_MAX_BYTES })
  async submit(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: Record<string, string>,
    @UploadedFiles() files: Express.Multer.File[] = [],
  ) {
    const links = String(body.evidenceUrls ?? '')
      .split(/\s+/)
      .map((l) => l.trim())
      .filter(Boolean);
    const back = `/console/tasks/${id}`;
    await attempt(res, back, '已提交整改，等待核验', async () => {
      const dto = await formDto(SubmitTaskDto, { note: body.note, version: body.version, ...(links.length ? { evidenceUrls: links } : {}) });
      await this.tasks.submit(req.actor, id, dto, files.filter((f) => f.size > 0));
    });
  }

  @Post('tasks/:id/accept')
  async accept(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>) {
    await attempt(res, `/console/tasks/${id}`, '已核验通过', async () => this.tasks.accept(req.actor, id, await formDto(AcceptTaskDto, { comment: body.comment, version: body.version })));
  }

  @Post('tasks/:id/reject')
  async reject(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>) {
    await attempt(res, `/console/tasks/${id}`, '已退回整改', async () => this.tasks.reject(req.actor, id, await formDto(ReasonDto, { reason: body.reason, version: body.version })));
  }

  @Post('tasks/:id/cancel')
  async cancel(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>) {
    await attempt(res, `/console/tasks/${id}`, '已撤销任务', async () => this.tasks.cancel(req.actor, id, await formDto(ReasonDto, { reason: body.reason, version: body.version })));
  }

  @Get('findings/new')
  async findingForm(@Req() req: ConsoleRequest, @Res() res: Response, @Query('unitId') unitId?: string) {
    // Every role may record findings, as in the API; an operator's scope is their own unit, so
    // the form offers only that unit and only self-check (自查).
    const units = await this.units.pickable(req.actor);
    const selected = Number(unitId) || (units.length === 1 ? units[0].id : undefined);
    const channels = selected
      ? (await this.channels.list(req.actor, Object.assign(new ListChannelsQuery(), { unitId: selected, pageSize: 500 }))).items
      : [];
    renderPage(req, res, 'console/findings/new.njk', { units, channels, selected, categories: FINDING_CATEGORIES, sources: this.findings.sourcesFor(req.actor) });
  }

  @Post('findings')
  async createFinding(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, string>) {
    let taskId: number | undefined;
    const back = `/console/findings/new${body.unitId ? `?unitId=${encodeURIComponent(body.unitId)}` : ''}`;
    try {
      const dto = await formDto(CreateFindingDto, { ...body, foundAt: body.foundAt?.replace('T', ' ') });
      const finding = await this.findings.create(req.actor, dto);
      taskId = (finding as { taskId?: number }).taskId;
    } catch (error) {
      return attempt(res, back, '', () => Promise.reject(error));
    }
    res.redirect(303, `/console/tasks/${taskId}?flash=${encodeURIComponent('问题已登记，并已生成整改任务')}`);
  }
}
