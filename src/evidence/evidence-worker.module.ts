import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../queue/queues';
import { EvidenceModule } from './evidence.module';
import { EvidenceProcessor } from './evidence.processor';

/** Listed in AppModule's `workerModules`: only worker roles run the evidence jobs. */
@Module({
  imports: [EvidenceModule, BullModule.registerQueue({ name: QueueName.Evidence })],
  providers: [EvidenceProcessor],
})
export class EvidenceWorkerModule {}
