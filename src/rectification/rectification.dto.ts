import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsCode, IsInstant, IsLocalDate } from '../common/validation';
import { TaskSource } from './entities/task.entity';
import { FINDING_CATEGORIES, FINDING_SOURCES, FindingCategory, FindingSource, Severity, SEVERITIES } from './rectification-settings';
import { TASK_STATUSES, TaskStatus } from './task-workflow';

const toBoolean = ({ value }: { value: unknown }) => (value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value);
/** `?status=open,rejected` or `?status=open&status=rejected`. */
const toList = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : typeof value === 'string' ? value.split(',') : value);
/** Multipart sends urls as repeated fields, as one JSON array string, or as a single url. */
const toUrlList = ({ value }: { value: unknown }) => {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text);
      } catch {
        return value;
      }
    }
    return text ? [text] : [];
  }
  return value;
};

// Findings

export class CreateFindingDto {
  @ApiProperty() @Type(() => Number) @IsInt() unitId: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() channelId?: number;
  @ApiProperty({ enum: FINDING_CATEGORIES }) @IsIn(FINDING_CATEGORIES) category: FindingCategory;
  @ApiProperty({ example: '信丰交通(微信订阅号) 未及时更新' }) @IsString() @IsNotEmpty() @MaxLength(2000) description: string;
  @ApiProperty({ example: '2022-09-29T10:00:00+08:00' }) @IsInstant() foundAt: string;
  @ApiProperty({ enum: FINDING_SOURCES }) @IsIn(FINDING_SOURCES) source: FindingSource;
  @ApiPropertyOptional({ enum: SEVERITIES, description: 'default: the setting for the source and category' }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ description: 'assessment deduction (年度考核扣分); default: the setting' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  deductionPoints?: number;
}

export class ListFindingsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() includeSubunits?: boolean;
  @ApiPropertyOptional({ enum: FINDING_CATEGORIES }) @IsOptional() @IsIn(FINDING_CATEGORIES) category?: FindingCategory;
  @ApiPropertyOptional({ enum: FINDING_SOURCES }) @IsOptional() @IsIn(FINDING_SOURCES) source?: FindingSource;
  @ApiPropertyOptional({ description: 'found on or after this local date' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ description: 'found on or before this local date' }) @IsOptional() @IsLocalDate() to?: string;
}

export interface FindingResponse {
  id: number;
  unitId: number;
  unitName: string;
  channelId: number | null;
  category: FindingCategory;
  source: FindingSource;
  description: string;
  foundAt: Date;
  severity: Severity;
  deductionPoints: number;
  taskId: number | null;
  createdAt: Date;
}

// Tasks

export const TASK_SORTS = ['dueAt', 'overdueDays'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export class TaskFilterQuery {
  @ApiPropertyOptional({ description: 'one or more of open, submitted, rejected, accepted, cancelled (comma separated)' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(TASK_STATUSES, { each: true, message: `status 必须是以下之一：${TASK_STATUSES.join(', ')}` })
  status?: TaskStatus[];

  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ description: 'with unitId: the unit and every unit below it' }) @IsOptional() @Transform(toBoolean) @IsBoolean() includeSubunits?: boolean;
  @ApiPropertyOptional({ enum: ['finding', 'checklist'] }) @IsOptional() @IsIn(['finding', 'checklist']) source?: TaskSource;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z0-9_]{1,32}$/, { message: 'category 只能包含小写字母、数字和 _' }) category?: string;
  @ApiPropertyOptional({ description: 'requirement code' }) @IsOptional() @IsCode() requirement?: string;
  @ApiPropertyOptional({ description: 'due at or after (instant; a bare date is its local 00:00)' }) @IsOptional() @IsInstant() dueFrom?: string;
  @ApiPropertyOptional({ description: 'due before (instant; a bare date is its local 00:00)' }) @IsOptional() @IsInstant() dueTo?: string;
  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'dueAt' }) @IsOptional() @IsIn(TASK_SORTS) sort?: TaskSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'default asc for dueAt, desc for overdueDays' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

export class ListTasksQuery extends IntersectionType(TaskFilterQuery, PageQuery) {}

export class ExportTasksQuery extends TaskFilterQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' }) @IsOptional() @IsIn(['xlsx', 'csv']) format?: 'xlsx' | 'csv';
}

class VersionedDto {
  @ApiPropertyOptional({ description: 'the version the caller saw; a stale version answers 409' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class SubmitTaskDto extends VersionedDto {
  @ApiProperty({ example: '已于当日补发三条信息并建立值班更新制度' }) @IsString() @IsNotEmpty() @MaxLength(2000) note: string;

  @ApiPropertyOptional({ type: [String], description: 'links to the rectified pages; with multipart: repeated fields or a JSON array' })
  @IsOptional()
  @Transform(toUrlList)
  @IsArray()
  @ArrayMaxSize(20)
  @MaxLength(2000, { each: true })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true, message: 'evidenceUrls 中每一项都必须是 http 或 https 网址' })
  evidenceUrls?: string[];
}

export class AcceptTaskDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ReasonDto extends VersionedDto {
  @ApiProperty({ example: '截图未显示更新日期，请补充' }) @IsString() @IsNotEmpty({ message: 'reason 不能为空：请写明原因' }) @MaxLength(2000) reason: string;
}

export interface TaskResponse {
  id: number;
  title: string;
  unitId: number;
  unitName: string;
  channelId: number | null;
  requirementCode: string | null;
  findingId: number | null;
  source: TaskSource;
  category: string;
  status: TaskStatus;
  dueAt: Date;
  overdue: boolean;
  overdueDays: number;
  openedAt: Date;
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
  reworkCount: number;
  occurrences: number;
  version: number;
  /** A 单项否决 problem: lists put these first. */
  veto: boolean;
  /** For a task opened by a finding: who found it (city_check, national_check, self_check, automatic). */
  findingSource: FindingSource | null;
}

export interface TaskHistoryEntry {
  from: TaskStatus | null;
  to: TaskStatus;
  by: string;
  byId: number | null;
  at: Date;
  comment: string | null;
}

export interface EvidenceResponse {
  id: number;
  kind: 'url' | 'file';
  url: string | null;
  fileName: string | null;
  mime: string | null;
  size: number | null;
  sha256: string | null;
  /** For files: where to download it (same scope rules as the task). */
  downloadPath: string | null;
  transitionId: number;
  uploadedBy: number;
  uploadedAt: Date;
}

export interface OccurrenceResponse {
  checklistItemId: number | null;
  periodStart: string;
  periodEnd: string;
  /** How the miss reads (`2026-11-16 至 11-22 仅更新 1 次`); null for misses recorded before it was kept. */
  summary: string | null;
  detectedAt: Date;
}

export interface TaskDetailResponse extends TaskResponse {
  finding: Omit<FindingResponse, 'taskId' | 'unitName'> | null;
  history: TaskHistoryEntry[];
  evidence: EvidenceResponse[];
  occurrenceList: OccurrenceResponse[];
}

// Dashboard

export class DashboardQuery {
  @ApiPropertyOptional({ description: "default: the caller's unit" }) @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
}

export class FiguresQuery extends DashboardQuery {
  @ApiProperty({ example: '2022-09-01' }) @IsLocalDate() from: string;
  @ApiProperty({ example: '2022-09-30', description: 'inclusive' }) @IsLocalDate() to: string;
}

export interface OverdueRow {
  unitId: number;
  unitName: string;
  /** true for the row of the unit's own tasks; child rows count their whole subtree. */
  self: boolean;
  open: number;
  overdue: number;
  submitted: number;
}

export interface UnitFigures {
  unitId: number;
  unitName: string;
  /** Tasks closed or due in the range (cancelled ones excluded). */
  tasks: number;
  /** Of those, submitted (last submission) no later than the due time: share 0..1, null when none. */
  onTimeRate: number | null;
  accepted: number;
  /** Accepted in the range without ever being rejected: share 0..1, null when none accepted. */
  firstPassRate: number | null;
  /** Opened → accepted, calendar days, one decimal; null when none accepted. */
  averageDaysToRectify: number | null;
}

// Settings

export class UpdateSettingsDto {
  @ApiPropertyOptional({ example: { finding: 5, checklist: 3, findingBySource: { national_check: 3 }, byCategory: {} } })
  @IsOptional()
  @IsObject()
  dueWorkingDays?: Record<string, unknown>;

  @ApiPropertyOptional({ example: { severity: 'general', deductionPoints: 0, byCategory: {}, bySource: { national_check: { severity: 'serious', deductionPoints: 1 } } } })
  @IsOptional()
  @IsObject()
  findingDefaults?: Record<string, unknown>;
}

// Mappers

export interface TaskRow {
  id: number;
  title: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  channelId: number | null;
  requirementCode: string | null;
  findingId: number | null;
  source: TaskSource;
  category: string;
  status: TaskStatus;
  dueAt: Date;
  openedAt: Date;
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
  reworkCount: number;
  occurrences: number;
  version: number;
  veto: number | boolean;
  findingSource: FindingSource | null;
}

export interface FindingRow {
  id: number;
  unitId: number;
  unitName: string;
  channelId: number | null;
  category: FindingCategory;
  source: FindingSource;
  description: string;
  foundAt: Date;
  severity: Severity;
  deductionPoints: string | number;
  taskId: number | null;
  createdAt: Date;
}

export function toTaskResponse(row: TaskRow, overdue: boolean, overdueDays: number): TaskResponse {
  return {
    id: row.id,
    title: row.title,
    unitId: row.unitId,
    unitName: row.unitName,
    channelId: row.channelId,
    requirementCode: row.requirementCode,
    findingId: row.findingId,
    source: row.source,
    category: row.category,
    status: row.status,
    dueAt: row.dueAt,
    overdue,
    overdueDays,
    openedAt: row.openedAt,
    submittedAt: row.submittedAt,
    firstSubmittedAt: row.firstSubmittedAt,
    verifiedAt: row.verifiedAt,
    closedAt: row.closedAt,
    reworkCount: row.reworkCount,
    occurrences: row.occurrences,
    version: row.version,
    veto: Boolean(Number(row.veto)),
    findingSource: row.findingSource ?? null,
  };
}

export function toFindingResponse(row: FindingRow): FindingResponse {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    channelId: row.channelId,
    category: row.category,
    source: row.source,
    description: row.description,
    foundAt: row.foundAt,
    severity: row.severity,
    deductionPoints: Number(row.deductionPoints),
    taskId: row.taskId,
    createdAt: row.createdAt,
  };
}
