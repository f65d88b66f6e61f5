import { Body, Controller, Get, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { ApiCreated, ApiErrors, ApiErrorStatuses, ApiPage } from '../common/openapi';
import { ATTACHMENT_MAX_BYTES } from './attachment-files';
import { CreateAttestationDto, ListAttestationsQuery } from './attestations.dto';
import { AttestationsService, UploadedAttachment } from './attestations.service';
import { EvidenceErrorStatus } from './evidence.errors';
import { Attestation } from './evidence.openapi';

@ApiTags('attestations')
@ApiBearerAuth()
@Controller('attestations')
export class AttestationsController {
  constructor(private readonly attestations: AttestationsService) {}

  @Post()
  @ApiOperation({ summary: 'File a holiday duty roster (值班表)', description: 'For the first day of a statutory holiday, with a note and optionally a PNG, JPEG or PDF file.' })
  @ApiCreated(Attestation)
  @ApiErrors(EvidenceErrorStatus, 'EVIDENCE_READ_ONLY_ROLE', 'UNIT_NOT_FOUND', 'ATTESTATION_NOT_A_HOLIDAY', 'EVIDENCE_INVALID', 'EVIDENCE_FILE_TOO_LARGE')
  @ApiErrorStatuses(413)
  @Roles('admin', 'supervisor', 'operator')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['unitId', 'holidayStart', 'note'],
      properties: { unitId: { type: 'integer' }, holidayStart: { type: 'string', example: '2022-10-01' }, note: { type: 'string' }, file: { type: 'string', format: 'binary', description: 'PNG, JPEG or PDF, at most 10 MB' } },
    },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAttestationDto, @UploadedFile() file?: UploadedAttachment) {
    return this.attestations.create(actor, dto, file);
  }

  @Get()
  @ApiOperation({ summary: 'List duty rosters in scope' })
  @ApiPage(Attestation)
  list(@CurrentActor() actor: Actor, @Query() query: ListAttestationsQuery) {
    return this.attestations.list(actor, query);
  }
}
