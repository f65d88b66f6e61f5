import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { ApiErrors, ApiOk } from '../common/openapi';
import { RectificationErrorStatus } from './rectification.errors';
import { FindingDefault, RectificationSettings } from './rectification.openapi';
import { UpdateSettingsDto } from './rectification.dto';
import { RectificationService } from './rectification.service';

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('rectification/settings')
export class RectificationSettingsController {
  constructor(private readonly rectification: RectificationService) {}

  @Get()
  @ApiOperation({ summary: 'The rectification settings: due working days and finding defaults' })
  @ApiExtraModels(FindingDefault)
  @ApiOk(RectificationSettings)
  get() {
    return this.rectification.settings();
  }

  @Put()
  @ApiOperation({ summary: 'Change the rectification settings', description: 'Each key given replaces that setting whole; audited.' })
  @ApiExtraModels(FindingDefault)
  @ApiOk(RectificationSettings)
  @ApiErrors(RectificationErrorStatus, 'SETTINGS_INVALID')
  @Roles('admin')
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateSettingsDto) {
    return this.rectification.updateSettings(actor, dto);
  }
}
