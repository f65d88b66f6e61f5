import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsInstant } from '../common/validation';
import { NotificationEntity } from './entities/notification.entity';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUS_LABELS, NOTIFICATION_STATUSES, NotificationKind, NotificationStatus } from './notification-kinds';

export class RunRemindersDto {
  @ApiPropertyOptional({ example: '2022-09-30T09:00:00+08:00', description: 'plan as of this instant (default now); without an offset it is local time' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES }) @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS }) @IsOptional() @IsIn(NOTIFICATION_KINDS) kind?: NotificationKind;
}

/** Each key replaces that setting whole; the service validates the values (reminder-settings.ts). */
export class UpdateReminderSettingsDto {
  @ApiPropertyOptional({ example: { task_due_soon: true, update_unseen_weekly: false } }) @IsOptional() enabled?: unknown;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() dueSoonWorkingDays?: unknown;
  @ApiPropertyOptional({ example: '09:00' }) @IsOptional() remindAt?: unknown;
  @ApiPropertyOptional({ example: { start: '08:30', end: '18:00' } }) @IsOptional() workingHours?: unknown;
  @ApiPropertyOptional({ example: { afterWorkingDays: 3, maxRepeats: 3, everyWorkingDays: 1 } }) @IsOptional() escalation?: unknown;
  @ApiPropertyOptional({ example: '09:00' }) @IsOptional() digestAt?: unknown;
  @ApiPropertyOptional({ example: 7 }) @IsOptional() digestMissedItemDays?: unknown;
  @ApiPropertyOptional({ example: { dailyAt: '16:00', weeklyWeekday: 4, weeklyAt: '09:00' } }) @IsOptional() updateUnseen?: unknown;
  @ApiPropertyOptional({ example: 50 }) @IsOptional() ratePerSecond?: unknown;
  @ApiPropertyOptional({ example: 300 }) @IsOptional() stuckSendingSeconds?: unknown;
}

export interface NotificationResponse {
  id: number;
  kind: NotificationKind;
  status: NotificationStatus;
  /** The status in Chinese, e.g. 待发送. */
  statusLabel: string;
  recipientEmail: string;
  recipientUserId: number | null;
  unitId: number | null;
  subjectType: string;
  subjectId: number;
  subjectLine: string;
  attempts: number;
  lastError: string | null;
  plannedAt: Date;
  /** When the row may go: at once, or held until the next working morning. */
  notBefore: Date;
  sentAt: Date | null;
  messageId: string | null;
  bodyText?: string;
  bodyHtml?: string;
}

export function toNotificationResponse(n: NotificationEntity, withBodies = false): NotificationResponse {
  return {
    id: Number(n.id),
    kind: n.kind,
    status: n.status,
    statusLabel: NOTIFICATION_STATUS_LABELS[n.status],
    recipientEmail: n.recipientEmail,
    recipientUserId: n.recipientUserId,
    unitId: n.unitId,
    subjectType: n.subjectType,
    subjectId: Number(n.subjectId),
    subjectLine: n.subjectLine,
    attempts: n.attempts,
    lastError: n.lastError,
    plannedAt: n.plannedAt,
    notBefore: n.notBefore,
    sentAt: n.sentAt,
    messageId: n.messageId,
    ...(withBodies ? { bodyText: n.bodyText, bodyHtml: n.bodyHtml } : {}),
  };
}
