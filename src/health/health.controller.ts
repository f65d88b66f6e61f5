import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth';
import { REDIS } from '../queue/redis';
import { Health } from './health.openapi';
import { HealthRegistry } from './health.registry';

type Check = { status: 'up' | 'down'; error?: string; latencyMs?: number };

/** `GET /health`: 200 when the database and Redis answer, 503 when either does not. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly registry: HealthRegistry,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Health of the database and Redis', description: 'For load balancers and the container health check; no token needed.' })
  @ApiResponse({ status: 200, type: Health, description: 'Both answer' })
  @ApiResponse({ status: 503, type: Health, description: 'The database or Redis does not answer (status error)' })
  async health(@Res() res: Response): Promise<void> {
    const [database, redis] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      timed(() => withTimeout(this.redis.ping(), 2000)),
    ]);
    const warnings = await this.registry.warnings();
    const ok = database.status === 'up' && redis.status === 'up';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'error', checks: { database, redis }, warnings });
  }
}

async function timed(check: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  try {
    await check();
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
