import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/auth';
import { ApiCreated, ApiErrors, ApiOk, ApiPage } from '../common/openapi';
import { OrgErrorStatus } from './org.errors';
import { User } from './org.openapi';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user', description: 'In a unit of the caller\'s scope; only an admin may grant admin, supervisor or inspector. The password is hashed (argon2id) and never returned.' })
  @ApiCreated(User)
  @ApiErrors(OrgErrorStatus, 'READ_ONLY_ROLE', 'USER_ROLE_NOT_ALLOWED', 'USER_UNIT_NOT_FOUND', 'USERNAME_TAKEN', 'PASSWORD_TOO_WEAK')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the users in scope' })
  @ApiPage(User)
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery) {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a user' })
  @ApiOk(User)
  @ApiErrors(OrgErrorStatus, 'USER_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user', description: 'Also resets the password (`password`) and deactivates (`active: false`); nobody may deactivate themselves or change their own role.' })
  @ApiOk(User)
  @ApiErrors(OrgErrorStatus, 'READ_ONLY_ROLE', 'USER_NOT_FOUND', 'USER_ROLE_NOT_ALLOWED', 'USER_UNIT_NOT_FOUND', 'PASSWORD_TOO_WEAK')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  /** Deactivates (users are never deleted: their history stays attributed). */
  @Delete(':id')
  @ApiOperation({ summary: 'Deactivate a user', description: 'The same as `PATCH {active: false}`: users are never deleted, so their history stays attributed.' })
  @ApiOk(User)
  @ApiErrors(OrgErrorStatus, 'READ_ONLY_ROLE', 'USER_NOT_FOUND', 'USER_ROLE_NOT_ALLOWED')
  deactivate(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.users.deactivate(actor, id);
  }
}
