import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { logConnectionErrors } from '../queue/connection-errors';
import { JobSchedules } from '../queue/job-schedules';
import { QueueName } from '../queue/queues';
import { EVIDENCE_SCHEDULES, EvidenceJob } from './evidence-jobs';
import { PolicyDocumentsService } from './policy-documents.service';

/**
 * The evidence worker: every hour, re-checks the links of policy documents not yet verified
 * (requirement 6). The scheduler is kept registered by JobSchedules (at start, after a Redis
 * reconnect, and periodically), so replicas share one schedule rather than each adding theirs.
 */
@Processor(QueueName.Evidence)
export class EvidenceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvidenceProcessor.name);

  constructor(
    @InjectQueue(QueueName.Evidence) private readonly queue: Queue,
    private readonly documents: PolicyDocumentsService,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    logConnectionErrors(this.worker, this.logger, 'worker');
    this.schedules.keep(this.queue, EVIDENCE_SCHEDULES);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as EvidenceJob) {
      case EvidenceJob.RecheckPolicyLinks: {
        const result = await this.documents.recheckPending();
        this.logger.log({ ...result }, 'policy links re-checked');
        return result;
      }
      default:
        this.logger.warn({ name: job.name }, 'unknown evidence job skipped');
        return null;
    }
  }
}
