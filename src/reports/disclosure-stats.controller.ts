import { Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { FileImport, UploadedCsv } from '../common/upload';
import { DisclosureStatsService } from './disclosure-stats.service';
import { ListDisclosureStatsQuery } from './reports.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('disclosure-stats')
export class DisclosureStatsController {
  constructor(private readonly stats: DisclosureStatsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListDisclosureStatsQuery) {
    return this.stats.list(actor, query);
  }

  /** CSV or XLSX (first sheet): unit_code, unit_name, month, cumulative_total, month_count, application_count. */
  @Post('import')
  @Roles('admin', 'supervisor')
  @FileImport()
  import(@CurrentActor() actor: Actor, @UploadedCsv() file: Buffer) {
    return this.stats.importFile(actor, file);
  }
}
