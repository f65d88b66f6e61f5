import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_CATEGORIES, MessageCategory } from './messages.dto';

// Response schemas of /api/docs for publications, messages, policy documents and duty rosters
// (see common/openapi.ts).

export class PublicationBatchResult {
  @ApiProperty({ description: 'publications stored' }) accepted: number;
  @ApiProperty({ description: 'items already recorded (same channel and externalId, else url)' }) duplicates: number;
}

export class PublicationImportRange {
  @ApiProperty() fromLine: number;
  @ApiProperty() toLine: number;
  @ApiProperty() accepted: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() rejected: number;
}

export class PublicationImportResult {
  @ApiProperty({ enum: ['utf-8', 'gb18030'], description: 'the encoding the file was read in' }) encoding: 'utf-8' | 'gb18030';
  @ApiProperty({ description: 'data rows read' }) rows: number;
  @ApiProperty() accepted: number;
  @ApiProperty() duplicates: number;
  @ApiProperty({ description: 'bad rows skipped' }) rejected: number;
  @ApiProperty({ type: [String], description: 'the first 1,000 problems, `第 N 行：…`' }) errors: string[];
  @ApiProperty({ type: [PublicationImportRange], description: 'counts per 100,000 lines' }) ranges: PublicationImportRange[];
  @ApiPropertyOptional({ description: 'set when the file stopped being readable CSV: the lines after it were not imported' }) stoppedAtLine?: number;
}

export class ImportJobStarted {
  @ApiProperty({ description: 'poll GET /publications/import/{jobId}' }) jobId: string;
}

export class ImportJob {
  @ApiProperty() jobId: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: 'queued' | 'running' | 'done' | 'failed';
  @ApiProperty({ description: 'rows read so far' }) rows: number;
  @ApiProperty({ type: PublicationImportResult, nullable: true, description: 'once done' }) result: unknown;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
}

export class RecordedWithDeadline {
  @ApiProperty() id: number;
  @ApiProperty({ description: '24:00 local of dueLastDay' }) dueAt: Date;
  @ApiProperty({ example: '2022-10-11' }) dueLastDay: string;
}

export class MessageReply {
  @ApiProperty() id: number;
  @ApiProperty() repliedAt: Date;
  @ApiProperty({ description: 'replied before the due time' }) onTime: boolean;
}

export class Message {
  @ApiProperty() id: number;
  @ApiProperty() channelId: number;
  @ApiProperty() channelName: string;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: MESSAGE_CATEGORIES }) category: MessageCategory;
  @ApiProperty({ example: 'MESSAGE_SIMPLE_3_DAYS' }) requirementCode: string;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty() receivedAt: Date;
  @ApiProperty({ example: '2022-10-11' }) dueLastDay: string;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ type: Date, nullable: true }) repliedAt: Date | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null until replied' }) onTime: boolean | null;
  @ApiProperty({ description: 'as of now: not replied and past due, or replied late' }) overdue: boolean;
}

export class LinkCheck {
  @ApiProperty() documentLinksToInterpretation: boolean;
  @ApiProperty() interpretationLinksToDocument: boolean;
  @ApiProperty() checkedAt: Date;
  @ApiPropertyOptional({ description: 'why a page could not be read (in Chinese)' }) error?: string;
}

export class Interpretation {
  @ApiProperty() id: number;
  @ApiProperty() policyDocumentId: number;
  @ApiProperty() title: string;
  @ApiProperty() url: string;
  @ApiProperty() publishedAt: Date;
  @ApiProperty() createdAt: Date;
}

export class PolicyDocument {
  @ApiProperty() id: number;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty() title: string;
  @ApiProperty() url: string;
  @ApiProperty() publishedAt: Date;
  @ApiProperty({ example: '2022-10-11' }) dueLastDay: string;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ description: 'an interpretation is registered and both links were verified' }) linked: boolean;
  @ApiProperty({ type: Date, nullable: true }) linksVerifiedAt: Date | null;
  @ApiProperty({ type: LinkCheck, nullable: true }) lastCheck: LinkCheck | null;
  @ApiPropertyOptional({ type: [Interpretation], description: 'on GET /policy-documents/{id} only' }) interpretations?: Interpretation[];
}

export class AttestationFile {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['image/png', 'image/jpeg', 'application/pdf'] }) mime: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
}

export class Attestation {
  @ApiProperty() id: number;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ example: 'HOLIDAY_DUTY_ROSTER' }) requirementCode: string;
  @ApiProperty({ example: '国庆节' }) holidayName: string;
  @ApiProperty({ example: '2022-10-01' }) holidayStart: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: AttestationFile, nullable: true }) file: AttestationFile | null;
  @ApiProperty() filedBy: number;
  @ApiProperty() filedAt: Date;
}
