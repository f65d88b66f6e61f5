import { ApiProperty } from '@nestjs/swagger';
import { AppliesTo, ProblemCategory, RequirementKind, RequirementParams, Severity } from './built-in-requirements';
import { SEVERITIES } from './requirements.dto';

// Response schema of /api/docs for the requirement catalogue (see common/openapi.ts).

export class Requirement {
  @ApiProperty({ example: 'WEBSITE_DAILY_UPDATE' }) code: string;
  @ApiProperty({ example: '政府网站首页信息每天至少更新一次' }) title: string;
  @ApiProperty({ enum: ['publication_frequency', 'silence', 'response_deadline', 'interpretation_link', 'attestation'] }) kind: RequirementKind;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'per kind, e.g. {"period": "day", "min": 1, "finalizeAfterDays": 2}', example: { period: 'day', min: 1, finalizeAfterDays: 2 } })
  params: RequirementParams;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'which subjects the rule applies to', example: { subject: 'channel', channelKinds: ['website'] } })
  appliesTo: AppliesTo;
  @ApiProperty({ enum: ['not_updated', 'no_interaction', 'overdue_reply', 'policy_unlinked', 'duty_roster', 'typo', 'broken_link', 'other'] }) problemCategory: ProblemCategory;
  @ApiProperty() sourceDocument: string;
  @ApiProperty() sourceClause: string;
  @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @ApiProperty() deductionPoints: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty() builtIn: boolean;
  @ApiProperty() updatedAt: Date;
}
