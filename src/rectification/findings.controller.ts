import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { FindingsService } from './findings.service';
import { CreateFindingDto, ListFindingsQuery } from './rectification.dto';

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('findings')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  /** Every role may call it; operators only for self-check findings of their own unit. */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFindingDto) {
    return this.findings.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListFindingsQuery) {
    return this.findings.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.findings.get(actor, id);
  }
}
