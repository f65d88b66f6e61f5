import { Inject, Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MailTransport } from './mail-transport';
import { NotificationsRepository } from './notifications.repository';
import { RemindersRepository } from './reminders.repository';

export type SendOutcome = 'sent' | 'missing' | 'not_pending' | 'claimed_elsewhere' | 'skipped' | 'invalid_recipient' | { early: Date };

/** `<notification-123@duban.example>`: derived from the row, the same on every attempt. */
export function messageIdFor(notificationId: number, publicUrl: string): string {
  return `<notification-${notificationId}@${new URL(publicUrl).hostname}>`;
}

/**
 * Sends one outbox row (the send job's handler). The row is reloaded (missing: a skip, not a
 * failure), taken with a conditional UPDATE pending → sending (so two workers never both send
 * it), checked that its reason still holds (else `skipped`) and that its address is valid
 * (else `invalid_recipient`, never retried), then sent through MailTransport with the row's
 * stable Message-ID and marked `sent` at once.
 *
 * The one window in which an email can go out twice: the SMTP server has accepted it and the
 * process dies (or loses the database) before `markSent` commits. The row stays `sending`, the
 * sweep takes it back after `stuckSendingSeconds`, and it is sent again. The window is the time
 * between the server's 250 reply and one UPDATE by primary key — milliseconds — and the second
 * copy carries the same Message-ID, so mail systems that deduplicate drop it.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly outbox: NotificationsRepository,
    private readonly reminders: RemindersRepository,
    private readonly mail: MailTransport,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `lastAttempt`: the queue will not retry after this one, so a failure is final (`failed`). */
  async send(id: number, lastAttempt: boolean): Promise<SendOutcome> {
    const row = await this.outbox.findById(id);
    if (!row) return 'missing';
    if (row.status !== 'pending') return 'not_pending';
    const now = this.clock.now();
    // Held until the next working morning; a job that comes early (re-queued by the sweep) waits.
    if (row.notBefore.getTime() > now.getTime() + 1000) return { early: row.notBefore };
    if (!(await this.outbox.claimForSending(id, now))) return 'claimed_elsewhere';

    if (!(await this.reminders.reasonHolds(row.kind, Number(row.subjectId), row.subjectDueAt, row.recipientUserId, now))) {
      await this.outbox.markFinished(id, 'skipped', '提醒事由已消除（已提交、已回复或已更新），未发送', this.clock.now());
      return 'skipped';
    }
    if (!isEmail(row.recipientEmail)) {
      await this.outbox.markFinished(id, 'invalid_recipient', `收件地址无效：${row.recipientEmail}`, this.clock.now());
      return 'invalid_recipient';
    }
    const messageId = messageIdFor(id, this.config.publicUrl);
    try {
      await this.mail.send({
        to: row.recipientEmail,
        subject: row.subjectLine,
        text: row.bodyText,
        html: row.bodyHtml,
        messageId,
        headers: { 'X-Duban-Notification': `${row.kind}; id=${id}` },
      });
    } catch (error) {
      const message = describe(error);
      if (lastAttempt) {
        await this.outbox.markFinished(id, 'failed', message, this.clock.now());
        this.logger.warn({ notificationId: id, error: message }, 'Mail failed after the last attempt');
      } else {
        await this.outbox.markRetry(id, message, this.clock.now());
      }
      throw error;
    }
    // Immediately after the server's reply: this UPDATE is the duplicate window's far edge.
    await this.outbox.markSent(id, messageId, this.clock.now());
    return 'sent';
  }
}

function describe(error: unknown): string {
  const e = error as { message?: string; responseCode?: number; response?: string };
  return [e.responseCode ? `SMTP ${e.responseCode}` : null, e.response ?? e.message ?? String(error)].filter(Boolean).join(': ');
}
