import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { logConnectionErrors } from './connection-errors';
import { withinQueueTimeout } from './queue-timeout';

/** One BullMQ job scheduler: a cron pattern read in APP_TIMEZONE. Ids must not contain ':'. */
export interface JobSchedule {
  id: string;
  pattern: string;
  job: string;
  opts?: { removeOnComplete?: number; removeOnFail?: number };
}

interface KeptQueue {
  queue: Queue;
  schedules: readonly JobSchedule[];
  /** Runs after schedulers had to be registered (first start, or Redis lost its data). */
  onRegistered?: () => Promise<unknown>;
  checkedOnce: boolean;
}

/**
 * Keeps each worker queue's job schedulers registered in Redis. Schedulers live only in Redis,
 * so emptying Redis, or restarting it without its data, deletes them — and with them every
 * scheduled job, the outbox sweep that would recover lost send jobs included. A worker therefore
 * checks that its schedulers exist when it starts (without waiting for Redis: a worker started
 * while Redis is down still starts), every time its queue connection becomes ready again after
 * a reconnect, and every SCHEDULE_CHECK_SECONDS; what is missing is upserted. An upsert of an
 * existing scheduler is idempotent, so replicas checking at once never double a schedule.
 */
@Injectable()
export class JobSchedules implements OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private readonly kept: KeptQueue[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  keep(queue: Queue, schedules: readonly JobSchedule[], onRegistered?: () => Promise<unknown>): void {
    this.kept.push({ queue, schedules, onRegistered, checkedOnce: false });
    logConnectionErrors(queue, this.logger, 'queue');
    queue.getBackend().on('ready', () => void this.check());
    this.timer ??= setInterval(() => void this.check(), this.config.scheduleCheckSeconds * 1000).unref();
    void this.check();
  }

  /** One pass over every kept queue; a call during a pass makes one more pass after it. */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const kept of this.kept) {
          if (this.stopped) return;
          await this.checkQueue(kept).catch((error: Error) =>
            this.logger.warn({ queue: kept.queue.name, error: error.message }, 'Job schedulers not checked (Redis did not answer); checking again on reconnect'),
          );
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async checkQueue(kept: KeptQueue): Promise<void> {
    const { queue } = kept;
    const registered: string[] = [];
    for (const s of kept.schedules) {
      if (await withinQueueTimeout(queue.getJobScheduler(s.id), this.config.queueTimeoutMs, 'getJobScheduler')) continue;
      await withinQueueTimeout(
        queue.upsertJobScheduler(s.id, { pattern: s.pattern, tz: this.config.timeZone }, { name: s.job, opts: s.opts }),
        this.config.queueTimeoutMs,
        'upsertJobScheduler',
      );
      registered.push(s.id);
    }
    const lost = kept.checkedOnce;
    kept.checkedOnce = true;
    if (!registered.length) return;
    if (lost) this.logger.warn({ queue: queue.name, schedulers: registered }, 'Job schedulers were gone from Redis (emptied, or restarted without its data): registered again');
    await kept.onRegistered?.().catch((error: Error) => this.logger.warn({ queue: queue.name, error: error.message }, 'Recovery after registering job schedulers failed; the schedule retries it'));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }
}
