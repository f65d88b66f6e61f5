import { ApiProperty } from '@nestjs/swagger';
import { ITEM_STATUSES } from './checklists.dto';
import { ItemStatus } from './periods';

// Response schemas of /api/docs for checklists and the compliance dashboard (see common/openapi.ts).

export class ChecklistItem {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'WEBSITE_DAILY_UPDATE' }) requirementCode: string;
  @ApiProperty({ enum: ['channel', 'message', 'policy_document', 'unit'] }) subjectType: string;
  @ApiProperty() subjectId: number;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: Number, nullable: true }) channelId: number | null;
  @ApiProperty({ type: String, nullable: true }) channelName: string | null;
  @ApiProperty({ type: String, nullable: true, example: '微信订阅号', description: 'how reports name the channel\'s platform' }) platformLabel: string | null;
  @ApiProperty({ example: '2022-09-26', description: 'local date, inclusive' }) periodStart: string;
  @ApiProperty({ example: '2022-10-02', description: 'local date, inclusive' }) periodEnd: string;
  @ApiProperty({ description: '24:00 local of periodEnd' }) dueAt: Date;
  @ApiProperty({ description: 'after this instant the status no longer changes' }) finalizeAt: Date;
  @ApiProperty({ enum: ITEM_STATUSES }) status: ItemStatus;
  @ApiProperty({ description: 'updates (or replies, links) counted' }) observed: number;
  @ApiProperty({ description: 'updates required' }) required: number;
  @ApiProperty() final: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'the rectification task a final miss became' }) taskId: number | null;
  @ApiProperty({ type: String, nullable: true }) waiveReason: string | null;
  @ApiProperty({ type: Date, nullable: true }) waivedAt: Date | null;
}

export class UnitChecklist {
  @ApiProperty() unitId: number;
  @ApiProperty({ example: '2022-09-29' }) date: string;
  @ApiProperty({ type: [ChecklistItem] }) items: ChecklistItem[];
}

export class GenerateResult {
  @ApiProperty() created: number;
  @ApiProperty({ description: 'items of the range that existed already' }) existing: number;
}

export class EvaluationTasks {
  @ApiProperty({ description: 'tasks opened from final misses' }) created: number;
  @ApiProperty({ description: 'open tasks a further final miss was added to' }) extended: number;
}

export class EvaluateResult {
  @ApiProperty() met: number;
  @ApiProperty() missed: number;
  @ApiProperty() pending: number;
  @ApiProperty() finalized: number;
  @ApiProperty({ type: EvaluationTasks }) tasks: EvaluationTasks;
}

class ComplianceFigures {
  @ApiProperty() met: number;
  @ApiProperty() missed: number;
  @ApiProperty() waived: number;
  @ApiProperty() pending: number;
  @ApiProperty({ type: Number, nullable: true, description: 'met ÷ (met + missed); null when both are 0' }) rate: number | null;
}

export class ComplianceOfUnit extends ComplianceFigures {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

export class ComplianceOfChild extends ComplianceFigures {
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
}

export class ComplianceOfRequirement extends ComplianceFigures {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
}

export class Compliance {
  @ApiProperty({ example: '2022-09-01' }) from: string;
  @ApiProperty({ example: '2022-09-29' }) to: string;
  @ApiProperty({ type: ComplianceOfUnit }) unit: ComplianceOfUnit;
  @ApiProperty({ type: [ComplianceOfChild], description: 'each child unit, counting its subtree' }) children: ComplianceOfChild[];
  @ApiProperty({ type: [ComplianceOfRequirement] }) requirements: ComplianceOfRequirement[];
}
