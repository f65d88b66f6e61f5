import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { ApiCreated, ApiErrors, ApiOk, ApiPage } from '../common/openapi';
import { CalendarErrorStatus } from '../calendar/calendar.errors';
import { EvidenceErrorStatus } from './evidence.errors';
import { Interpretation, LinkCheck, PolicyDocument, RecordedWithDeadline } from './evidence.openapi';
import { CreateInterpretationDto, CreatePolicyDocumentDto, ListPolicyDocumentsQuery } from './policy-documents.dto';
import { PolicyDocumentsService } from './policy-documents.service';

@ApiTags('policy-documents')
@ApiBearerAuth()
@Controller('policy-documents')
export class PolicyDocumentsController {
  constructor(private readonly documents: PolicyDocumentsService) {}

  @Post()
  @ApiOperation({ summary: 'Record a policy document', description: 'Its interpretation must be registered and both pages must link to each other within 3 working days of publication.' })
  @ApiCreated(RecordedWithDeadline)
  @ApiErrors(EvidenceErrorStatus, 'EVIDENCE_READ_ONLY_ROLE', 'UNIT_NOT_FOUND')
  @ApiErrors(CalendarErrorStatus, 'CALENDAR_YEAR_MISSING')
  @Roles('admin', 'supervisor', 'operator')
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePolicyDocumentDto) {
    return this.documents.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List policy documents in scope' })
  @ApiPage(PolicyDocument)
  list(@CurrentActor() actor: Actor, @Query() query: ListPolicyDocumentsQuery) {
    return this.documents.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a policy document with its interpretations' })
  @ApiOk(PolicyDocument)
  @ApiErrors(EvidenceErrorStatus, 'POLICY_DOCUMENT_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.documents.get(actor, id);
  }

  @Post(':id/interpretations')
  @ApiOperation({ summary: 'Register an interpretation (政策解读) of a policy document' })
  @ApiCreated(Interpretation)
  @ApiErrors(EvidenceErrorStatus, 'EVIDENCE_READ_ONLY_ROLE', 'POLICY_DOCUMENT_NOT_FOUND')
  @Roles('admin', 'supervisor', 'operator')
  addInterpretation(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: CreateInterpretationDto) {
    return this.documents.addInterpretation(actor, id, dto);
  }

  @Post(':id/check-links')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check that the document and its interpretation link to each other',
    description: 'Fetches both pages (http/https, 10 s, 2 MB, 3 redirects). Loopback, private and other special-purpose addresses are refused unless LINK_CHECK_ALLOW_PRIVATE=true; a page that cannot be read is reported in `error`, not as an HTTP error.',
  })
  @ApiOk(LinkCheck)
  @ApiErrors(EvidenceErrorStatus, 'EVIDENCE_READ_ONLY_ROLE', 'POLICY_DOCUMENT_NOT_FOUND', 'POLICY_NO_INTERPRETATION')
  @Roles('admin', 'supervisor', 'operator')
  checkLinks(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.documents.checkLinks(actor, id);
  }
}
