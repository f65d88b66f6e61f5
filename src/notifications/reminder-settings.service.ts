import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { NotificationsError } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';
import { mergeReminderSettings, ReminderSettings, validateReminderSettings } from './reminder-settings';

/** Re-read at most this often, so every replica follows an edit within seconds. */
const CACHE_MS = 10_000;

@Injectable()
export class ReminderSettingsService {
  private cached: { at: number; value: ReminderSettings } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: NotificationsRepository,
    private readonly audit: AuditService,
  ) {}

  async current(): Promise<ReminderSettings> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const value = mergeReminderSettings(await this.outbox.findSettings());
    this.cached = { at: Date.now(), value };
    return value;
  }

  /** Replaces the given top-level settings (each one whole); admin only (checked by the route). */
  async update(actor: Actor, input: Record<string, unknown>): Promise<ReminderSettings> {
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const problems = validateReminderSettings(given);
    if (problems.length) throw new NotificationsError('REMINDER_SETTINGS_INVALID', problems);
    const before = mergeReminderSettings(await this.outbox.findSettings());
    await this.dataSource.transaction(async (manager) => {
      await this.outbox.upsertSettings(manager, given, actor.id);
      await this.audit.record(actor, { action: 'reminders.update_settings', entityType: 'notification_setting', entityId: 'reminders', before, after: given }, manager);
    });
    this.cached = null;
    return this.current();
  }
}
