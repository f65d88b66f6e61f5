import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { QueueName } from '../queue/queues';
import { EvidenceJob, RECHECK_POLICY_LINKS_CRON, RECHECK_POLICY_LINKS_SCHEDULER } from './evidence-jobs';
import { PolicyDocumentsService } from './policy-documents.service';

/**
 * The evidence worker: every hour, re-checks the links of policy documents not yet verified
 * (DESIGN.md requirement 6). The scheduler is upserted when a worker starts, so replicas share
 * one schedule rather than each adding theirs.
 */
@Processor(QueueName.Evidence)
export class EvidenceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvidenceProcessor.name);

  constructor(
    @InjectQueue(QueueName.Evidence) private readonly queue: Queue,
    private readonly documents: PolicyDocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECHECK_POLICY_LINKS_SCHEDULER,
      { pattern: RECHECK_POLICY_LINKS_CRON, tz: this.config.timeZone },
      { name: EvidenceJob.RecheckPolicyLinks, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
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
