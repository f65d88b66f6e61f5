import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsCode } from '../common/validation';
import { CHANNEL_KINDS, ChannelEntity, ChannelKind } from './entities/channel.entity';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateChannelDto {
  @ApiPropertyOptional({ example: 'GZ-C04-D-JT-WX', description: 'generated from the unit code when absent' }) @IsOptional() @IsCode() code?: string;
  @ApiProperty() @Type(() => Number) @IsInt() unitId: number;
  @ApiProperty({ enum: CHANNEL_KINDS }) @IsIn(CHANNEL_KINDS) kind: ChannelKind;
  @ApiProperty({ example: '信丰交通' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(1000) url?: string;
  @ApiPropertyOptional({ example: '微信订阅号' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(50) platformLabel?: string;
}

export class UpdateChannelDto {
  @ApiPropertyOptional() @IsOptional() @IsCode() code?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) @IsOptional() @IsIn(CHANNEL_KINDS) kind?: ChannelKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(1000) url?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(50) platformLabel?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class ListChannelsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ description: 'with unitId: also the channels of every unit below it' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeSubunits?: boolean;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) @IsOptional() @IsIn(CHANNEL_KINDS) kind?: ChannelKind;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() active?: boolean;
}

export interface ChannelResponse {
  id: number;
  code: string;
  unitId: number;
  kind: ChannelKind;
  name: string;
  url: string | null;
  platformLabel: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toChannelResponse(channel: ChannelEntity): ChannelResponse {
  return {
    id: channel.id,
    code: channel.code,
    unitId: channel.unitId,
    kind: channel.kind,
    name: channel.name,
    url: channel.url,
    platformLabel: channel.platformLabel,
    active: channel.active,
    createdAt: channel.createdAt,
    updatedAt: channel.updatedAt,
  };
}
