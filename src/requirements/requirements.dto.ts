import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsObject, IsOptional, Max, Min } from 'class-validator';
import { AppliesTo, ProblemCategory, RequirementKind, RequirementParams, Severity } from './built-in-requirements';

export const SEVERITIES: Severity[] = ['normal', 'major', 'veto'];

export class UpdateRequirementDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'a partial change, checked per kind (e.g. {"windowDays": 21})', example: { min: 2 } })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100) deductionPoints?: number;
}

export interface RequirementResponse {
  code: string;
  title: string;
  kind: RequirementKind;
  params: RequirementParams;
  appliesTo: AppliesTo;
  problemCategory: ProblemCategory;
  sourceDocument: string;
  sourceClause: string;
  severity: Severity;
  deductionPoints: number;
  enabled: boolean;
  builtIn: boolean;
  updatedAt: Date;
}
