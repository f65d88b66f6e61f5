import { DomainError } from '../common/errors';

export const RectificationErrorStatus = {
  FINDING_NOT_FOUND: 404,
  FINDING_UNIT_NOT_FOUND: 400,
  FINDING_CHANNEL_NOT_FOUND: 400,
  FINDING_FOUND_AT_INVALID: 400,
  FINDING_ROLE_NOT_ALLOWED: 403,
  TASK_NOT_FOUND: 404,
  TASK_ROLE_NOT_ALLOWED: 403,
  TASK_INVALID_TRANSITION: 409,
  TASK_STALE: 409,
  EVIDENCE_NOT_FOUND: 404,
  EVIDENCE_BAD_TYPE: 400,
  EVIDENCE_TOO_MANY: 400,
  EVIDENCE_TOO_LARGE: 413,
  EXPORT_TOO_LARGE: 400,
  SETTINGS_INVALID: 400,
  FIGURES_RANGE_INVALID: 400,
} as const;
export type RectificationErrorCode = keyof typeof RectificationErrorStatus;
RectificationErrorStatus satisfies Record<RectificationErrorCode, number>;

export class RectificationError extends DomainError {
  constructor(code: RectificationErrorCode, message: string | string[]) {
    super(code, message, RectificationErrorStatus[code]);
  }
}
