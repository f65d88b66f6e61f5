import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { ApiErrors } from '../common/openapi';
import { OrgErrorStatus } from '../org/org.errors';
import { ReportErrorStatus } from './reports.errors';
import { MonthlyReport } from './reports.openapi';
import { contentDisposition } from './content-disposition';
import { MonthlyReportQuery } from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('monthly')
  @ApiOperation({
    summary: 'The monthly report (政务公开月报) of a unit',
    description: 'For the caller\'s unit unless `unitId` names another in scope. `format=json` (default) answers the report; `docx` (the official-document layout) and `xlsx` (one sheet per table) answer a file.',
  })
  @ApiExtraModels(MonthlyReport)
  @ApiResponse({
    status: 200,
    description: 'The report: JSON, or the DOCX/XLSX file with Content-Disposition naming it',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MonthlyReport) } },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(ReportErrorStatus, 'REPORT_MONTH_IN_FUTURE')
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  @ApiProduces('application/json', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async monthly(@CurrentActor() actor: Actor, @Query() query: MonthlyReportQuery) {
    if (query.format === 'json') return this.reports.monthly(actor, query);
    const file = await this.reports.monthlyFile(actor, { ...query, format: query.format });
    return new StreamableFile(file.content, { type: file.mime, disposition: contentDisposition(file.fileName), length: file.content.length });
  }
}
