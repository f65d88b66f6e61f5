import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, Roles } from '../common/auth';
import { FileImport, UploadedCsv } from '../common/upload';
import { CreateUnitDto, ListUnitsQuery, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Roles('admin', 'supervisor')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto) {
    return this.units.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListUnitsQuery) {
    return query.tree ? this.units.tree(actor, { active: query.active }) : this.units.list(actor, { kind: query.kind, active: query.active });
  }

  @Post('import')
  @Roles('admin', 'supervisor')
  @FileImport()
  import(@CurrentActor() actor: Actor, @UploadedCsv() file: Buffer) {
    return this.units.importCsv(actor, file);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.units.get(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateUnitDto) {
    return this.units.update(actor, id, dto);
  }
}
