import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { ApiErrors, ApiFile, ApiOk, ApiPage } from '../common/openapi';
import { OrgErrorStatus } from '../org/org.errors';
import { contentDisposition } from './evidence-files';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor';
import { AcceptTaskDto, ExportTasksQuery, ListTasksQuery, ReasonDto, SubmitTaskDto } from './rectification.dto';
import { RectificationErrorStatus } from './rectification.errors';
import { Task, TaskDetail } from './rectification.openapi';
import { TasksService, UploadedEvidenceFile } from './tasks.service';

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'List rectification tasks (整改任务) in scope', description: 'Filter by status, overdue, unit (and its subunits), source, category, requirement and due range; sort by due time or overdue days.' })
  @ApiPage(Task)
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Query() query: ListTasksQuery) {
    return this.tasks.list(actor, query);
  }

  // Declared before ':id' so "export" is not read as an id.
  @Get('export')
  @ApiOperation({ summary: 'Export the rectification ledger (整改台账)', description: 'XLSX or CSV (UTF-8 with BOM) with the list\'s filters, in local time.' })
  @ApiFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiErrors(RectificationErrorStatus, 'EXPORT_TOO_LARGE')
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  async export(@CurrentActor() actor: Actor, @Query() query: ExportTasksQuery) {
    const file = await this.tasks.export(actor, query);
    return new StreamableFile(file.content, { type: file.mime, disposition: contentDisposition(file.fileName), length: file.content.length });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a task with its finding, history, evidence and occurrences' })
  @ApiOk(TaskDetail)
  @ApiErrors(RectificationErrorStatus, 'TASK_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.tasks.get(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit a task as rectified',
    description: 'An operator of the task\'s unit, a supervisor above it or an admin, with a note, links and files (PNG/JPEG/PDF recognised by content, ≤ 10 MB each); `version` refuses a stale change.',
  })
  @ApiOk(TaskDetail)
  @ApiErrors(RectificationErrorStatus, 'TASK_NOT_FOUND', 'TASK_ROLE_NOT_ALLOWED', 'TASK_INVALID_TRANSITION', 'TASK_STALE', 'EVIDENCE_BAD_TYPE', 'EVIDENCE_TOO_MANY', 'EVIDENCE_TOO_LARGE')
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['note'],
      properties: {
        note: { type: 'string' },
        evidenceUrls: { type: 'array', items: { type: 'string' } },
        version: { type: 'integer' },
        files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'PNG, JPEG or PDF, ≤ 10 MB each, ≤ 10 files' },
      },
    },
  })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: SubmitTaskDto, @UploadedFiles() files?: UploadedEvidenceFile[]) {
    return this.tasks.submit(actor, id, dto, files ?? []);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a submitted task (验收)', description: 'A supervisor whose scope holds the unit, or an admin.' })
  @ApiOk(TaskDetail)
  @ApiErrors(RectificationErrorStatus, 'TASK_NOT_FOUND', 'TASK_ROLE_NOT_ALLOWED', 'TASK_INVALID_TRANSITION', 'TASK_STALE')
  accept(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: AcceptTaskDto) {
    return this.tasks.accept(actor, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a submitted task with a reason', description: 'The task is open again for its unit; a supervisor whose scope holds the unit, or an admin.' })
  @ApiOk(TaskDetail)
  @ApiErrors(RectificationErrorStatus, 'TASK_NOT_FOUND', 'TASK_ROLE_NOT_ALLOWED', 'TASK_INVALID_TRANSITION', 'TASK_STALE')
  reject(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ReasonDto) {
    return this.tasks.reject(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an open or rejected task with a reason', description: 'A supervisor whose scope holds the unit, or an admin.' })
  @ApiOk(TaskDetail)
  @ApiErrors(RectificationErrorStatus, 'TASK_NOT_FOUND', 'TASK_ROLE_NOT_ALLOWED', 'TASK_INVALID_TRANSITION', 'TASK_STALE')
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ReasonDto) {
    return this.tasks.cancel(actor, id, dto);
  }

  @Get(':id/evidence/:evidenceId')
  @ApiOperation({ summary: 'Download an evidence file of a task', description: 'Within the same scope as the task.' })
  @ApiFile('image/png', 'image/jpeg', 'application/pdf')
  @ApiErrors(RectificationErrorStatus, 'EVIDENCE_NOT_FOUND')
  @Header('X-Content-Type-Options', 'nosniff')
  async evidence(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('evidenceId', ParseIntPipe) evidenceId: number) {
    const file = await this.tasks.evidenceFile(actor, id, evidenceId);
    return new StreamableFile(file.stream, { type: file.mime, disposition: contentDisposition(file.fileName), length: file.size });
  }
}
