import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINDING_CATEGORIES, FINDING_SOURCES, FindingCategory, FindingSource, SEVERITIES, Severity } from './rectification-settings';
import { TASK_STATUSES, TaskStatus } from './task-workflow';

// Response schemas of /api/docs for findings, rectification tasks, their settings and
// dashboards (see common/openapi.ts).

export class FindingOfTask {
  @ApiProperty() id: number;
  @ApiProperty() unitId: number;
  @ApiProperty({ type: Number, nullable: true }) channelId: number | null;
  @ApiProperty({ enum: FINDING_CATEGORIES }) category: FindingCategory;
  @ApiProperty({ enum: FINDING_SOURCES }) source: FindingSource;
  @ApiProperty() description: string;
  @ApiProperty() foundAt: Date;
  @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @ApiProperty({ description: 'assessment deduction points (年度综合考核扣分)' }) deductionPoints: number;
  @ApiProperty() createdAt: Date;
}

export class Finding extends FindingOfTask {
  @ApiProperty() unitName: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the rectification task it opened' }) taskId: number | null;
}

export class CreatedFinding extends Finding {
  @ApiProperty({ description: 'the due time of its task' }) dueAt: Date;
}

export class Task {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: Number, nullable: true }) channelId: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'for tasks opened from missed checklist items' }) requirementCode: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'for tasks opened from a finding' }) findingId: number | null;
  @ApiProperty({ enum: ['finding', 'checklist'] }) source: string;
  @ApiProperty({ type: String, nullable: true, example: 'city_check', description: 'the finding\'s source (city_check, national_check, self_check, automatic) for tasks opened from a finding' }) findingSource: string | null;
  @ApiProperty({ description: 'a veto (单项否决) problem: listed first' }) veto: boolean;
  @ApiProperty({ example: 'not_updated' }) category: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ description: 'past due and open or rejected' }) overdue: boolean;
  @ApiProperty({ description: 'working days past the due day' }) overdueDays: number;
  @ApiProperty() openedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) firstSubmittedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) verifiedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) closedAt: Date | null;
  @ApiProperty({ description: 'times rejected' }) reworkCount: number;
  @ApiProperty({ description: 'final misses gathered in this task' }) occurrences: number;
  @ApiProperty({ description: 'send it back as `version` to refuse a stale change' }) version: number;
}

export class TaskHistoryEntry {
  @ApiProperty({ enum: TASK_STATUSES, nullable: true }) from: TaskStatus | null;
  @ApiProperty({ enum: TASK_STATUSES }) to: TaskStatus;
  @ApiProperty({ description: 'display name of who made the change' }) by: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null for the system' }) byId: number | null;
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

export class TaskEvidence {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['url', 'file'] }) kind: 'url' | 'file';
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) fileName: string | null;
  @ApiProperty({ type: String, nullable: true }) mime: string | null;
  @ApiProperty({ type: Number, nullable: true }) size: number | null;
  @ApiProperty({ type: String, nullable: true }) sha256: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'for files: where to download it' }) downloadPath: string | null;
  @ApiProperty() transitionId: number;
  @ApiProperty() uploadedBy: number;
  @ApiProperty() uploadedAt: Date;
}

export class TaskOccurrence {
  @ApiProperty({ type: Number, nullable: true }) checklistItemId: number | null;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() detectedAt: Date;
  @ApiProperty({ type: String, nullable: true, description: 'what this miss was, in Chinese' }) summary: string | null;
}

export class TaskDetail extends Task {
  @ApiProperty({ type: FindingOfTask, nullable: true }) finding: FindingOfTask | null;
  @ApiProperty({ type: [TaskHistoryEntry] }) history: TaskHistoryEntry[];
  @ApiProperty({ type: [TaskEvidence] }) evidence: TaskEvidence[];
  @ApiProperty({ type: [TaskOccurrence] }) occurrenceList: TaskOccurrence[];
}

export class OverdueRow {
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'true for the row of the unit\'s own tasks; child rows count their whole subtree' }) self: boolean;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() submitted: number;
}

export class RectificationFigures {
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'tasks closed or due in the range, cancelled ones excluded' }) tasks: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..1' }) onTimeRate: number | null;
  @ApiProperty() accepted: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..1: accepted without ever being rejected' }) firstPassRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'opened → accepted, calendar days' }) averageDaysToRectify: number | null;
}

export class FindingDefault {
  @ApiPropertyOptional({ enum: SEVERITIES }) severity?: Severity;
  @ApiPropertyOptional() deductionPoints?: number;
}

export class DueWorkingDays {
  @ApiProperty({ description: 'working days after discovery for a finding\'s task' }) finding: number;
  @ApiProperty({ description: 'working days after opening for a task from missed items' }) checklist: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'per finding source' }) findingBySource: Partial<Record<FindingSource, number>>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'per category; wins over source' }) byCategory: Record<string, number>;
}

export class FindingDefaults {
  @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @ApiProperty() deductionPoints: number;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/FindingDefault' } }) byCategory: Partial<Record<FindingCategory, FindingDefault>>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/FindingDefault' }, description: 'wins over byCategory' }) bySource: Partial<Record<FindingSource, FindingDefault>>;
}

export class RectificationSettings {
  @ApiProperty({ type: DueWorkingDays }) dueWorkingDays: DueWorkingDays;
  @ApiProperty({ type: FindingDefaults }) findingDefaults: FindingDefaults;
}
