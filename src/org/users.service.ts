import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, Role, roleRefusal } from '../common/actor';
import { Clock } from '../common/clock';
import { isDuplicateKey } from '../common/database-errors';
import { fieldName } from '../common/field-labels';
import { Page, pageOf } from '../common/pagination';
import { readScope, scopeContains, UnitScope, writeScope } from '../common/scope';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UserEntity } from './entities/user.entity';
import { AuthRepository } from './auth.repository';
import { OrgError } from './org.errors';
import { passwordProblem, PASSWORD_POLICY_TEXT } from './password-policy';
import { hashPassword } from './passwords';
import { UnitsRepository } from './units.repository';
import { CreateUserDto, ListUsersQuery, toUserResponse, UpdateUserDto, UserResponse } from './users.dto';
import { UsersRepository } from './users.repository';

/** Roles a supervisor may hand out inside their scope; admin and inspector are the admin's to give. */
const SUPERVISOR_GRANTABLE: Role[] = ['supervisor', 'operator'];
/** Who manages users at all (supervisors inside their subtree); operators and inspectors may not. */
const USER_WRITE_ROLES: readonly Role[] = ['admin', 'supervisor'];

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    private readonly auth: AuthRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, query: ListUsersQuery): Promise<Page<UserResponse>> {
    const [items, total] = await this.users.findPageInScope(readScope(actor), query, query);
    return pageOf(items.map(toUserResponse), total, query);
  }

  async get(actor: Actor, id: number): Promise<UserResponse> {
    const user = await this.users.findOneInScope(readScope(actor), id);
    if (!user) throw new OrgError('USER_NOT_FOUND', `用户 ${id} 不存在`);
    return toUserResponse(user);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    const scope = this.writeScopeOrFail(actor);
    this.checkGrantable(actor, dto.role);
    this.checkPassword(dto.password, dto.username);
    const taken = () => new OrgError('USERNAME_TAKEN', `用户名 ${dto.username} 已被使用`);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.unitInScopeOrFail(scope, dto.unitId);
        if (await this.users.findByUsername(dto.username, manager)) throw taken();
        const user = await this.users.insertUser(manager, {
          username: dto.username,
          passwordHash: await hashPassword(dto.password),
          displayName: dto.displayName,
          email: dto.email,
          role: dto.role,
          unitId: dto.unitId,
          active: true,
        });
        await this.audit.record(actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: toUserResponse(user) }, manager);
        return toUserResponse(user);
      });
    } catch (error) {
      // Two creates of one username at once both pass the check above; the unique key stops the second.
      if (isDuplicateKey(error)) throw taken();
      throw error;
    }
  }

  async update(actor: Actor, id: number, dto: UpdateUserDto): Promise<UserResponse> {
    const scope = this.writeScopeOrFail(actor);
    if (dto.role) this.checkGrantable(actor, dto.role);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.findOneInScope(scope, id, manager);
      if (!user) throw new OrgError('USER_NOT_FOUND', `用户 ${id} 不存在`);
      if (actor.role !== 'admin') this.checkGrantable(actor, user.role);
      if (dto.unitId !== undefined) await this.unitInScopeOrFail(scope, dto.unitId);
      if (user.id === actor.id && (dto.active === false || (dto.role && dto.role !== user.role))) {
        throw new OrgError('USER_ROLE_NOT_ALLOWED', '不能停用自己或修改自己的角色');
      }
      if (dto.password) this.checkPassword(dto.password, user.username);
      const changes: Partial<UserEntity> = {};
      for (const key of ['displayName', 'email', 'role', 'unitId', 'active'] as const) {
        if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
      }
      if (dto.password) changes.passwordHash = await hashPassword(dto.password);
      await this.users.updateUser(manager, id, changes);
      // A new password, another role or deactivation ends every session the user has, so a
      // token or console cookie issued before cannot outlive the change.
      if (dto.password || (dto.role && dto.role !== user.role) || (dto.active === false && user.active)) {
        await this.auth.revokeSessionsOfUser(id, this.clock.now(), manager);
      }
      const after = (await this.users.findOneInScope({ kind: 'all' }, id, manager))!;
      const action = dto.active === false ? 'user.deactivate' : dto.password ? 'user.update_password' : 'user.update';
      await this.audit.record(actor, { action, entityType: 'user', entityId: id, before: toUserResponse(user), after: toUserResponse(after) }, manager);
      return toUserResponse(after);
    });
  }

  deactivate(actor: Actor, id: number): Promise<UserResponse> {
    return this.update(actor, id, { active: false });
  }

  /** At start: the first admin from ADMIN_USERNAME/ADMIN_PASSWORD when there is no admin. */
  async ensureFirstAdmin(): Promise<void> {
    const { adminUsername, adminPassword } = this.config;
    if (!adminUsername || !adminPassword) return;
    if ((await this.users.countActiveAdmins()) > 0) return;
    await this.dataSource.transaction(async (manager) => {
      if (await this.users.findByUsername(adminUsername, manager)) {
        this.logger.warn(`No active admin, but the username ${adminUsername} is taken by a non-admin; not creating one`);
        return;
      }
      const roots: { id: number }[] = await manager.query('SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1');
      const unitId =
        roots[0]?.id ??
        (
          await this.units.insertUnit(
            manager,
            { code: 'ROOT', name: '系统管理', shortName: null, kind: 'other', level: 'city', parentId: null, contactEmails: [], active: true },
            null,
          )
        ).id;
      const user = await this.users.insertUser(manager, {
        username: adminUsername,
        passwordHash: await hashPassword(adminPassword),
        displayName: '系统管理员',
        email: 'admin@localhost',
        role: 'admin',
        unitId,
        active: true,
      });
      await this.audit.record(null, { action: 'user.create', entityType: 'user', entityId: user.id, after: toUserResponse(user) }, manager);
      this.logger.log(`Created the first admin ${adminUsername}`);
    });
  }

  private checkPassword(password: string, username: string): void {
    const problem = passwordProblem(password, username);
    if (problem) throw new OrgError('PASSWORD_TOO_WEAK', `${fieldName('password')}不符合密码要求：${problem}（要求：${PASSWORD_POLICY_TEXT}）`);
  }

  private writeScopeOrFail(actor: Actor): UnitScope {
    const scope = writeScope(actor);
    if (!scope || !USER_WRITE_ROLES.includes(actor.role)) throw new OrgError('READ_ONLY_ROLE', roleRefusal(actor, USER_WRITE_ROLES, '管理用户'));
    return scope;
  }

  private checkGrantable(actor: Actor, role: Role): void {
    if (actor.role !== 'admin' && !SUPERVISOR_GRANTABLE.includes(role)) {
      throw new OrgError('USER_ROLE_NOT_ALLOWED', `只有管理员可以授予或管理 ${role} 角色`);
    }
  }

  private async unitInScopeOrFail(scope: UnitScope, unitId: number): Promise<void> {
    const unit = await this.units.findById(unitId);
    if (!unit || !scopeContains(scope, unit)) throw new OrgError('USER_UNIT_NOT_FOUND', `unitId ${unitId} 不存在或不在您的管理范围内`);
  }
}
