import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/** BullMQ requires `maxRetriesPerRequest: null` on the connections it blocks on. */
export function redisOptions(): { maxRetriesPerRequest: null; enableReadyCheck: boolean } {
  return { maxRetriesPerRequest: null, enableReadyCheck: true };
}

export function createRedis(url: string): Redis {
  return new Redis(url, { ...redisOptions(), maxRetriesPerRequest: 1, connectTimeout: 3000 });
}
