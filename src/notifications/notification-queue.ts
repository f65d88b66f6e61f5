import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { logConnectionErrors } from '../queue/connection-errors';
import { withinQueueTimeout } from '../queue/queue-timeout';
import { QueueName } from '../queue/queues';
import { NotificationJob, sendJobId } from './notification-kinds';

export interface SendJobData {
  notificationId: number;
}

/**
 * Puts send jobs on the notifications queue. A job carries only the row id and its id is
 * `notification-<id>`, so queueing a row twice (planner and sweep, two planners) is one job.
 * Called only after the transaction that wrote the rows has committed. Every call to Redis is
 * bounded by QUEUE_TIMEOUT_MS and fails with QueueUnavailableError: the rows are safe in the
 * outbox, and the sweep queues them once Redis answers again.
 */
@Injectable()
export class NotificationQueue {
  constructor(
    @InjectQueue(QueueName.Notifications) readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    logConnectionErrors(queue, new Logger(NotificationQueue.name), 'queue');
  }

  async enqueue(rows: { id: number; notBefore: Date }[]): Promise<number> {
    const now = this.clock.now().getTime();
    for (let i = 0; i < rows.length; i += 1000) {
      await this.bounded(
        this.queue.addBulk(
          rows.slice(i, i + 1000).map((row) => ({
            name: NotificationJob.Send,
            data: { notificationId: row.id } satisfies SendJobData,
            opts: {
              jobId: sendJobId(row.id),
              // Held until the next working morning: the delay is measured on the app's clock.
              delay: Math.max(0, new Date(row.notBefore).getTime() - now),
              attempts: this.config.mailSendAttempts,
              backoff: { type: 'exponential', delay: this.config.mailRetryDelayMs },
            },
          })),
        ),
        'addBulk',
      );
    }
    return rows.length;
  }

  /**
   * Re-queues rows whose job may be lost (Redis emptied, a job finished while its row was
   * reset). A job still waiting, delayed or active is left alone; a finished one is removed
   * and added again.
   */
  async requeue(rows: { id: number; notBefore: Date }[]): Promise<number> {
    const add: { id: number; notBefore: Date }[] = [];
    for (const row of rows) {
      const job = await this.bounded(this.queue.getJob(sendJobId(row.id)), 'getJob');
      if (job) {
        // Waiting, delayed (a retry's back-off, a held row) or active: the job is alive.
        const state = await this.bounded(job.getState(), 'getState');
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await this.bounded(job.remove(), 'remove').catch(() => undefined);
      }
      add.push(row);
    }
    return this.enqueue(add);
  }

  private bounded<T>(work: Promise<T>, operation: string): Promise<T> {
    return withinQueueTimeout(work, this.config.queueTimeoutMs, `notifications ${operation}`);
  }
}
