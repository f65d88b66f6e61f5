import { DomainError } from '../common/errors';

export const NotificationsErrorStatus = {
  REMINDER_SETTINGS_INVALID: 400,
  NOTIFICATION_NOT_FOUND: 404,
  REMINDERS_ROLE_NOT_ALLOWED: 403,
} as const;
export type NotificationsErrorCode = keyof typeof NotificationsErrorStatus;
NotificationsErrorStatus satisfies Record<NotificationsErrorCode, number>;

export class NotificationsError extends DomainError {
  constructor(code: NotificationsErrorCode, message: string | string[]) {
    super(code, message, NotificationsErrorStatus[code]);
  }
}
