import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { BodyLimit, MB } from '../common/body-parsing';
import { PublicationBatchDto } from './publications.dto';
import { PUBLICATION_IMPORT_MAX_BYTES, PublicationsService } from './publications.service';
import { openUpload } from './streamed-upload';

@ApiTags('publications')
@ApiBearerAuth()
@Controller('publications')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  // The body is taken untyped so the global validation pipe leaves it alone: 5,000 items are
  // checked by plain code in the service (class-validator per item is too slow for the target rate).
  @Post()
  @Roles('admin', 'supervisor', 'operator')
  @BodyLimit({ json: 20 * MB })
  @ApiBody({ type: PublicationBatchDto })
  ingest(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.publications.ingest(actor, body);
  }

  @Post('import')
  @Roles('admin', 'supervisor', 'operator')
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'async', required: false, description: 'true: answer 202 {jobId} at once and import in the background' })
  async import(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('async') background?: string) {
    const source = await openUpload(req, PUBLICATION_IMPORT_MAX_BYTES);
    if (background === 'true' || background === '1') {
      res.status(202);
      return this.publications.startImport(actor, source);
    }
    return this.publications.importCsv(actor, source);
  }

  @Get('import/:jobId')
  importJob(@CurrentActor() actor: Actor, @Param('jobId') jobId: string) {
    return this.publications.getImportJob(actor, jobId);
  }
}
