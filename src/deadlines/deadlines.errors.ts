import { DomainError } from '../common/errors';

// 400: the request itself is malformed or impossible whatever the record's state; 409: the
// record's state (paused, awaiting correction, replied, past its due time) refuses the action.
export const DeadlineErrorStatus = {
  MESSAGE_EVENT_INVALID: 400,
  MESSAGE_EVENT_BEFORE_RECEIPT: 400,
  MESSAGE_EVENT_OUT_OF_ORDER: 400,
  MESSAGE_NOT_PAUSED: 409,
  MESSAGE_ALREADY_PAUSED: 409,
  MESSAGE_EXTEND_WHILE_PAUSED: 409,
  MESSAGE_PAST_DUE: 409,
  APPLICATION_EVENT_INVALID: 400,
  APPLICATION_EVENT_BEFORE_RECEIPT: 400,
  APPLICATION_EVENT_OUT_OF_ORDER: 400,
  APPLICATION_OUTCOME_UNKNOWN: 400,
  APPLICATION_EXTENSION_TOO_LONG: 400,
  APPLICATION_SECOND_EXTENSION: 400,
  APPLICATION_CONSULTATION_INVALID: 400,
  APPLICATION_ALREADY_REPLIED: 409,
  APPLICATION_CORRECTION_ALREADY_REQUESTED: 409,
  APPLICATION_NOT_AWAITING_CORRECTION: 409,
  APPLICATION_AWAITING_CORRECTION: 409,
  APPLICATION_PAST_DUE: 409,
} as const;
export type DeadlineErrorCode = keyof typeof DeadlineErrorStatus;
DeadlineErrorStatus satisfies Record<DeadlineErrorCode, number>;

/**
 * A history of a message or an application that the law does not allow. `eventIndex` is the
 * position of the offending event in the list the clock was given (absent when the problem is a
 * consultation or the record itself), so a service that appends one event can tell it was that one.
 */
export class DeadlineError extends DomainError {
  declare readonly code: DeadlineErrorCode;

  constructor(
    code: DeadlineErrorCode,
    message: string,
    readonly eventIndex?: number,
  ) {
    super(code, message, DeadlineErrorStatus[code]);
    this.name = 'DeadlineError';
  }
}
