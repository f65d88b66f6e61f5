import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, registerDecorator, ValidationOptions } from 'class-validator';
import { ChannelKind } from '../channels/entities/channel.entity';
import { PageQuery } from '../common/pagination';
import { isLocalMonth } from './month';

/** A month `YYYY-MM` (2022-07); 2022-13 is not one. */
export function IsLocalMonth(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalMonth',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property 必须是月份，格式 YYYY-MM，如 2022-07', ...options },
      validator: { validate: (value: unknown) => isLocalMonth(value) },
    });
}

const toBoolean = ({ value }: { value: unknown }) => (value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value);

export const REPORT_FORMATS = ['json', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class MonthlyReportQuery {
  @ApiProperty({ example: '2022-07' }) @IsLocalMonth() month: string;
  @ApiPropertyOptional({ description: "the report's top unit; default the caller's unit" }) @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' }) @IsOptional() @IsIn(REPORT_FORMATS) format: ReportFormat = 'json';
}

export class ListDisclosureStatsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2022-07' }) @IsOptional() @IsLocalMonth() month?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ description: 'with unitId: also the figures of every unit below it' }) @IsOptional() @Transform(toBoolean) @IsBoolean() includeSubunits?: boolean;
}

export interface DisclosureImportResult {
  /** Rows written (new or replacing the unit's figures for that month). */
  imported: number;
  /** The months the file held, ascending. */
  months: string[];
}

export interface DisclosureStatResponse {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  month: string;
  cumulativeTotal: number;
  monthCount: number;
  applicationCount: number | null;
  importedAt: Date;
}

export interface DisclosureStatRow {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  month: string;
  cumulativeTotal: number | string;
  monthCount: number | string;
  applicationCount: number | string | null;
  importedAt: Date;
}

export function toDisclosureStatResponse(row: DisclosureStatRow): DisclosureStatResponse {
  return {
    id: row.id,
    unitId: row.unitId,
    unitCode: row.unitCode,
    unitName: row.unitName,
    month: row.month,
    cumulativeTotal: Number(row.cumulativeTotal),
    monthCount: Number(row.monthCount),
    applicationCount: row.applicationCount == null ? null : Number(row.applicationCount),
    importedAt: row.importedAt,
  };
}

// ---- The monthly report (DESIGN.md "Reports"). Fields beyond the DESIGN.md shape are additive.

export type NewMediaKind = Exclude<ChannelKind, 'website'>;

export interface ReportUnit {
  id: number;
  name: string;
  /** Additive: how the report titles itself (赣州市政务公开工作月报). */
  shortName: string | null;
}

export interface ReportChannels {
  websites: number;
  newMedia: number;
  byKind: Record<NewMediaKind, number>;
}

export interface CityDepartmentRow {
  unitId: number;
  unitName: string;
  /** null: the unit has no figures for the month (备注: 未报送). */
  cumulativeTotal: number | null;
  monthCount: number | null;
}

export interface CountyRow extends CityDepartmentRow {
  applicationCount: number | null;
}

export interface ReportDisclosure {
  cityDepartments: { rows: CityDepartmentRow[]; total: { cumulativeTotal: number; monthCount: number } };
  counties: { rows: CountyRow[]; total: { cumulativeTotal: number; monthCount: number; applicationCount: number } };
}

export interface ReportBasic {
  /** Disclosures on record: the city level (its departments' table and its own figures) plus the county level (the counties' table). */
  cumulativeTotal: number;
  monthCount: number;
  countyLevelTotal: number;
  countyLevelMonthCount: number;
  cityLevelTotal: number;
  cityLevelMonthCount: number;
  /** Active channels in the subtree, and those with at least one checklist item in the month. */
  channelsMonitored: number;
  channelsSampled: number;
  /** channelsSampled / channelsMonitored, 0..1 rounded to 4 places; null when nothing is monitored. */
  samplingRate: number | null;
  /** Final met and missed items of the month over the whole subtree. */
  met: number;
  missed: number;
  complianceRate: number | null;
}

export type ProblemSource = 'checklist' | 'finding';

export interface ReportProblem {
  category: string;
  requirementCode?: string;
  unitName: string;
  channelName?: string;
  channelKind?: ChannelKind;
  text: string;
  /** Additive: where the problem comes from, the ids, the platform and how the report names the subject (信丰交通(微信订阅号)). */
  source: ProblemSource;
  unitId: number;
  channelId?: number;
  platformLabel?: string;
  subject: string;
  /** Missed items behind a checklist problem (days, weeks, messages…); 1 for a finding. */
  count: number;
}

export interface ComplianceRow {
  unitId: number;
  unitName: string;
  met: number;
  missed: number;
  /** met / (met + missed), 0..1 rounded to 4 places; null when the unit had no final items. */
  rate: number | null;
  /** Additive. */
  waived: number;
  /** Additive: true for the top unit's own items (本级), listed first when there are any. */
  own?: boolean;
}

export interface OverdueTaskRow {
  taskId: number;
  unitId: number;
  unitName: string;
  title: string;
  dueAt: Date;
  /** Additive: the local last day of the period (dueAt is 24:00 of it). */
  dueDate: string;
  /** Working days after the due day up to the month's end (or today, for the current month); null if the calendar lacks the year. */
  overdueWorkingDays: number | null;
}

export interface MonthlyReport {
  month: string;
  unit: ReportUnit;
  channels: ReportChannels;
  disclosure: ReportDisclosure;
  problems: ReportProblem[];
  compliance: ComplianceRow[];
  overdueTasks: number;
  /** Additive fields. */
  issue: string;
  generatedOn: string;
  /** The instant overdue tasks are judged at: the month's end, or now for the current month. */
  asOf: Date;
  /** The local day overdue tasks are counted up to: the month's last day, or today for the current month. */
  asOfDate: string;
  basic: ReportBasic;
  overdueTaskList: OverdueTaskRow[];
  notes: string[];
}
