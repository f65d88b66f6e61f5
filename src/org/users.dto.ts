import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from '../common/actor';
import { PageQuery } from '../common/pagination';
import { UserEntity } from './entities/user.entity';
import { PASSWORD_MIN_LENGTH, PASSWORD_POLICY_TEXT } from './password-policy';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
const USERNAME_MESSAGE = 'username 只能包含字母、数字、.、_、@ 和 -，长度 2 到 64';

export class CreateUserDto {
  @ApiProperty({ example: 'huichang.sup' }) @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE }) username: string;
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: `${PASSWORD_POLICY_TEXT}` }) @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(128) password: string;
  @ApiProperty({ example: '张三' }) @IsString() @IsNotEmpty() @MaxLength(100) displayName: string;
  @ApiProperty({ example: 'zhangsan@example.gov.cn' }) @IsEmail() email: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty() @Type(() => Number) @IsInt() unitId: number;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, description: `${PASSWORD_POLICY_TEXT}` }) @IsOptional() @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(128) password?: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() unitId?: number;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export interface UserResponse {
  id: number;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  unitId: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Never includes the password hash. */
export function toUserResponse(user: UserEntity): UserResponse {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    unitId: user.unitId,
    active: user.active,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
