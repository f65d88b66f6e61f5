import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor } from '../common/actor';
import { CurrentActor, Public } from '../common/auth';
import { ApiErrors, ApiOk } from '../common/openapi';
import { OrgErrorStatus } from './org.errors';
import { LoginResult, User } from './org.openapi';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in', description: 'Answers a bearer token. Failed attempts are counted per username and per address; past the limit the answer is 429 until the window ends.' })
  @ApiOk(LoginResult)
  @ApiErrors(OrgErrorStatus, 'AUTH_INVALID_CREDENTIALS', 'AUTH_TOO_MANY_ATTEMPTS')
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto, req.ip ?? 'unknown');
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOk(User)
  me(@CurrentActor() actor: Actor) {
    return this.users.get(actor, actor.id);
  }

  /** Revokes the token this request carries. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revoke this token (other devices stay signed in)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  /** Revokes every token and console session of the caller, on every device. */
  @ApiBearerAuth()
  @Post('logout-everywhere')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out everywhere: revoke every token and console session of the caller' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async logoutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logoutEverywhere(actor);
  }
}
