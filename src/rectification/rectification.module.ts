import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsModule } from '../channels/channels.module';
import { OrgModule } from '../org/org.module';
import { RectificationDashboardController } from './dashboard.controller';
import { FindingEntity } from './entities/finding.entity';
import { RectificationSettingEntity } from './entities/rectification-setting.entity';
import { TaskEvidenceEntity } from './entities/task-evidence.entity';
import { TaskOccurrenceEntity } from './entities/task-occurrence.entity';
import { TaskTransitionEntity } from './entities/task-transition.entity';
import { TaskEntity } from './entities/task.entity';
import { EvidenceStorage } from './evidence-storage';
import { FindingsController } from './findings.controller';
import { FindingsService } from './findings.service';
import { RectificationSettingsController } from './rectification-settings.controller';
import { RectificationRepository } from './rectification.repository';
import { RectificationService } from './rectification.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Findings and rectification tasks. Other modules use RectificationService (checklist misses, figures). */
@Module({
  imports: [
    TypeOrmModule.forFeature([FindingEntity, TaskEntity, TaskOccurrenceEntity, TaskTransitionEntity, TaskEvidenceEntity, RectificationSettingEntity]),
    OrgModule,
    ChannelsModule,
  ],
  controllers: [FindingsController, TasksController, RectificationDashboardController, RectificationSettingsController],
  providers: [RectificationRepository, RectificationService, FindingsService, TasksService, EvidenceStorage],
  exports: [RectificationService, TasksService, FindingsService],
})
export class RectificationModule {}
