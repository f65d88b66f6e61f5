import { DomainError } from '../common/errors';

export const ChecklistErrorStatus = {
  CHECKLIST_ITEM_NOT_FOUND: 404,
  CHECKLIST_UNIT_NOT_FOUND: 404,
  CHECKLIST_RANGE_INVALID: 400,
  CHECKLIST_ITEM_ALREADY_WAIVED: 409,
  CHECKLIST_ITEM_MET: 409,
  CHECKLIST_ITEM_TASK_ACCEPTED: 409,
  CHECKLIST_ROLE_NOT_ALLOWED: 403,
} as const;
export type ChecklistErrorCode = keyof typeof ChecklistErrorStatus;
ChecklistErrorStatus satisfies Record<ChecklistErrorCode, number>;

export class ChecklistError extends DomainError {
  constructor(code: ChecklistErrorCode, message: string | string[]) {
    super(code, message, ChecklistErrorStatus[code]);
  }
}
