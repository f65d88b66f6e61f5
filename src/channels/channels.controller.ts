import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { FileImport, UploadedCsv } from '../common/upload';
import { CreateChannelDto, ListChannelsQuery, UpdateChannelDto } from './channels.dto';
import { ChannelsService } from './channels.service';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChannelDto) {
    return this.channels.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListChannelsQuery) {
    return this.channels.list(actor, query);
  }

  @Post('import')
  @FileImport()
  import(@CurrentActor() actor: Actor, @UploadedCsv() file: Buffer) {
    return this.channels.importCsv(actor, file);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.channels.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateChannelDto) {
    return this.channels.update(actor, id, dto);
  }
}
