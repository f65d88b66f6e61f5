import { Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { CommonErrorStatus } from '../common/errors';
import { ApiCreated, ApiErrors, ApiErrorStatuses, ApiPage } from '../common/openapi';
import { FileImport, UploadedCsv } from '../common/upload';
import { OrgErrorStatus } from '../org/org.errors';
import { ReportErrorStatus } from './reports.errors';
import { DisclosureImportResult, DisclosureStat } from './reports.openapi';
import { DisclosureStatsService } from './disclosure-stats.service';
import { ListDisclosureStatsQuery } from './reports.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('disclosure-stats')
export class DisclosureStatsController {
  constructor(private readonly stats: DisclosureStatsService) {}

  @Get()
  @ApiOperation({ summary: 'List disclosure statistics in scope' })
  @ApiPage(DisclosureStat)
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Query() query: ListDisclosureStatsQuery) {
    return this.stats.list(actor, query);
  }

  /** CSV or XLSX (first sheet): unit_code, unit_name, month, cumulative_total, month_count, application_count. */
  @Post('import')
  @ApiOperation({
    summary: 'Import monthly disclosure statistics (CSV or XLSX)',
    description: 'Columns `unit_code, unit_name, month, cumulative_total, month_count, application_count`; all or nothing with every bad row named; re-importing a month replaces it for the units in the file.',
  })
  @ApiCreated(DisclosureImportResult, 'Imported')
  @ApiErrors(ReportErrorStatus, 'DISCLOSURE_READ_ONLY_ROLE')
  @ApiErrors(CommonErrorStatus, 'BAD_REQUEST')
  @ApiErrorStatuses(413)
  @Roles('admin', 'supervisor')
  @FileImport()
  import(@CurrentActor() actor: Actor, @UploadedCsv() file: Buffer) {
    return this.stats.importFile(actor, file);
  }
}
