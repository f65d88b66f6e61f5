import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, NotificationKind, NotificationStatus } from './notification-kinds';

// Response schemas of /api/docs for reminders and the outbox (see common/openapi.ts).

const perKind = (type: 'integer' | 'boolean') => ({ type: 'object' as const, properties: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { type }])) });

export class ReminderPlan {
  @ApiProperty({ description: 'the instant planned as of (ISO 8601)' }) asOf: string;
  @ApiProperty({ description: 'emails written to the outbox by this run (none twice: each has a dedupe key)' }) planned: number;
  @ApiProperty({ description: 'send jobs queued after the commit' }) queued: number;
  @ApiProperty({ ...perKind('integer'), description: 'planned per kind' }) byKind: Record<NotificationKind, number>;
}

export class WorkingHours {
  @ApiProperty({ example: '08:30' }) start: string;
  @ApiProperty({ example: '18:00' }) end: string;
}

export class EscalationSettings {
  @ApiProperty({ example: 3 }) afterWorkingDays: number;
  @ApiProperty({ example: 3 }) maxRepeats: number;
  @ApiProperty({ example: 1 }) everyWorkingDays: number;
}

export class UpdateUnseenSettings {
  @ApiProperty({ example: '16:00' }) dailyAt: string;
  @ApiProperty({ example: 4, description: 'ISO weekday, 1 = Monday' }) weeklyWeekday: number;
  @ApiProperty({ example: '09:00' }) weeklyAt: string;
}

export class ReminderSettings {
  @ApiProperty({ ...perKind('boolean'), description: 'per kind on/off' }) enabled: Record<NotificationKind, boolean>;
  @ApiProperty({ description: 'due-soon reminders go out this many working days before the due day' }) dueSoonWorkingDays: number;
  @ApiProperty({ example: '09:00' }) remindAt: string;
  @ApiProperty({ type: WorkingHours }) workingHours: WorkingHours;
  @ApiProperty({ type: EscalationSettings }) escalation: EscalationSettings;
  @ApiProperty({ example: '09:00' }) digestAt: string;
  @ApiProperty() digestMissedItemDays: number;
  @ApiProperty({ type: UpdateUnseenSettings }) updateUnseen: UpdateUnseenSettings;
  @ApiProperty({ description: 'emails per second over all workers' }) ratePerSecond: number;
  @ApiProperty() stuckSendingSeconds: number;
}

export class Notification {
  @ApiProperty() id: number;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status: NotificationStatus;
  @ApiProperty() recipientEmail: string;
  @ApiProperty({ type: Number, nullable: true }) recipientUserId: number | null;
  @ApiProperty({ type: Number, nullable: true }) unitId: number | null;
  @ApiProperty({ enum: ['task', 'message', 'item', 'digest'] }) subjectType: string;
  @ApiProperty() subjectId: number;
  @ApiProperty() subjectLine: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() plannedAt: Date;
  @ApiProperty({ description: 'not sent before this instant (working hours)' }) notBefore: Date;
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
  @ApiPropertyOptional({ description: 'on GET /notifications/{id} only' }) bodyText?: string;
  @ApiPropertyOptional({ description: 'on GET /notifications/{id} only' }) bodyHtml?: string;
}
