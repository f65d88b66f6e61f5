/**
 * The kinds of email Duban plans (DESIGN.md "Reminders"); each has one template pair under
 * templates/mail/<kind>.txt and .html.
 */
export const NOTIFICATION_KINDS = [
  'task_due_soon',
  'task_overdue',
  'message_due_soon',
  'message_overdue',
  'task_escalation',
  'supervisor_digest',
  'update_unseen_daily',
  'update_unseen_weekly',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'invalid_recipient'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Each outbox status as an admin reads it (the API's `statusLabel`, the console's outbox). */
export const NOTIFICATION_STATUS_LABELS = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送（事由已消除）',
  invalid_recipient: '收件地址无效',
} as const satisfies Record<NotificationStatus, string>;

export type SubjectType = 'task' | 'message' | 'item' | 'digest';

/**
 * Kinds whose reason ends at the subject's deadline (after it a "due soon" or "not yet updated"
 * email is pointless; the sender skips it). One about a deadline of today goes at once whatever
 * the hour; one whose deadline passes before mail may next leave is not planned at all
 * (reminder-times.ts `unsendableDeadlines`). Overdue, escalation and digest reasons outlive
 * their deadlines, so working hours only delay them.
 */
export const REASON_ENDS_AT_DEADLINE: readonly NotificationKind[] = ['task_due_soon', 'message_due_soon', 'update_unseen_daily', 'update_unseen_weekly'];

/** Requirements whose items are "today's" (a calendar day or a working day) for the 16:00 notice. */
export const DAILY_UPDATE_REQUIREMENTS = ['WEBSITE_DAILY_UPDATE', 'GOV_NEW_MEDIA_WORKDAY_UPDATE'];
/** Weekly items checked on Thursday morning against their minimum. */
export const WEEKLY_UPDATE_REQUIREMENTS = ['NEW_MEDIA_TWICE_WEEKLY'];

export enum NotificationJob {
  Send = 'send',
  Plan = 'plan',
  Sweep = 'sweep',
}

/** BullMQ job ids may not contain ':'; one id per row makes re-queueing idempotent. */
export function sendJobId(notificationId: number): string {
  return `notification-${notificationId}`;
}
