import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module';
import { DisclosureStatsController } from './disclosure-stats.controller';
import { DisclosureStatsRepository } from './disclosure-stats.repository';
import { DisclosureStatsService } from './disclosure-stats.service';
import { DisclosureStatEntity } from './entities/disclosure-stat.entity';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Disclosure statistics and the monthly report (政务公开月报) as JSON, DOCX and XLSX. */
@Module({
  imports: [TypeOrmModule.forFeature([DisclosureStatEntity]), OrgModule],
  controllers: [DisclosureStatsController, ReportsController],
  providers: [DisclosureStatsRepository, ReportsRepository, DisclosureStatsService, ReportsService],
  exports: [DisclosureStatsService, ReportsService],
})
export class ReportsModule {}
