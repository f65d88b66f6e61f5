import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { UnitEntity } from './entities/unit.entity';
import { SIGNING_SECRET, signingSecretProvider } from './signing-secret';
import { UserEntity } from './entities/user.entity';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UnitEntity, UserEntity]),
    // The secret is passed on each sign and verify (AuthService), from SIGNING_SECRET.
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ signOptions: { expiresIn: config.jwtExpiresIn as never } }),
    }),
  ],
  controllers: [AuthController, UnitsController, UsersController],
  providers: [
    UnitsRepository,
    UsersRepository,
    AuthRepository,
    signingSecretProvider,
    UnitsService,
    UsersService,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UnitsService, UsersService, AuthService, SIGNING_SECRET],
})
export class OrgModule implements OnApplicationBootstrap {
  constructor(private readonly users: UsersService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.users.ensureFirstAdmin();
  }
}
