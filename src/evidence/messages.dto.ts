import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsInstant, IsLocalDate } from '../common/validation';
import { toBool } from './evidence-dto-helpers';
import type { MessageRow } from './messages.repository';

export const MESSAGE_CATEGORIES = ['simple', 'general'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/** How people read the categories (console pages). */
export const MESSAGE_CATEGORY_LABELS: Record<MessageCategory, string> = { simple: '简单咨询类', general: '一般性留言' };

/** Which requirement sets a message's due time (DESIGN.md catalogue, rows 4 and 5). */
export const MESSAGE_REQUIREMENT: Record<MessageCategory, string> = {
  simple: 'MESSAGE_SIMPLE_3_DAYS',
  general: 'MESSAGE_GENERAL_5_WORKDAYS',
};

export class CreateMessageDto {
  @ApiProperty() @Type(() => Number) @IsInt() channelId: number;
  @ApiProperty({ enum: MESSAGE_CATEGORIES, description: 'simple: 简单咨询类; general: 一般性留言' }) @IsIn(MESSAGE_CATEGORIES) category: MessageCategory;
  @ApiProperty({ example: '2022-09-29T10:00:00+08:00' }) @IsInstant() receivedAt: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) subject?: string;
  @ApiPropertyOptional({ description: 'the id on the platform; unique per channel' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(191) externalId?: string;
}

export class ReplyMessageDto {
  @ApiProperty({ example: '2022-10-10T15:00:00+08:00' }) @IsInstant() repliedAt: string;
}

export class ListMessagesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() channelId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ description: 'with unitId: also the messages of every unit below it' }) @IsOptional() @Transform(toBool) @IsBoolean() includeSubunits?: boolean;
  @ApiPropertyOptional({ description: 'true: not replied and past due, or replied late (as of now); false: the others' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'received on or after this local date' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ description: 'received on or before this local date' }) @IsOptional() @IsLocalDate() to?: string;
  @ApiPropertyOptional({ enum: MESSAGE_CATEGORIES }) @IsOptional() @IsIn(MESSAGE_CATEGORIES) category?: MessageCategory;
}

/** The stored message as the repository reads it, and how it stands. */
export interface MessageResponse extends MessageRow {
  /** Null until replied. */
  onTime: boolean | null;
  /** As of now: not replied and past due, or replied late. */
  overdue: boolean;
}
