import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../common/auth';
import { ApiPage } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { AuditLogEntry } from './audit.openapi';
import { AuditService } from './audit.service';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() actorId?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'List the audit log', description: 'Every create, update, deactivation, import, sign-in and calendar change with its actor, time, before and after; newest first.' })
  @ApiPage(AuditLogEntry)
  @Roles('admin')
  list(@Query() query: AuditQuery) {
    return this.audit.list(query, query);
  }
}
