import { DomainError } from '../common/errors';

export const ReportErrorStatus = {
  REPORT_MONTH_IN_FUTURE: 400,
  REPORT_UNIT_NOT_FOUND: 404,
  DISCLOSURE_FILE_INVALID: 400,
  DISCLOSURE_UNIT_NOT_FOUND: 404,
  DISCLOSURE_READ_ONLY_ROLE: 403,
} as const;
export type ReportErrorCode = keyof typeof ReportErrorStatus;
ReportErrorStatus satisfies Record<ReportErrorCode, number>;

export class ReportError extends DomainError {
  constructor(code: ReportErrorCode, message: string | string[]) {
    super(code, message, ReportErrorStatus[code]);
  }
}
