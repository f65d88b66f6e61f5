import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, Role, roleRefusal } from '../common/actor';
import { NotificationsError } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';
import { mergeReminderSettings, ReminderSettings, validateReminderSettings } from './reminder-settings';

/** Re-read at most this often, so every replica follows an edit within seconds. */
const CACHE_MS = 10_000;

/** Reminder settings and planning on demand reach every unit's mailbox: admins only. */
const REMINDER_ADMIN_ROLES: readonly Role[] = ['admin'];

export function checkReminderAdmin(actor: Actor, action: string): void {
  if (!REMINDER_ADMIN_ROLES.includes(actor.role)) throw new NotificationsError('REMINDERS_ROLE_NOT_ALLOWED', roleRefusal(actor, REMINDER_ADMIN_ROLES, action));
}

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

  /** Replaces the given top-level settings (each one whole); admin only. */
  async update(actor: Actor, input: Record<string, unknown>): Promise<ReminderSettings> {
    checkReminderAdmin(actor, '修改提醒设置');
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
