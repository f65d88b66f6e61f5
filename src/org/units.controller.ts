import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { ApiCreated, ApiErrors, ApiErrorStatuses, ApiOk } from '../common/openapi';
import { CommonErrorStatus } from '../common/errors';
import { FileImport, UploadedCsv } from '../common/upload';
import { OrgErrorStatus } from './org.errors';
import { ImportResult, Unit, UnitTreeNode } from './org.openapi';
import { CreateUnitDto, ListUnitsQuery, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a unit', description: 'Under `parentCode` (in the caller\'s scope); only an admin may create a top-level unit.' })
  @ApiCreated(Unit)
  @ApiErrors(OrgErrorStatus, 'READ_ONLY_ROLE', 'UNIT_CODE_TAKEN', 'UNIT_PARENT_NOT_FOUND', 'UNIT_OUTSIDE_SCOPE')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto) {
    return this.units.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the units in scope', description: 'A flat list, or with `?tree=true` the units nested under their parents (`children`).' })
  @ApiOk([UnitTreeNode])
  list(@CurrentActor() actor: Actor, @Query() query: ListUnitsQuery) {
    return query.tree ? this.units.tree(actor, { active: query.active }) : this.units.list(actor, { kind: query.kind, active: query.active });
  }

  @Post('import')
  @ApiOperation({ summary: 'Import units from CSV', description: 'Columns `code,name,short_name,kind,level,parent_code[,contact_emails]`; all or nothing: any bad row answers 400 naming every bad row.' })
  @ApiCreated(ImportResult, 'Imported')
  @ApiErrors(OrgErrorStatus, 'READ_ONLY_ROLE')
  @ApiErrors(CommonErrorStatus, 'BAD_REQUEST')
  @ApiErrorStatuses(413)
  @FileImport()
  import(@CurrentActor() actor: Actor, @UploadedCsv() file: Buffer) {
    return this.units.importCsv(actor, file);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a unit' })
  @ApiOk(Unit)
  @ApiErrors(OrgErrorStatus, 'UNIT_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.units.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a unit', description: 'A new `parentCode` moves the unit with its whole subtree; a cycle is refused.' })
  @ApiOk(Unit)
  @ApiErrors(OrgErrorStatus, 'READ_ONLY_ROLE', 'UNIT_NOT_FOUND', 'UNIT_CODE_TAKEN', 'UNIT_PARENT_NOT_FOUND', 'UNIT_OUTSIDE_SCOPE', 'UNIT_CYCLE')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateUnitDto) {
    return this.units.update(actor, id, dto);
  }
}
