import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { CreateInterpretationDto, CreatePolicyDocumentDto, ListPolicyDocumentsQuery } from './policy-documents.dto';
import { PolicyDocumentsService } from './policy-documents.service';

@ApiTags('policy-documents')
@ApiBearerAuth()
@Controller('policy-documents')
export class PolicyDocumentsController {
  constructor(private readonly documents: PolicyDocumentsService) {}

  @Post()
  @Roles('admin', 'supervisor', 'operator')
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePolicyDocumentDto) {
    return this.documents.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListPolicyDocumentsQuery) {
    return this.documents.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.documents.get(actor, id);
  }

  @Post(':id/interpretations')
  @Roles('admin', 'supervisor', 'operator')
  addInterpretation(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: CreateInterpretationDto) {
    return this.documents.addInterpretation(actor, id, dto);
  }

  @Post(':id/check-links')
  @HttpCode(200)
  @Roles('admin', 'supervisor', 'operator')
  checkLinks(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.documents.checkLinks(actor, id);
  }
}
