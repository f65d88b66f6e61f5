import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_KINDS, ChannelKind } from '../channels/entities/channel.entity';
import { NewMediaKind, ProblemSource } from './reports.dto';

// Response schemas of /api/docs for disclosure statistics and the monthly report (see
// common/openapi.ts). The report's JSON is DESIGN.md's shape plus additive fields.

export class DisclosureImportResult {
  @ApiProperty({ description: 'rows written (new or replacing the unit\'s figures for that month)' }) imported: number;
  @ApiProperty({ type: [String], example: ['2022-07'], description: 'the months the file held, ascending' }) months: string[];
}

export class DisclosureStat {
  @ApiProperty() id: number;
  @ApiProperty() unitId: number;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ example: '2022-07' }) month: string;
  @ApiProperty() cumulativeTotal: number;
  @ApiProperty() monthCount: number;
  @ApiProperty({ type: Number, nullable: true }) applicationCount: number | null;
  @ApiProperty() importedAt: Date;
}

export class ReportUnit {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) shortName: string | null;
}

export class ReportChannels {
  @ApiProperty() websites: number;
  @ApiProperty() newMedia: number;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(CHANNEL_KINDS.filter((k) => k !== 'website').map((k) => [k, { type: 'integer' }])),
    description: 'new-media channels per kind',
  })
  byKind: Record<NewMediaKind, number>;
}

export class CityDepartmentRow {
  @ApiProperty() unitId: number;
  @ApiProperty({ example: '市教育局' }) unitName: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no figures for the month (未报送)' }) cumulativeTotal: number | null;
  @ApiProperty({ type: Number, nullable: true }) monthCount: number | null;
}

export class CountyRow extends CityDepartmentRow {
  @ApiProperty({ type: Number, nullable: true }) applicationCount: number | null;
}

export class CityDepartmentTotal {
  @ApiProperty() cumulativeTotal: number;
  @ApiProperty() monthCount: number;
}

export class CountyTotal extends CityDepartmentTotal {
  @ApiProperty() applicationCount: number;
}

export class CityDepartmentTable {
  @ApiProperty({ type: [CityDepartmentRow] }) rows: CityDepartmentRow[];
  @ApiProperty({ type: CityDepartmentTotal, description: '合计' }) total: CityDepartmentTotal;
}

export class CountyTable {
  @ApiProperty({ type: [CountyRow] }) rows: CountyRow[];
  @ApiProperty({ type: CountyTotal, description: '合计' }) total: CountyTotal;
}

export class ReportDisclosure {
  @ApiProperty({ type: CityDepartmentTable }) cityDepartments: CityDepartmentTable;
  @ApiProperty({ type: CountyTable }) counties: CountyTable;
}

export class ReportBasic {
  @ApiProperty() cumulativeTotal: number;
  @ApiProperty() monthCount: number;
  @ApiProperty() countyLevelTotal: number;
  @ApiProperty() countyLevelMonthCount: number;
  @ApiProperty() cityLevelTotal: number;
  @ApiProperty() cityLevelMonthCount: number;
  @ApiProperty({ description: 'active channels in the subtree' }) channelsMonitored: number;
  @ApiProperty({ description: 'channels with at least one checklist item in the month' }) channelsSampled: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..1' }) samplingRate: number | null;
  @ApiProperty() met: number;
  @ApiProperty() missed: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..1' }) complianceRate: number | null;
}

export class ReportProblem {
  @ApiProperty({ example: 'not_updated' }) category: string;
  @ApiPropertyOptional() requirementCode?: string;
  @ApiProperty() unitName: string;
  @ApiPropertyOptional() channelName?: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) channelKind?: ChannelKind;
  @ApiProperty({ example: '信丰交通(微信订阅号) 未及时更新' }) text: string;
  @ApiProperty({ enum: ['checklist', 'finding'] }) source: ProblemSource;
  @ApiProperty() unitId: number;
  @ApiPropertyOptional() channelId?: number;
  @ApiPropertyOptional({ example: '微信订阅号' }) platformLabel?: string;
  @ApiProperty({ example: '信丰交通(微信订阅号)' }) subject: string;
  @ApiProperty({ description: 'missed items behind a checklist problem; 1 for a finding' }) count: number;
}

export class ReportComplianceRow {
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty() met: number;
  @ApiProperty() missed: number;
  @ApiProperty({ type: Number, nullable: true, description: 'met ÷ (met + missed), 0..1' }) rate: number | null;
  @ApiProperty() waived: number;
  @ApiPropertyOptional({ description: 'true for the top unit\'s own items (本级)' }) own?: boolean;
}

export class OverdueTaskRow {
  @ApiProperty() taskId: number;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty() title: string;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ example: '2022-07-20' }) dueDate: string;
  @ApiProperty({ type: Number, nullable: true }) overdueWorkingDays: number | null;
}

export class MonthlyReport {
  @ApiProperty({ example: '2022-07' }) month: string;
  @ApiProperty({ type: ReportUnit }) unit: ReportUnit;
  @ApiProperty({ type: ReportChannels }) channels: ReportChannels;
  @ApiProperty({ type: ReportDisclosure }) disclosure: ReportDisclosure;
  @ApiProperty({ type: [ReportProblem] }) problems: ReportProblem[];
  @ApiProperty({ type: [ReportComplianceRow] }) compliance: ReportComplianceRow[];
  @ApiProperty({ description: 'tasks overdue at the month\'s end' }) overdueTasks: number;
  @ApiProperty() issue: string;
  @ApiProperty({ example: '2022-08-05' }) generatedOn: string;
  @ApiProperty() asOf: Date;
  @ApiProperty() asOfDate: string;
  @ApiProperty({ type: ReportBasic }) basic: ReportBasic;
  @ApiProperty({ type: [OverdueTaskRow] }) overdueTaskList: OverdueTaskRow[];
  @ApiProperty({ type: [String] }) notes: string[];
}
