import { DomainError } from '../common/errors';

export const OrgErrorStatus = {
  UNIT_NOT_FOUND: 404,
  UNIT_PARENT_NOT_FOUND: 400,
  UNIT_CODE_TAKEN: 409,
  UNIT_CYCLE: 400,
  UNIT_OUTSIDE_SCOPE: 403,
  USER_NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  PASSWORD_TOO_WEAK: 400,
  USER_ROLE_NOT_ALLOWED: 403,
  USER_UNIT_NOT_FOUND: 400,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOO_MANY_ATTEMPTS: 429,
  READ_ONLY_ROLE: 403,
} as const;
export type OrgErrorCode = keyof typeof OrgErrorStatus;
OrgErrorStatus satisfies Record<OrgErrorCode, number>;

export class OrgError extends DomainError {
  constructor(code: OrgErrorCode, message: string | string[]) {
    super(code, message, OrgErrorStatus[code]);
  }
}
