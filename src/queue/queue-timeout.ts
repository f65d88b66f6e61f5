import { CommonError } from '../common/errors';

/**
 * Redis did not answer a queue call in time. A 503 with a Chinese message where it reaches a
 * person; callers whose decision is already saved in MySQL (the outbox) catch it and go on, and
 * the outbox sweep queues the rows once Redis is back.
 */
export class QueueUnavailableError extends CommonError {
  constructor(readonly operation: string) {
    super('SERVICE_UNAVAILABLE', '消息队列暂时不可用（Redis 未响应），请稍后再试');
  }
}

/**
 * Bounds one call to Redis for the queues. BullMQ's connections wait for Redis to come back
 * (`maxRetriesPerRequest: null`, which its blocking workers require), so an unbounded call made
 * while Redis is down hangs for as long as the outage lasts. The call is not cancelled: it stays
 * in the client's offline queue and runs if Redis returns, which is harmless because every job
 * Duban adds has a fixed id and every scheduler upsert is idempotent.
 */
export async function withinQueueTimeout<T>(work: Promise<T>, timeoutMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(operation)), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
