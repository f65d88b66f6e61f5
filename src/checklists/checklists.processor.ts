import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { addDays, mondayOf } from '../common/time/local-date';
import { CalendarYearMissingError } from '../calendar/working-days';
import { logConnectionErrors } from '../queue/connection-errors';
import { JobSchedules } from '../queue/job-schedules';
import { QueueName } from '../queue/queues';
import { CHECKLIST_SCHEDULES, ChecklistJob } from './checklists-jobs';
import { ChecklistsService } from './checklists.service';

/**
 * The checklist worker: generates ahead each night and evaluates every 15 minutes and just
 * after each day ends. The schedulers are kept registered by JobSchedules (at start, after a
 * Redis reconnect, and periodically), so replicas share one schedule and an emptied Redis gets
 * it back; jobs carry only their kind and the handlers ask the service.
 */
@Processor(QueueName.Checklists)
export class ChecklistsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChecklistsProcessor.name);

  constructor(
    @InjectQueue(QueueName.Checklists) private readonly queue: Queue,
    private readonly checklists: ChecklistsService,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    logConnectionErrors(this.worker, this.logger, 'worker');
    this.schedules.keep(this.queue, CHECKLIST_SCHEDULES);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as ChecklistJob) {
      case ChecklistJob.Generate:
        return this.generateAhead();
      case ChecklistJob.Evaluate:
        return this.checklists.evaluate();
      default:
        this.logger.warn({ name: job.name }, 'unknown checklist job skipped');
        return null;
    }
  }

  /**
   * Today and tomorrow, then the current and next week (Monday to Sunday), as separate ranges,
   * so the week reaching into a year whose calendar is not loaded yet does not stop today's
   * items: that range is skipped with a warning (the calendar's health check says the same).
   */
  async generateAhead(): Promise<{ created: number; existing: number }> {
    const today = this.checklists.today();
    const monday = mondayOf(today);
    const total = { created: 0, existing: 0 };
    for (const [from, to] of [
      [today, addDays(today, 1)],
      [monday, addDays(monday, 13)],
    ]) {
      try {
        const r = await this.checklists.generate(from, to);
        total.created += r.created;
        total.existing += r.existing;
      } catch (error) {
        if (!(error instanceof CalendarYearMissingError)) throw error;
        this.logger.warn(`checklists ${from}..${to} not generated: ${error.message}`);
      }
    }
    return total;
  }
}
