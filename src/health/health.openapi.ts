import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response schema of /api/docs for GET /health (see common/openapi.ts).

export class HealthCheck {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'why it is down' }) error?: string;
  @ApiPropertyOptional({ description: 'when up' }) latencyMs?: number;
}

export class HealthChecks {
  @ApiProperty({ type: HealthCheck }) database: HealthCheck;
  @ApiProperty({ type: HealthCheck }) redis: HealthCheck;
}

export class Health {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: HealthChecks }) checks: HealthChecks;
  @ApiProperty({ type: [String], description: 'e.g. next year\'s calendar is missing (from November on)' }) warnings: string[];
}
