import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { contentDisposition } from './evidence-files';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor';
import { AcceptTaskDto, ExportTasksQuery, ListTasksQuery, ReasonDto, SubmitTaskDto } from './rectification.dto';
import { TasksService, UploadedEvidenceFile } from './tasks.service';

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListTasksQuery) {
    return this.tasks.list(actor, query);
  }

  // Declared before ':id' so "export" is not read as an id.
  @Get('export')
  async export(@CurrentActor() actor: Actor, @Query() query: ExportTasksQuery) {
    const file = await this.tasks.export(actor, query);
    return new StreamableFile(file.content, { type: file.mime, disposition: contentDisposition(file.fileName), length: file.content.length });
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.tasks.get(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
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
  accept(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: AcceptTaskDto) {
    return this.tasks.accept(actor, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ReasonDto) {
    return this.tasks.reject(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ReasonDto) {
    return this.tasks.cancel(actor, id, dto);
  }

  @Get(':id/evidence/:evidenceId')
  @Header('X-Content-Type-Options', 'nosniff')
  async evidence(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('evidenceId', ParseIntPipe) evidenceId: number) {
    const file = await this.tasks.evidenceFile(actor, id, evidenceId);
    return new StreamableFile(file.stream, { type: file.mime, disposition: contentDisposition(file.fileName), length: file.size });
  }
}
