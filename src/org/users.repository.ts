import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../common/actor';
import { offsetOf, PageQuery } from '../common/pagination';
import { scopeCondition, UnitScope } from '../common/scope';
import { UserEntity } from './entities/user.entity';

export interface UserWithUnitPath extends UserEntity {
  unitPath: string;
}

export interface UserListFilter {
  unitId?: number;
  role?: Role;
  active?: boolean;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  /** For sign-in: the user with the password hash (never returned otherwise). */
  findByUsernameWithHash(username: string): Promise<UserEntity | null> {
    return this.repo().createQueryBuilder('usr').addSelect('usr.passwordHash').where('usr.username = :username', { username }).getOne();
  }

  async findPageInScope(scope: UnitScope, filter: UserListFilter, page: PageQuery): Promise<[UserEntity[], number]> {
    const cond = scopeCondition(scope, 'u');
    const qb = this.repo().createQueryBuilder('usr').innerJoin('unit', 'u', 'u.id = usr.unit_id').where(cond.sql, cond.params);
    if (filter.unitId) qb.andWhere('usr.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.role) qb.andWhere('usr.role = :role', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('usr.active = :active', { active: filter.active });
    return qb.orderBy('usr.id', 'ASC').skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
  }

  findOneInScope(scope: UnitScope, id: number, manager?: EntityManager): Promise<UserEntity | null> {
    const cond = scopeCondition(scope, 'u');
    return this.repo(manager)
      .createQueryBuilder('usr')
      .innerJoin('unit', 'u', 'u.id = usr.unit_id')
      .where('usr.id = :id', { id })
      .andWhere(cond.sql, cond.params)
      .getOne();
  }

  findByUsername(username: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOneBy({ username });
  }

  async countActiveAdmins(): Promise<number> {
    return this.repo().countBy({ role: 'admin', active: true });
  }

  async insertUser(manager: EntityManager, user: Omit<UserEntity, 'id' | 'createdAt' | 'updatedAt'>): Promise<UserEntity> {
    const result = await this.repo(manager).insert(user);
    return (await this.repo(manager).findOneBy({ id: result.identifiers[0].id }))!;
  }

  async updateUser(manager: EntityManager, id: number, changes: Partial<UserEntity>): Promise<void> {
    if (Object.keys(changes).length) await this.repo(manager).update({ id }, changes);
  }
}
