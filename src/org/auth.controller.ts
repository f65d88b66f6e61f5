import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor } from '../common/actor';
import { CurrentActor, Public } from '../common/auth';
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
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto, req.ip ?? 'unknown');
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return this.users.get(actor, actor.id);
  }

  /** Revokes the token this request carries. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录：撤销本令牌（其他设备上的登录不受影响）' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  /** Revokes every token and console session of the caller, on every device. */
  @ApiBearerAuth()
  @Post('logout-everywhere')
  @HttpCode(204)
  @ApiOperation({ summary: '退出所有设备：撤销本用户的全部令牌和网页登录' })
  async logoutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logoutEverywhere(actor);
  }
}
