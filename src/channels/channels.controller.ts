import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { CommonErrorStatus } from '../common/errors';
import { ApiCreated, ApiErrors, ApiErrorStatuses, ApiOk, ApiPage } from '../common/openapi';
import { FileImport, UploadedCsv } from '../common/upload';
import { ImportResult } from '../org/org.openapi';
import { ChannelErrorStatus } from './channels.errors';
import { Channel } from './channels.openapi';
import { CreateChannelDto, ListChannelsQuery, UpdateChannelDto } from './channels.dto';
import { ChannelsService } from './channels.service';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a channel (website or new-media account)', description: 'For a unit in the caller\'s scope; without `code` one is made from the unit\'s code.' })
  @ApiCreated(Channel)
  @ApiErrors(ChannelErrorStatus, 'CHANNEL_READ_ONLY_ROLE', 'CHANNEL_UNIT_NOT_FOUND', 'CHANNEL_CODE_TAKEN')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChannelDto) {
    return this.channels.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the channels in scope' })
  @ApiPage(Channel)
  list(@CurrentActor() actor: Actor, @Query() query: ListChannelsQuery) {
    return this.channels.list(actor, query);
  }

  @Post('import')
  @ApiOperation({ summary: 'Import channels from CSV', description: 'Columns `code,unit_code,kind,name,url[,platform_label]`; all or nothing: any bad row answers 400 naming every bad row.' })
  @ApiCreated(ImportResult, 'Imported')
  @ApiErrors(ChannelErrorStatus, 'CHANNEL_READ_ONLY_ROLE')
  @ApiErrors(CommonErrorStatus, 'BAD_REQUEST')
  @ApiErrorStatuses(413)
  @FileImport()
  import(@CurrentActor() actor: Actor, @UploadedCsv() file: Buffer) {
    return this.channels.importCsv(actor, file);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a channel' })
  @ApiOk(Channel)
  @ApiErrors(ChannelErrorStatus, 'CHANNEL_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.channels.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel', description: 'The fields of create, and `active`.' })
  @ApiOk(Channel)
  @ApiErrors(ChannelErrorStatus, 'CHANNEL_READ_ONLY_ROLE', 'CHANNEL_NOT_FOUND', 'CHANNEL_UNIT_NOT_FOUND', 'CHANNEL_CODE_TAKEN')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateChannelDto) {
    return this.channels.update(actor, id, dto);
  }
}
