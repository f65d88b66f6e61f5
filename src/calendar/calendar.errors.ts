import { DomainError } from '../common/errors';

export const CalendarErrorStatus = {
  CALENDAR_INVALID_NOTICE: 400,
  CALENDAR_INVALID_DAY: 400,
  CALENDAR_RANGE_TOO_LARGE: 400,
  CALENDAR_YEAR_MISSING: 422,
  CALENDAR_ROLE_NOT_ALLOWED: 403,
} as const;
export type CalendarErrorCode = keyof typeof CalendarErrorStatus;
CalendarErrorStatus satisfies Record<CalendarErrorCode, number>;

export class CalendarError extends DomainError {
  constructor(code: CalendarErrorCode, message: string | string[], details?: Record<string, unknown>) {
    super(code, message, CalendarErrorStatus[code], details);
  }
}
