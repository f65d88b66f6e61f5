import { ApiProperty } from '@nestjs/swagger';

// Response schema of /api/docs for the audit log (see common/openapi.ts).

export class AuditLogEntry {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null for the system' }) actorId: number | null;
  @ApiProperty({ example: 'admin' }) actorUsername: string;
  @ApiProperty({ example: 'unit.update' }) action: string;
  @ApiProperty({ example: 'unit' }) entityType: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true, description: 'the entity before the change (JSON), null for a creation' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'the entity after the change (JSON)' }) after: unknown;
  @ApiProperty() at: Date;
}
