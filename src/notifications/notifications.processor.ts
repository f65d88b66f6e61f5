import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, Queue } from 'bullmq';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { logConnectionErrors } from '../queue/connection-errors';
import { JobSchedule, JobSchedules } from '../queue/job-schedules';
import { QueueName } from '../queue/queues';
import { NotificationJob } from './notification-kinds';
import { SendJobData } from './notification-queue';
import { NotificationSender } from './notification-sender';
import { NotificationsSweeper } from './notifications-sweeper';
import { ReminderSettings } from './reminder-settings';
import { ReminderSettingsService } from './reminder-settings.service';
import { RemindersService } from './reminders.service';

/** Job scheduler ids (no ':' in BullMQ ids). */
export const PLAN_SCHEDULER = 'reminders-plan';
export const SWEEP_SCHEDULER = 'notifications-sweep';

const NOTIFICATION_SCHEDULES: readonly JobSchedule[] = [
  { id: PLAN_SCHEDULER, pattern: '*/15 * * * *', job: NotificationJob.Plan },
  { id: SWEEP_SCHEDULER, pattern: '* * * * *', job: NotificationJob.Sweep },
];

/**
 * The notifications queue's worker: sends outbox rows, and runs the two scheduled jobs —
 * planning every 15 minutes and the outbox sweep every minute (APP_TIMEZONE). JobSchedules keeps
 * the schedulers registered, so replicas share one schedule; whenever it has to register them
 * (first start, or Redis emptied or restarted without its data, which loses every send job too)
 * the sweep runs at once, without its quiet period, so pending mail goes out now. The worker
 * starts only after the rate limit (a setting, enforced by BullMQ's queue-wide limiter across
 * all workers) has been read; the sweep re-reads it, so an edit applies within a minute.
 */
@Processor(QueueName.Notifications, { autorun: false })
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    private readonly sender: NotificationSender,
    private readonly reminders: RemindersService,
    private readonly sweeper: NotificationsSweeper,
    private readonly settings: ReminderSettingsService,
    private readonly schedules: JobSchedules,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.applyLimits(await this.settings.current());
    this.schedules.keep(this.queue, NOTIFICATION_SCHEDULES, () => this.sweeper.sweep({ quietMs: 0 }));
    logConnectionErrors(this.worker, this.logger, 'worker');
    void this.worker.run().catch((error) => this.logger.error(error));
  }

  private applyLimits(settings: ReminderSettings): void {
    this.worker.concurrency = this.config.mailConcurrency;
    this.worker.opts.limiter = { max: settings.ratePerSecond, duration: 1000 };
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case NotificationJob.Send: {
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const outcome = await this.sender.send((job.data as SendJobData).notificationId, lastAttempt);
        if (typeof outcome === 'object') {
          // Came before its time (re-queued early): wait in the delayed set, not in a slot.
          await job.moveToDelayed(Date.now() + Math.max(1000, outcome.early.getTime() - this.clock.now().getTime()), token);
          throw new DelayedError();
        }
        return outcome;
      }
      case NotificationJob.Plan:
        return this.reminders.plan();
      case NotificationJob.Sweep:
        this.applyLimits(await this.settings.current());
        return this.sweeper.sweep();
      default:
        this.logger.warn(`Unknown job ${job.name} on ${QueueName.Notifications}; ignored`);
        return 'unknown';
    }
  }
}
