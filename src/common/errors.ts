/**
 * A rule of the domain was broken. Each module declares its codes and their HTTP status in
 * one table (`x.errors.ts`, checked by `satisfies Record<Code, number>`); the global filter
 * turns the error into `{statusCode, error, code, message}`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string | string[],
    readonly status: number,
    /** Extra fields of the error answer beside `code` and `message` (e.g. the missing `year`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(Array.isArray(message) ? message.join('; ') : message);
    this.messages = message;
  }

  readonly messages: string | string[];
}

export const CommonErrorStatus = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  /** Something the request truly needs (the database, Redis) does not answer; try again later. */
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;
export type CommonErrorCode = keyof typeof CommonErrorStatus;

export class CommonError extends DomainError {
  constructor(code: CommonErrorCode, message: string | string[]) {
    super(code, message, CommonErrorStatus[code]);
  }
}

export const badRequest = (message: string | string[]) => new CommonError('BAD_REQUEST', message);
export const notFound = (message: string) => new CommonError('NOT_FOUND', message);
export const serviceUnavailable = (message: string) => new CommonError('SERVICE_UNAVAILABLE', message);
