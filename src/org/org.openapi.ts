import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, ROLES } from '../common/actor';
import { UNIT_KINDS, UNIT_LEVELS, UnitKind, UnitLevel } from './entities/unit.entity';

// Response schemas of /api/docs for units, users and sign-in (see common/openapi.ts: a handler
// documented with one of these must return something assignable to it).

export class Unit {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'GZ-C16' }) code: string;
  @ApiProperty({ example: '会昌县人民政府' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '会昌县' }) shortName: string | null;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty({ enum: UNIT_LEVELS }) level: UnitLevel;
  @ApiProperty({ type: Number, nullable: true }) parentId: number | null;
  @ApiProperty({ type: [String] }) contactEmails: string[];
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class UnitTreeNode extends Unit {
  @ApiPropertyOptional({ type: () => [UnitTreeNode], description: 'only with ?tree=true: the units below, nested the same way' })
  children?: UnitTreeNode[];
}

export class ImportResult {
  @ApiProperty({ description: 'rows whose code was new' }) created: number;
  @ApiProperty({ description: 'rows whose code existed: updated in place' }) updated: number;
}

export class User {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() unitId: number;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SignedInUser {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() unitId: number;
  @ApiProperty() displayName: string;
}

export class LoginResult {
  @ApiProperty({ description: 'send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
  @ApiProperty({ example: '8h', description: 'the token lifetime (JWT_EXPIRES_IN)' }) expiresIn: string;
  @ApiProperty({ type: SignedInUser }) user: SignedInUser;
}
