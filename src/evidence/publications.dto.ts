import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PUBLICATION_BATCH_MAX = 5000;

// Documentation only: the batch is checked by checkPublicationBatch (plain code, for speed),
// not by the global validation pipe — the controller takes the body untyped on purpose.
export class PublicationItemDto {
  @ApiProperty() channelId: number;
  @ApiProperty({ example: '2022-09-29T10:00:00+08:00', description: 'without an offset: local time' }) publishedAt: string;
  @ApiPropertyOptional({ maxLength: 500 }) title?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) url?: string;
  @ApiPropertyOptional({ maxLength: 191, description: 'the id on the platform; the same (channel, externalId or url) twice is one publication' }) externalId?: string;
}

export class PublicationBatchDto {
  @ApiProperty({ type: [PublicationItemDto], maxItems: PUBLICATION_BATCH_MAX }) items: PublicationItemDto[];
}

export interface PublicationBatchResult {
  accepted: number;
  duplicates: number;
}

export interface ImportJobResponse {
  jobId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  rows: number;
  result: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}
