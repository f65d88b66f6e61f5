import { Logger } from '@nestjs/common';

/** What emits Redis connection errors: a BullMQ Queue or Worker. */
interface ErrorEmitter {
  name: string;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const watched = new WeakSet<object>();
/** While Redis is down every connection fails every retry (up to every 2 s): one line a minute is enough. */
const QUIET_MS = 60_000;

/**
 * Logs a queue's or worker's Redis errors as throttled warnings in the app's log. Without a
 * listener BullMQ prints each one, stack and all, with console.error, every retry of every
 * connection while Redis is down. Idempotent per emitter.
 */
export function logConnectionErrors(emitter: ErrorEmitter, logger: Logger, what: string): void {
  if (watched.has(emitter)) return;
  watched.add(emitter);
  let lastLogged = 0;
  let suppressed = 0;
  emitter.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < QUIET_MS) {
      suppressed++;
      return;
    }
    logger.warn({ [what]: emitter.name, error: error.message, suppressedSinceLast: suppressed }, `Redis error on ${what} ${emitter.name}`);
    lastLogged = now;
    suppressed = 0;
  });
}
