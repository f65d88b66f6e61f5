import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCode } from '../common/validation';
import { UNIT_KINDS, UNIT_LEVELS, UnitEntity, UnitKind, UnitLevel } from './entities/unit.entity';

export class CreateUnitDto {
  @ApiProperty({ example: 'GZ-C16' }) @IsCode() code: string;
  @ApiProperty({ example: '会昌县人民政府' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: '会昌县' }) @IsOptional() @IsString() @MaxLength(100) shortName?: string;
  @ApiProperty({ enum: UNIT_KINDS }) @IsIn(UNIT_KINDS) kind: UnitKind;
  @ApiProperty({ enum: UNIT_LEVELS }) @IsIn(UNIT_LEVELS) level: UnitLevel;
  @ApiPropertyOptional({ example: 'GZ' }) @IsOptional() @IsCode() parentCode?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'contactEmails 中每一项都必须是有效的电子邮件地址' })
  contactEmails?: string[];
}

export class UpdateUnitDto {
  @ApiPropertyOptional() @IsOptional() @IsCode() code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) shortName?: string | null;
  @ApiPropertyOptional({ enum: UNIT_KINDS }) @IsOptional() @IsIn(UNIT_KINDS) kind?: UnitKind;
  @ApiPropertyOptional({ enum: UNIT_LEVELS }) @IsOptional() @IsIn(UNIT_LEVELS) level?: UnitLevel;
  @ApiPropertyOptional() @IsOptional() @IsCode() parentCode?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'contactEmails 中每一项都必须是有效的电子邮件地址' })
  contactEmails?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ListUnitsQuery {
  @ApiPropertyOptional({ description: 'true: the units in scope as a nested tree' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  tree?: boolean;

  @ApiPropertyOptional({ enum: UNIT_KINDS }) @IsOptional() @IsIn(UNIT_KINDS) kind?: UnitKind;

  @ApiPropertyOptional({ description: 'true: active units only (what a unit picker offers); false: deactivated ones only; default both' })
  @IsOptional()
  @Transform(({ value }) => (value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export interface UnitResponse {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  level: UnitLevel;
  parentId: number | null;
  contactEmails: string[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface UnitTreeNode extends UnitResponse {
  children: UnitTreeNode[];
}

export function toUnitResponse(unit: UnitEntity): UnitResponse {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    kind: unit.kind,
    level: unit.level,
    parentId: unit.parentId,
    contactEmails: unit.contactEmails ?? [],
    active: unit.active,
    createdAt: unit.createdAt,
    updatedAt: unit.updatedAt,
  };
}

/** Nests units under their parents; a unit whose parent is out of scope becomes a root. */
export function toUnitTree(units: UnitEntity[]): UnitTreeNode[] {
  const nodes = new Map<number, UnitTreeNode>();
  for (const unit of units) nodes.set(unit.id, { ...toUnitResponse(unit), children: [] });
  const roots: UnitTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId != null ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export interface ImportResult {
  created: number;
  updated: number;
}
