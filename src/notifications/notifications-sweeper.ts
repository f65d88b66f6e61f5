import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotificationQueue } from './notification-queue';
import { NotificationsRepository } from './notifications.repository';
import { ReminderSettingsService } from './reminder-settings.service';

/** Rows are looked at in bounded batches; the sweep runs every minute, so a backlog drains. */
const SWEEP_BATCH = 1000;
/** A pending row untouched this long while due has probably lost its job (Redis emptied). */
const QUIET_MS = 60_000;

/**
 * The outbox is the truth, the queue only a schedule: this puts back on the queue what the
 * queue has lost. Rows `sending` for longer than `stuckSendingSeconds` belonged to a worker
 * that died mid-send (they go back to pending and are sent again — the documented duplicate
 * window); rows `pending` and due without a live job (Redis lost, a job finished early) get one.
 */
@Injectable()
export class NotificationsSweeper {
  private readonly logger = new Logger(NotificationsSweeper.name);

  constructor(
    private readonly outbox: NotificationsRepository,
    private readonly queue: NotificationQueue,
    private readonly settings: ReminderSettingsService,
    private readonly clock: Clock,
  ) {}

  /**
   * `quietMs` 0 when the send jobs are known to be lost (the schedulers had to be registered
   * again): every due pending row is looked at; rows with a live job are still left alone.
   */
  async sweep(options: { quietMs?: number } = {}): Promise<{ released: number; requeued: number }> {
    const settings = await this.settings.current();
    const now = this.clock.now();
    const released = await this.outbox.releaseStuckSending(new Date(now.getTime() - settings.stuckSendingSeconds * 1000), now, SWEEP_BATCH);
    const due = await this.outbox.findDuePending(now, new Date(now.getTime() - (options.quietMs ?? QUIET_MS)), SWEEP_BATCH);
    const rows = [...released.map((id) => ({ id, notBefore: now })), ...due.filter((d) => !released.includes(d.id))];
    const requeued = rows.length ? await this.queue.requeue(rows) : 0;
    if (released.length || requeued) this.logger.warn({ released: released.length, requeued }, 'Outbox sweep re-queued notifications');
    return { released: released.length, requeued };
  }
}
