import { CommonError, serviceUnavailable } from './errors';

// What mysql2 reports when the server cannot be reached or went away, as its own `code` or,
// wrapped by TypeORM's QueryFailedError, as the `driverError`'s.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

interface DriverError {
  code?: string;
  errno?: number;
  fatal?: boolean;
  sqlMessage?: string;
  driverError?: DriverError;
}

function driverErrorOf(error: unknown): DriverError | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as DriverError;
  return e.driverError ?? e;
}

/** The database did not answer: the request cannot be served now, but nothing is wrong with it. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = driverErrorOf(error);
  if (!e) return false;
  if (e.code && UNREACHABLE.has(e.code)) return true;
  // A pooled connection whose socket died answers "Can't add new command when connection is
  // in closed state", with no code but marked fatal.
  return e.fatal === true && !e.sqlMessage;
}

/** A unique key refused a row: two requests created the same thing at once, or it exists. */
export function isDuplicateKey(error: unknown): boolean {
  const e = driverErrorOf(error);
  return e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062;
}

export const DATABASE_UNAVAILABLE_MESSAGE = '数据库暂时无法连接，请稍后再试；如持续出现，请联系系统管理员';

/** The error a person should see for a failure of the database itself, or null for any other error. */
export function databaseFailureAsDomainError(error: unknown): CommonError | null {
  if (isDatabaseUnavailable(error)) return serviceUnavailable(DATABASE_UNAVAILABLE_MESSAGE);
  if (isDuplicateKey(error)) return new CommonError('CONFLICT', '与已有的数据重复（可能是同时提交了两次），请刷新后检查');
  return null;
}
