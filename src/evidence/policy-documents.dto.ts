import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsInstant } from '../common/validation';
import { toBool, URL_OPTIONS } from './evidence-dto-helpers';

export class CreatePolicyDocumentDto {
  @ApiProperty() @Type(() => Number) @IsInt() unitId: number;
  @ApiProperty({ example: '赣州市人民政府关于印发……的通知' }) @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @ApiProperty({ example: 'https://www.ganzhou.gov.cn/gzszf/c100022/202209/abc.shtml' }) @IsUrl(URL_OPTIONS) @MaxLength(1000) url: string;
  @ApiProperty({ example: '2022-09-29T10:00:00+08:00' }) @IsInstant() publishedAt: string;
}

export class CreateInterpretationDto {
  @ApiProperty({ example: '《……》政策解读' }) @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @ApiProperty() @IsUrl(URL_OPTIONS) @MaxLength(1000) url: string;
  @ApiProperty() @IsInstant() publishedAt: string;
}

export class ListPolicyDocumentsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ description: 'with unitId: also the documents of every unit below it' }) @IsOptional() @Transform(toBool) @IsBoolean() includeSubunits?: boolean;
  @ApiPropertyOptional({ description: 'true: both links verified; false: not (yet)' }) @IsOptional() @Transform(toBool) @IsBoolean() linked?: boolean;
}

export interface LinkCheckResponse {
  documentLinksToInterpretation: boolean;
  interpretationLinksToDocument: boolean;
  checkedAt: Date;
  error?: string;
}

export interface InterpretationResponse {
  id: number;
  policyDocumentId: number;
  title: string;
  url: string;
  publishedAt: Date;
  createdAt: Date;
}

export interface PolicyDocumentResponse {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  url: string;
  publishedAt: Date;
  dueLastDay: string;
  dueAt: Date;
  /** Both links verified (at linksVerifiedAt). */
  linked: boolean;
  linksVerifiedAt: Date | null;
  lastCheck: LinkCheckResponse | null;
  interpretations?: InterpretationResponse[];
}
