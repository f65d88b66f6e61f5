import { DomainError } from '../common/errors';

export const RequirementErrorStatus = {
  REQUIREMENT_NOT_FOUND: 404,
  REQUIREMENT_INVALID_PARAMS: 400,
  REQUIREMENT_ROLE_NOT_ALLOWED: 403,
} as const;
export type RequirementErrorCode = keyof typeof RequirementErrorStatus;
RequirementErrorStatus satisfies Record<RequirementErrorCode, number>;

export class RequirementError extends DomainError {
  constructor(code: RequirementErrorCode, message: string | string[]) {
    super(code, message, RequirementErrorStatus[code]);
  }
}
