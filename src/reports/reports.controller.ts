import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { contentDisposition } from './content-disposition';
import { MonthlyReportQuery } from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('monthly')
  @ApiProduces('application/json', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async monthly(@CurrentActor() actor: Actor, @Query() query: MonthlyReportQuery) {
    if (query.format === 'json') return this.reports.monthly(actor, query);
    const file = await this.reports.monthlyFile(actor, { ...query, format: query.format });
    return new StreamableFile(file.content, { type: file.mime, disposition: contentDisposition(file.fileName), length: file.content.length });
  }
}
