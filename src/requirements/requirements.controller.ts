import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { ApiErrors, ApiOk } from '../common/openapi';
import { RequirementErrorStatus } from './requirements.errors';
import { Requirement } from './requirements.openapi';
import { UpdateRequirementDto } from './requirements.dto';
import { RequirementsService } from './requirements.service';

@ApiTags('requirements')
@ApiBearerAuth()
@Controller('requirements')
export class RequirementsController {
  constructor(private readonly requirements: RequirementsService) {}

  @Get()
  @ApiOperation({ summary: 'List the requirement catalogue' })
  @ApiOk([Requirement])
  list() {
    return this.requirements.list();
  }

  @Get(':code')
  @ApiOperation({ summary: 'Get a requirement' })
  @ApiOk(Requirement)
  @ApiErrors(RequirementErrorStatus, 'REQUIREMENT_NOT_FOUND')
  get(@Param('code') code: string) {
    return this.requirements.get(code);
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Change a requirement', description: 'Enable or disable it, or change its parameters (checked per kind), severity or deduction points; applies to periods generated afterwards. Audited.' })
  @ApiOk(Requirement)
  @ApiErrors(RequirementErrorStatus, 'REQUIREMENT_ROLE_NOT_ALLOWED', 'REQUIREMENT_NOT_FOUND', 'REQUIREMENT_INVALID_PARAMS')
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateRequirementDto) {
    return this.requirements.update(actor, code, dto);
  }
}
