import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { localDateOf } from '../common/time/local-date';
import { WorkingCalendar } from '../calendar/working-days';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { QueueUnavailableError } from '../queue/queue-timeout';
import { MailTemplates } from './mail-templates';
import { DAILY_UPDATE_REQUIREMENTS, NOTIFICATION_KINDS, NotificationKind, REASON_ENDS_AT_DEADLINE, WEEKLY_UPDATE_REQUIREMENTS } from './notification-kinds';
import { NotificationQueue } from './notification-queue';
import { NotificationsRepository, PlannedNotification } from './notifications.repository';
import { ReminderSettings } from './reminder-settings';
import { checkReminderAdmin, ReminderSettingsService } from './reminder-settings.service';
import {
  chineseDate,
  dailyUnseenDay,
  digestDay,
  dueDayOf,
  dueSoonWindow,
  escalationBounds,
  formatDueTime,
  formatLocalInstant,
  notBefore,
  overdueUntil,
  overdueWorkingDays,
  unsendableDeadlines,
  weeklyUnseenWeek,
} from './reminder-times';
import { DigestEntryRow, RemindersRepository, UnitReminderCandidate } from './reminders.repository';

/** Candidates read and rendered per statement; a kind loops until none are left. */
const BATCH = 2000;

export interface PlanResult {
  asOf: string;
  planned: number;
  queued: number;
  byKind: Record<NotificationKind, number>;
  /** Set when the rows are planned but Redis did not take their send jobs (they go once it is back). */
  notice?: string;
}

const QUEUE_DOWN_NOTICE = '消息队列暂时不可用：提醒已写入发件箱，队列恢复后自动发送';

interface PlanContext {
  asOf: Date;
  plannedAt: Date;
  today: string;
  calendar: WorkingCalendar;
  settings: ReminderSettings;
  timeZone: string;
  /** Deadlines passing before mail planned now could leave: not reminded (REASON_ENDS_AT_DEADLINE). */
  unsendable: { after: Date; until: Date };
}

/**
 * Reminder planning (DESIGN.md "Reminders"): decides from state as of an instant which emails
 * are due, writes each as an outbox row (rendered now; unique dedupe key, so planning twice
 * plans nothing new) in one transaction per kind, and only after those commits queues a send
 * job per new row.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: RemindersRepository,
    private readonly outbox: NotificationsRepository,
    private readonly queue: NotificationQueue,
    private readonly settingsService: ReminderSettingsService,
    private readonly templates: MailTemplates,
    private readonly calendarService: CalendarService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Planning on demand (POST /reminders/run and the console's button); admins only. */
  async planFor(actor: Actor, asOf?: Date): Promise<PlanResult> {
    checkReminderAdmin(actor, '立即计划提醒');
    return this.plan(asOf);
  }

  async plan(asOf: Date = this.clock.now()): Promise<PlanResult> {
    const timeZone = this.config.timeZone;
    const calendar = await this.calendarService.calendar();
    const settings = await this.settingsService.current();
    const ctx: PlanContext = {
      asOf,
      plannedAt: this.clock.now(),
      today: localDateOf(asOf, timeZone),
      calendar,
      settings,
      timeZone,
      unsendable: unsendableDeadlines(calendar, asOf, settings, timeZone),
    };
    const byKind = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 0])) as Record<NotificationKind, number>;
    const keys: string[] = [];
    for (const kind of NOTIFICATION_KINDS) {
      if (!ctx.settings.enabled[kind]) continue;
      byKind[kind] = await this.dataSource.transaction(async (manager) => {
        let inserted = 0;
        // Each pass reads only candidates not yet in the outbox (this transaction sees its own
        // inserts), so the loop ends; the guard bounds it should a row never be insertable.
        for (let pass = 0; pass < 10_000; pass++) {
          const rows = await this.candidates(kind, manager, ctx);
          if (!rows.length) break;
          inserted += await this.outbox.insertPlanned(manager, rows);
          keys.push(...rows.map((r) => r.dedupeKey));
          if (kind === 'supervisor_digest' || rows.length < BATCH) break;
        }
        return inserted;
      });
    }
    const planned = Object.values(byKind).reduce((a, b) => a + b, 0);
    // After commit: a job never names a row that could still roll back.
    let queued = 0;
    try {
      if (keys.length) queued = await this.queue.enqueue(await this.outbox.findPendingByDedupeKeys(keys));
    } catch (error) {
      // Redis holds no decision: the rows are committed, and the outbox sweep queues them once
      // Redis answers (at once when it comes back empty, see NotificationsProcessor).
      if (!(error instanceof QueueUnavailableError)) throw error;
      this.logger.warn({ asOf: asOf.toISOString(), planned, pending: keys.length }, 'Reminders planned but not queued: Redis did not answer');
      return { asOf: asOf.toISOString(), planned, queued: 0, byKind, notice: QUEUE_DOWN_NOTICE };
    }
    if (planned) this.logger.log({ asOf: asOf.toISOString(), planned, queued, byKind }, 'Reminders planned');
    return { asOf: asOf.toISOString(), planned, queued, byKind };
  }

  private async candidates(kind: NotificationKind, manager: EntityManager, ctx: PlanContext): Promise<PlannedNotification[]> {
    const { calendar, asOf, settings, timeZone, unsendable } = ctx;
    switch (kind) {
      case 'task_due_soon': {
        const w = dueSoonWindow(calendar, asOf, settings, timeZone);
        return this.unitRows(kind, 'task', await this.reminders.findTasksDueSoon(manager, w.after, w.until, unsendable, BATCH), ctx);
      }
      case 'task_overdue':
        return this.unitRows(kind, 'task', await this.reminders.findTasksOverdue(manager, overdueUntil(calendar, asOf, settings, timeZone), BATCH), ctx);
      case 'message_due_soon': {
        const w = dueSoonWindow(calendar, asOf, settings, timeZone);
        return this.unitRows(kind, 'message', await this.reminders.findMessagesDueSoon(manager, w.after, w.until, unsendable, BATCH), ctx);
      }
      case 'message_overdue':
        return this.unitRows(kind, 'message', await this.reminders.findMessagesOverdue(manager, overdueUntil(calendar, asOf, settings, timeZone), BATCH), ctx);
      case 'task_escalation':
        return this.unitRows(kind, 'task', await this.reminders.findEscalations(manager, escalationBounds(calendar, asOf, settings, timeZone), BATCH), ctx);
      case 'update_unseen_daily': {
        const day = dailyUnseenDay(calendar, asOf, settings, timeZone);
        return day ? this.unitRows(kind, 'item', await this.reminders.findDailyItemsUnseen(manager, day, DAILY_UPDATE_REQUIREMENTS, asOf, unsendable, BATCH), ctx) : [];
      }
      case 'update_unseen_weekly': {
        const monday = weeklyUnseenWeek(asOf, settings, timeZone);
        return monday
          ? this.unitRows(kind, 'item', await this.reminders.findWeeklyItemsBelowMinimum(manager, monday, WEEKLY_UPDATE_REQUIREMENTS, asOf, unsendable, BATCH), ctx)
          : [];
      }
      case 'supervisor_digest': {
        const day = digestDay(calendar, asOf, settings, timeZone);
        if (!day) return [];
        const since = new Date(asOf.getTime() - settings.digestMissedItemDays * 86_400_000);
        return this.digestRows(await this.reminders.findDigestEntries(manager, day, asOf, since), day, ctx);
      }
    }
  }

  /**
   * A link into the web console, where each subject has a page; a reader who is not signed in
   * is sent to the sign-in page first and lands on it afterwards.
   */
  private link(path: string): string {
    return `${this.config.publicUrl}/console${path}`;
  }

  private unitRows(kind: NotificationKind, subjectType: 'task' | 'message' | 'item', candidates: UnitReminderCandidate[], ctx: PlanContext): PlannedNotification[] {
    const { calendar, asOf, today, timeZone, settings } = ctx;
    return candidates.map((c) => {
      const dueDay = dueDayOf(c.dueAt, timeZone);
      // "Due today" reminders leave at once whatever the hour: the next morning is too late.
      const dueToday = dueDay === today && REASON_ENDS_AT_DEADLINE.includes(kind);
      const link =
        subjectType === 'task' ? this.link(`/tasks/${c.subjectId}`) : subjectType === 'message' ? this.link(`/messages/${c.subjectId}`) : this.link(`/checklist-items/${c.subjectId}`);
      const mail = this.templates.render(kind, {
        unitName: c.unitName,
        title: c.title,
        dueText: formatDueTime(c.dueAt, timeZone),
        dueToday,
        overdueDays: overdueWorkingDays(calendar, c.dueAt, today, timeZone),
        link,
        channelName: c.channelName,
        receivedText: c.receivedAt ? formatLocalInstant(c.receivedAt, timeZone) : '',
        requirementTitle: c.requirementTitle,
        observed: c.observed,
        required: c.required,
        dateText: c.periodStart ? chineseDate(c.periodStart) : '',
        weekText: c.periodStart && c.periodEnd ? `${chineseDate(c.periodStart)} 至 ${chineseDate(c.periodEnd)}` : '',
        asOfText: formatLocalInstant(asOf, timeZone),
        stage: c.stage,
        maxRepeats: settings.escalation.maxRepeats,
        supervisorUnitName: c.supervisorUnitName,
      });
      return {
        kind,
        dedupeKey: c.dedupeKey,
        recipientEmail: c.email,
        recipientUserId: c.userId,
        unitId: c.unitId,
        subjectType,
        subjectId: c.subjectId,
        subjectDueAt: c.dueAt,
        subjectLine: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
        plannedAt: ctx.plannedAt,
        notBefore: notBefore(calendar, asOf, settings, timeZone, dueToday),
      };
    });
  }

  /** One digest per supervisor: entries grouped by unit, groups and entries oldest first. */
  private digestRows(entries: DigestEntryRow[], day: string, ctx: PlanContext): PlannedNotification[] {
    const { calendar, asOf, today, timeZone, settings } = ctx;
    const bySupervisor = new Map<number, DigestEntryRow[]>();
    for (const e of entries) {
      const list = bySupervisor.get(e.userId);
      if (list) list.push(e);
      else bySupervisor.set(e.userId, [e]);
    }
    const rows: PlannedNotification[] = [];
    for (const [userId, list] of bySupervisor) {
      const groups = new Map<number, { unitName: string; entries: object[] }>();
      for (const e of list) {
        let group = groups.get(e.unitId);
        if (!group) groups.set(e.unitId, (group = { unitName: e.unitName, entries: [] }));
        group.entries.push({
          kindLabel: e.entryType === 'task' ? '整改任务' : '清单未达标',
          title: e.title,
          dueText: formatDueTime(e.dueAt, timeZone),
          overdueDays: overdueWorkingDays(calendar, e.dueAt, today, timeZone),
          link: e.entryType === 'task' ? this.link(`/tasks/${e.entryId}`) : this.link(`/checklist-items/${e.entryId}`),
        });
      }
      const first = list[0];
      const mail = this.templates.render('supervisor_digest', {
        displayName: first.displayName,
        scopeName: first.scopeUnitName,
        dateText: chineseDate(day),
        asOfText: formatLocalInstant(asOf, timeZone),
        total: list.length,
        taskCount: list.filter((e) => e.entryType === 'task').length,
        itemCount: list.filter((e) => e.entryType === 'item').length,
        missedDays: settings.digestMissedItemDays,
        groups: [...groups.values()].map((g) => ({ ...g, count: g.entries.length })),
        listLink: this.link('/tasks?overdue=true&sort=overdueDays'),
      });
      rows.push({
        kind: 'supervisor_digest',
        dedupeKey: `digest-${day}-user${userId}`,
        recipientEmail: first.email,
        recipientUserId: userId,
        unitId: null,
        subjectType: 'digest',
        subjectId: userId,
        subjectDueAt: null,
        subjectLine: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
        plannedAt: ctx.plannedAt,
        notBefore: notBefore(calendar, asOf, settings, timeZone),
      });
    }
    return rows;
  }
}
