import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsLocalDate } from '../common/validation';

export class CreateAttestationDto {
  @ApiProperty() @Type(() => Number) @IsInt() unitId: number;
  @ApiProperty({ example: '2022-10-01', description: 'the first day of the statutory holiday stretch' }) @IsLocalDate() holidayStart: string;
  @ApiProperty({ example: '国庆节期间值班表：带班领导……' }) @IsString() @IsNotEmpty() @MaxLength(5000) note: string;
}

export class ListAttestationsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ description: 'holidays starting on or after' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ description: 'holidays starting on or before' }) @IsOptional() @IsLocalDate() to?: string;
}

export interface AttestationResponse {
  id: number;
  unitId: number;
  unitName: string;
  requirementCode: string;
  holidayName: string;
  holidayStart: string;
  note: string;
  file: { name: string; mime: string; size: number; sha256: string } | null;
  filedBy: number;
  filedAt: Date;
}
