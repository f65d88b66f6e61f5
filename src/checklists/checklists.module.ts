import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { QueueName } from '../queue/queues';
import { RectificationModule } from '../rectification/rectification.module';
import { RequirementsModule } from '../requirements/requirements.module';
import { ChecklistItemsController, ChecklistsController, ComplianceDashboardController, UnitChecklistController } from './checklists.controller';
import { ChecklistsProcessor } from './checklists.processor';
import { ChecklistsRepository } from './checklists.repository';
import { ChecklistsService } from './checklists.service';

/** Generation, evaluation and the views over checklist items. */
@Module({
  imports: [OrgModule, RequirementsModule, RectificationModule],
  controllers: [ChecklistsController, ChecklistItemsController, UnitChecklistController, ComplianceDashboardController],
  providers: [ChecklistsRepository, ChecklistsService],
  exports: [ChecklistsService],
})
export class ChecklistsModule {}

/** Listed in AppModule's `workerModules`: only worker roles run the checklist schedules. */
@Module({
  imports: [ChecklistsModule, BullModule.registerQueue({ name: QueueName.Checklists })],
  providers: [ChecklistsProcessor],
})
export class ChecklistsWorkerModule {}
