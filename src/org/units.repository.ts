import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { scopeCondition, UnitScope } from '../common/scope';
import { UnitEntity, UnitKind } from './entities/unit.entity';

export interface UnitListFilter {
  kind?: UnitKind;
  parentId?: number;
  active?: boolean;
}

@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UnitEntity);
  }

  /** Units in scope, in display order (the order they were created or imported). */
  findAllInScope(scope: UnitScope, filter: UnitListFilter = {}): Promise<UnitEntity[]> {
    const cond = scopeCondition(scope, 'u');
    const qb = this.repo().createQueryBuilder('u').where(cond.sql, cond.params);
    if (filter.kind) qb.andWhere('u.kind = :kind', { kind: filter.kind });
    if (filter.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    return qb.orderBy('u.id', 'ASC').getMany();
  }

  findOneInScope(scope: UnitScope, id: number, manager?: EntityManager): Promise<UnitEntity | null> {
    const cond = scopeCondition(scope, 'u');
    return this.repo(manager).createQueryBuilder('u').where('u.id = :id', { id }).andWhere(cond.sql, cond.params).getOne();
  }

  findById(id: number, manager?: EntityManager): Promise<UnitEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByCode(code: string, manager?: EntityManager): Promise<UnitEntity | null> {
    return this.repo(manager).findOneBy({ code });
  }

  findByCodes(codes: string[], manager?: EntityManager): Promise<UnitEntity[]> {
    if (!codes.length) return Promise.resolve([]);
    return this.repo(manager).findBy({ code: In(codes) });
  }

  findByIds(ids: number[], manager?: EntityManager): Promise<UnitEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo(manager).findBy({ id: In(ids) });
  }

  /** Inserts a unit and sets its path from its parent's in the same transaction. */
  async insertUnit(manager: EntityManager, unit: Omit<UnitEntity, 'id' | 'path' | 'createdAt' | 'updatedAt'>, parentPath: string | null): Promise<UnitEntity> {
    const repo = this.repo(manager);
    const inserted = await repo.insert({ ...unit, path: '/' });
    const id = inserted.identifiers[0].id as number;
    const path = `${parentPath ?? '/'}${id}/`;
    await repo.update({ id }, { path });
    return (await repo.findOneBy({ id }))!;
  }

  async updateUnit(manager: EntityManager, id: number, changes: Partial<UnitEntity>): Promise<void> {
    if (Object.keys(changes).length) await this.repo(manager).update({ id }, changes);
  }

  /** Moves a subtree: every path under the old prefix gets the new prefix. */
  async movePaths(manager: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await manager.query('UPDATE unit SET path = CONCAT(?, SUBSTRING(path, ?)) WHERE path LIKE ?', [newPath, oldPath.length + 1, `${oldPath}%`]);
  }
}
