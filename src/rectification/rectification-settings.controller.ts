import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { UpdateSettingsDto } from './rectification.dto';
import { RectificationService } from './rectification.service';

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('rectification/settings')
export class RectificationSettingsController {
  constructor(private readonly rectification: RectificationService) {}

  @Get()
  get() {
    return this.rectification.settings();
  }

  @Put()
  @Roles('admin')
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateSettingsDto) {
    return this.rectification.updateSettings(actor, dto);
  }
}
