import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobSchedules } from './job-schedules';
import { createRedis, REDIS, redisOptions } from './redis';

/**
 * BullMQ wired once: the connection from REDIS_URL, keys under QUEUE_PREFIX so several
 * instances (or test runs) can share one Redis. Also one plain client for counters, and the
 * keeper of the workers' job schedulers (job-schedules.ts).
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, ...redisOptions() },
        prefix: config.queuePrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
  ],
  providers: [{ provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createRedis(config.redisUrl) }, JobSchedules],
  exports: [REDIS, BullModule, JobSchedules],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
