import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { UpdateRequirementDto } from './requirements.dto';
import { RequirementsService } from './requirements.service';

@ApiTags('requirements')
@ApiBearerAuth()
@Controller('requirements')
export class RequirementsController {
  constructor(private readonly requirements: RequirementsService) {}

  @Get()
  list() {
    return this.requirements.list();
  }

  @Get(':code')
  get(@Param('code') code: string) {
    return this.requirements.get(code);
  }

  @Patch(':code')
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateRequirementDto) {
    return this.requirements.update(actor, code, dto);
  }
}
