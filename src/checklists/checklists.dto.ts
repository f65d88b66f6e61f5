import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsCode, IsInstant, IsLocalDate } from '../common/validation';
import { complianceRate, ItemStatus } from './periods';

export const ITEM_STATUSES: ItemStatus[] = ['pending', 'met', 'missed', 'waived'];
export const ITEM_SORTS = ['period', 'status'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class GenerateChecklistsDto {
  @ApiProperty({ example: '2022-08-01' }) @IsLocalDate() from: string;
  @ApiProperty({ example: '2022-08-07' }) @IsLocalDate() to: string;
}

export class EvaluateChecklistsDto {
  @ApiPropertyOptional({ description: 'the instant to judge as of (default now); without an offset it is local time', example: '2022-08-10T00:10:00+08:00' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class WaiveItemDto {
  @ApiProperty({ example: '账号已注销，正在办理关停备案' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ListItemsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) unitId?: number;
  @ApiPropertyOptional({ description: 'with unitId: also the units below it' }) @IsOptional() @Transform(toBoolean) @IsBoolean() includeSubunits?: boolean;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) channelId?: number;
  @ApiPropertyOptional({ description: 'a requirement code, e.g. WEBSITE_DAILY_UPDATE' }) @IsOptional() @IsCode() requirement?: string;
  @ApiPropertyOptional({ enum: ITEM_STATUSES }) @IsOptional() @IsIn(ITEM_STATUSES) status?: ItemStatus;
  @ApiPropertyOptional({ description: 'items whose period ends on or after this local date' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ description: 'items whose period starts on or before this local date' }) @IsOptional() @IsLocalDate() to?: string;
  @ApiPropertyOptional({ enum: ITEM_SORTS, default: 'period', description: 'period: latest period first; status: missed, pending, waived, then met' })
  @IsOptional()
  @IsIn(ITEM_SORTS)
  sort?: ItemSort;
}

export class UnitChecklistQuery {
  @ApiPropertyOptional({ description: 'local date; default today' }) @IsOptional() @IsLocalDate() date?: string;
}

export class ComplianceQuery {
  @ApiPropertyOptional({ description: 'items whose period ends on or after this local date; default the first of this month' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ description: 'items whose period ends on or before this local date; default today' }) @IsOptional() @IsLocalDate() to?: string;
  @ApiPropertyOptional({ description: "the dashboard's top unit; default the caller's" }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) unitId?: number;
}

/** A checklist item row as the repository reads it (joined with its unit and channel). */
export interface ChecklistItemRow {
  id: number | string;
  requirement_code: string;
  subject_type: string;
  subject_id: number | string;
  unit_id: number;
  unit_name: string;
  channel_id: number | null;
  channel_name: string | null;
  platform_label: string | null;
  period_start: string;
  period_end: string;
  due_at: Date;
  finalize_at: Date;
  status: ItemStatus;
  observed: number;
  required: number;
  final: number;
  task_id: number | null;
  waive_reason: string | null;
  waived_at: Date | null;
}

export interface ChecklistItemResponse {
  id: number;
  requirementCode: string;
  subjectType: string;
  subjectId: number;
  unitId: number;
  unitName: string;
  channelId: number | null;
  channelName: string | null;
  /** How reports name the channel's platform (微信订阅号, 微博): two accounts of one name are told apart by it. */
  platformLabel: string | null;
  periodStart: string;
  periodEnd: string;
  dueAt: Date;
  finalizeAt: Date;
  status: ItemStatus;
  observed: number;
  required: number;
  final: boolean;
  taskId: number | null;
  waiveReason: string | null;
  waivedAt: Date | null;
}

export function toChecklistItemResponse(r: ChecklistItemRow): ChecklistItemResponse {
  return {
    id: Number(r.id),
    requirementCode: r.requirement_code,
    subjectType: r.subject_type,
    subjectId: Number(r.subject_id),
    unitId: r.unit_id,
    unitName: r.unit_name,
    channelId: r.channel_id,
    channelName: r.channel_name,
    platformLabel: r.platform_label ?? null,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueAt: r.due_at,
    finalizeAt: r.finalize_at,
    status: r.status,
    observed: Number(r.observed),
    required: Number(r.required),
    final: !!r.final,
    taskId: r.task_id,
    waiveReason: r.waive_reason,
    waivedAt: r.waived_at,
  };
}

export interface StatusCounts {
  met: number;
  missed: number;
  waived: number;
  pending: number;
}

export interface ComplianceFigures extends StatusCounts {
  rate: number | null;
}

export function withRate<T extends StatusCounts>(counts: T): T & { rate: number | null } {
  return { ...counts, rate: complianceRate(counts.met, counts.missed) };
}

export interface ComplianceResponse {
  from: string;
  to: string;
  unit: { id: number; name: string } & ComplianceFigures;
  children: ({ unitId: number; unitName: string } & ComplianceFigures)[];
  requirements: ({ code: string; title: string } & ComplianceFigures)[];
}

export interface GenerateResult {
  created: number;
  existing: number;
}

export interface EvaluateResult {
  met: number;
  missed: number;
  pending: number;
  finalized: number;
  tasks: { created: number; extended: number };
}
