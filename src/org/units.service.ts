import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, Role, roleRefusal } from '../common/actor';
import { parseCsv, RowErrors } from '../common/csv';
import { isDuplicateKey } from '../common/database-errors';
import { readScope, scopeContains, UnitScope, writeScope } from '../common/scope';
import { isCode } from '../common/validation';
import { UNIT_KINDS, UNIT_LEVELS, UnitEntity, UnitKind, UnitLevel } from './entities/unit.entity';
import { OrgError } from './org.errors';
import { CreateUnitDto, ImportResult, toUnitResponse, toUnitTree, UnitResponse, UnitTreeNode, UpdateUnitDto } from './units.dto';
import { UnitsRepository } from './units.repository';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UNIT_WRITE_ROLES: readonly Role[] = ['admin', 'supervisor'];

interface UnitRow {
  line: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  level: UnitLevel;
  parentCode: string | null;
  contactEmails: string[] | null;
}

@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, filter: { kind?: UnitKind; active?: boolean } = {}): Promise<UnitResponse[]> {
    return (await this.units.findAllInScope(readScope(actor), filter)).map(toUnitResponse);
  }

  /**
   * The units a picker offers: active ones in scope. A deactivated unit — such as 系统管理
   * (ROOT), the placeholder the first admin starts under — is never a choice or a default.
   */
  pickable(actor: Actor): Promise<UnitResponse[]> {
    return this.list(actor, { active: true });
  }

  async tree(actor: Actor, filter: { active?: boolean } = {}): Promise<UnitTreeNode[]> {
    return toUnitTree(await this.units.findAllInScope(readScope(actor), filter));
  }

  async get(actor: Actor, id: number): Promise<UnitResponse> {
    return toUnitResponse(await this.findInScopeOrFail(readScope(actor), id));
  }

  /** For other modules: the unit if it lies in the actor's read scope, else a 404. */
  async findInReadScope(actor: Actor, id: number): Promise<UnitEntity> {
    return this.findInScopeOrFail(readScope(actor), id);
  }

  /** For other modules: ids → units, unscoped (callers have already scoped their rows). */
  findByIds(ids: number[]): Promise<UnitEntity[]> {
    return this.units.findByIds(ids);
  }

  findByCode(code: string): Promise<UnitEntity | null> {
    return this.units.findByCode(code);
  }

  findByCodes(codes: string[]): Promise<UnitEntity[]> {
    return this.units.findByCodes(codes);
  }

  async create(actor: Actor, dto: CreateUnitDto): Promise<UnitResponse> {
    const scope = this.writeScopeOrFail(actor, '新建单位');
    return this.codeTakenOnDuplicate(dto.code, () => this.insert(actor, scope, dto));
  }

  private insert(actor: Actor, scope: UnitScope, dto: CreateUnitDto): Promise<UnitResponse> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.units.findByCode(dto.code, manager)) throw new OrgError('UNIT_CODE_TAKEN', `单位编码 ${dto.code} 已存在`);
      const parent = dto.parentCode ? await this.parentInScopeOrFail(scope, dto.parentCode, manager) : null;
      if (!parent && scope.kind !== 'all') throw new OrgError('UNIT_OUTSIDE_SCOPE', '只有管理员可以创建顶级单位：请填写 parentCode');
      const unit = await this.units.insertUnit(
        manager,
        {
          code: dto.code,
          name: dto.name,
          shortName: dto.shortName ?? null,
          kind: dto.kind,
          level: dto.level,
          parentId: parent?.id ?? null,
          contactEmails: dto.contactEmails ?? [],
          active: true,
        },
        parent?.path ?? null,
      );
      await this.audit.record(actor, { action: 'unit.create', entityType: 'unit', entityId: unit.id, after: toUnitResponse(unit) }, manager);
      return toUnitResponse(unit);
    });
  }

  async update(actor: Actor, id: number, dto: UpdateUnitDto): Promise<UnitResponse> {
    const scope = this.writeScopeOrFail(actor, '修改单位');
    return this.codeTakenOnDuplicate(dto.code ?? '', () => this.applyUpdate(actor, scope, id, dto));
  }

  private applyUpdate(actor: Actor, scope: UnitScope, id: number, dto: UpdateUnitDto): Promise<UnitResponse> {
    return this.dataSource.transaction(async (manager) => {
      const unit = await this.units.findOneInScope(scope, id, manager);
      if (!unit) throw new OrgError('UNIT_NOT_FOUND', `单位 ${id} 不存在`);
      const changes: Partial<UnitEntity> = {};
      if (dto.code !== undefined && dto.code !== unit.code) {
        const taken = await this.units.findByCode(dto.code, manager);
        if (taken) throw new OrgError('UNIT_CODE_TAKEN', `单位编码 ${dto.code} 已存在`);
        changes.code = dto.code;
      }
      for (const key of ['name', 'shortName', 'kind', 'level', 'contactEmails', 'active'] as const) {
        if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
      }
      if (dto.parentCode !== undefined) {
        const parent = await this.parentInScopeOrFail(scope, dto.parentCode, manager);
        if (parent.id !== unit.parentId) {
          // A supervisor's own unit is the root of their scope; moving it would move it out.
          if (scope.kind === 'subtree' && unit.path === scope.path) {
            throw new OrgError('UNIT_OUTSIDE_SCOPE', '不能移动自己所在的单位');
          }
          if (parent.path.startsWith(unit.path)) throw new OrgError('UNIT_CYCLE', `parentCode ${dto.parentCode} 是本单位或其下级，不能作为上级`);
          changes.parentId = parent.id;
          await this.units.movePaths(manager, unit.path, `${parent.path}${unit.id}/`);
        }
      }
      await this.units.updateUnit(manager, id, changes);
      const after = (await this.units.findById(id, manager))!;
      await this.audit.record(actor, { action: 'unit.update', entityType: 'unit', entityId: id, before: toUnitResponse(unit), after: toUnitResponse(after) }, manager);
      return toUnitResponse(after);
    });
  }

  /**
   * CSV `code,name,short_name,kind,level,parent_code[,contact_emails]`. All or nothing: every
   * bad row is reported by line and nothing is written. Rows may name parents defined later
   * in the file. Existing codes are updated (and moved, if their parent changed).
   */
  async importCsv(actor: Actor, file: Buffer): Promise<ImportResult> {
    const scope = this.writeScopeOrFail(actor, '导入单位');
    const csv = parseCsv(file, ['code', 'name', 'kind', 'level'], ['short_name', 'parent_code', 'contact_emails']);
    const errors = new RowErrors();
    const rows: UnitRow[] = [];
    const lineByCode = new Map<string, number>();
    for (const { line, values } of csv) {
      const problems: string[] = [];
      if (!isCode(values.code)) problems.push(`code "${values.code}" 无效（字母、数字、-、_、.，1 到 64 个字符）`);
      else if (lineByCode.has(values.code)) problems.push(`code ${values.code} 与第 ${lineByCode.get(values.code)} 行重复`);
      if (!values.name) problems.push('name 不能为空');
      else if (values.name.length > 200) problems.push('name 过长（最多 200 个字符）');
      if ((values.short_name ?? '').length > 100) problems.push('short_name 过长（最多 100 个字符）');
      if (!UNIT_KINDS.includes(values.kind as UnitKind)) problems.push(`kind "${values.kind}" 必须是以下之一：${UNIT_KINDS.join(', ')}`);
      if (!UNIT_LEVELS.includes(values.level as UnitLevel)) problems.push(`level "${values.level}" 必须是以下之一：${UNIT_LEVELS.join(', ')}`);
      if (values.parent_code && !isCode(values.parent_code)) problems.push(`parent_code "${values.parent_code}" 无效`);
      if (values.parent_code && values.parent_code === values.code) problems.push('parent_code 不能是本单位');
      const emails = values.contact_emails ? values.contact_emails.split(/[;；,，|\s]+/).filter(Boolean) : null;
      for (const email of emails ?? []) if (!EMAIL.test(email)) problems.push(`contact_emails 中 "${email}" 不是有效的电子邮件地址`);
      if (isCode(values.code) && !lineByCode.has(values.code)) lineByCode.set(values.code, line);
      if (problems.length) {
        errors.add(line, problems.join('；'));
        continue;
      }
      rows.push({
        line,
        code: values.code,
        name: values.name,
        shortName: values.short_name || null,
        kind: values.kind as UnitKind,
        level: values.level as UnitLevel,
        parentCode: values.parent_code || null,
        contactEmails: emails,
      });
    }
    if (!csv.length) errors.add(2, '文件中没有数据行');

    return this.dataSource.transaction(async (manager) => {
      const referenced = [...new Set(rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])))];
      const existing = new Map((await this.units.findByCodes(referenced, manager)).map((u) => [u.code, u]));
      const inFile = new Map(rows.map((r) => [r.code, r]));
      for (const row of rows) {
        const current = existing.get(row.code);
        if (current && !scopeContains(scope, current)) errors.add(row.line, `单位 ${row.code} 不在您的管理范围内`);
        if (current && scope.kind === 'subtree' && current.path === scope.path) {
          const parent = row.parentCode ? existing.get(row.parentCode) : undefined;
          if (!parent || parent.id !== current.parentId) errors.add(row.line, '不能移动自己所在的单位');
        }
        if (row.parentCode) {
          const parent = existing.get(row.parentCode);
          const unchanged = parent && current && parent.id === current.parentId;
          if (!parent && !inFile.has(row.parentCode)) errors.add(row.line, `parent_code ${row.parentCode} 不存在（既不在系统中，也不在本文件中）`);
          else if (parent && !unchanged && !inFile.has(row.parentCode) && !scopeContains(scope, parent)) errors.add(row.line, `parent_code ${row.parentCode} 不在您的管理范围内`);
        } else if (scope.kind !== 'all' && !(current && current.parentId === null)) {
          errors.add(row.line, '只有管理员可以导入顶级单位：请填写 parent_code');
        }
      }
      errors.throwIfAny();

      const created = await this.applyImport(manager, rows, existing, errors);
      errors.throwIfAny();
      const updated = rows.length - created.length;

      const after = new Map((await this.units.findByCodes(rows.map((r) => r.code), manager)).map((u) => [u.code, u]));
      await this.audit.record(
        actor,
        [
          { action: 'unit.import', entityType: 'unit', entityId: null, after: { created: created.length, updated, rows: rows.length } },
          ...rows.map((r) => ({
            action: existing.has(r.code) ? 'unit.update' : 'unit.create',
            entityType: 'unit',
            entityId: after.get(r.code)!.id,
            before: existing.has(r.code) ? toUnitResponse(existing.get(r.code)!) : null,
            after: toUnitResponse(after.get(r.code)!),
          })),
        ],
        manager,
      );
      return { created: created.length, updated };
    });
  }

  /** Set-based: bulk upsert, then parents and paths recomputed over the whole tree once. */
  private async applyImport(manager: EntityManager, rows: UnitRow[], existing: Map<string, UnitEntity>, errors: RowErrors): Promise<string[]> {
    const created = rows.filter((r) => !existing.has(r.code)).map((r) => r.code);
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const placeholders = chunk.map(() => "(?, ?, ?, ?, ?, ?, '')").join(', ');
      const params = chunk.flatMap((r) => [r.code, r.name, r.shortName, r.kind, r.level, JSON.stringify(r.contactEmails ?? [])]);
      // contact_emails is kept when the column is absent from the file.
      await manager.query(
        `INSERT INTO unit (code, name, short_name, kind, level, contact_emails, path) VALUES ${placeholders}
         ON DUPLICATE KEY UPDATE name = VALUES(name), short_name = VALUES(short_name), kind = VALUES(kind), level = VALUES(level)
         ${rows.some((r) => r.contactEmails) ? ', contact_emails = VALUES(contact_emails)' : ''}`,
        params,
      );
    }

    const all: { id: number; code: string; parent_id: number | null; path: string }[] = await manager.query('SELECT id, code, parent_id, path FROM unit');
    const byCode = new Map(all.map((u) => [u.code, u]));
    const parentOf = new Map(all.map((u) => [u.id, u.parent_id]));
    const parentChanges: [number, number | null][] = [];
    for (const row of rows) {
      const unit = byCode.get(row.code)!;
      const parentId = row.parentCode ? byCode.get(row.parentCode)!.id : null;
      if (parentOf.get(unit.id) !== parentId) {
        parentOf.set(unit.id, parentId);
        parentChanges.push([unit.id, parentId]);
      }
    }
    const lineOf = new Map(rows.map((r) => [byCode.get(r.code)!.id, r.line]));
    const paths = computePaths(parentOf, (id) => errors.add(lineOf.get(id) ?? 0, `单位 ${all.find((u) => u.id === id)?.code} 的上级关系形成了循环`));
    if (errors.count) return created;

    await bulkSetColumn(manager, 'parent_id', parentChanges);
    const pathChanges = all.filter((u) => paths.get(u.id) !== u.path).map((u) => [u.id, paths.get(u.id)!] as [number, string]);
    await bulkSetColumn(manager, 'path', pathChanges);
    return created;
  }

  /**
   * Two requests giving one code at once both pass the existence check inside their
   * transactions; the unique key stops the second, which is told as if it had come later.
   */
  private async codeTakenOnDuplicate<T>(code: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isDuplicateKey(error)) throw new OrgError('UNIT_CODE_TAKEN', `单位编码 ${code} 已存在`);
      throw error;
    }
  }

  /** Admins and supervisors (their subtree) create, change and import units; operators and inspectors may not. */
  private writeScopeOrFail(actor: Actor, action: string): UnitScope {
    const scope = writeScope(actor);
    if (!scope || !UNIT_WRITE_ROLES.includes(actor.role)) throw new OrgError('READ_ONLY_ROLE', roleRefusal(actor, UNIT_WRITE_ROLES, action));
    return scope;
  }

  private async findInScopeOrFail(scope: UnitScope, id: number): Promise<UnitEntity> {
    const unit = await this.units.findOneInScope(scope, id);
    if (!unit) throw new OrgError('UNIT_NOT_FOUND', `单位 ${id} 不存在`);
    return unit;
  }

  private async parentInScopeOrFail(scope: UnitScope, code: string, manager: EntityManager): Promise<UnitEntity> {
    const parent = await this.units.findByCode(code, manager);
    // A parent outside the scope is reported as unknown, so its existence does not leak.
    if (!parent || !scopeContains(scope, parent)) throw new OrgError('UNIT_PARENT_NOT_FOUND', `parentCode ${code} 不存在或不在您的管理范围内`);
    return parent;
  }
}

/** Paths from parent links; calls onCycle for each unit whose ancestry loops. */
export function computePaths(parentOf: Map<number, number | null>, onCycle: (id: number) => void): Map<number, string> {
  const paths = new Map<number, string>();
  const resolve = (id: number, seen: Set<number>): string | null => {
    const known = paths.get(id);
    if (known) return known;
    if (seen.has(id)) return null;
    seen.add(id);
    const parent = parentOf.get(id) ?? null;
    const prefix = parent === null ? '/' : resolve(parent, seen);
    if (prefix === null) return null;
    const path = `${prefix}${id}/`;
    paths.set(id, path);
    return path;
  };
  for (const id of parentOf.keys()) {
    if (resolve(id, new Set()) === null) onCycle(id);
  }
  return paths;
}

async function bulkSetColumn(manager: EntityManager, column: 'parent_id' | 'path', changes: [number, unknown][]): Promise<void> {
  for (let i = 0; i < changes.length; i += 1000) {
    const chunk = changes.slice(i, i + 1000);
    const cases = chunk.map(() => 'WHEN ? THEN ?').join(' ');
    await manager.query(`UPDATE unit SET ${column} = CASE id ${cases} END WHERE id IN (${chunk.map(() => '?').join(', ')})`, [
      ...chunk.flatMap(([id, value]) => [id, value]),
      ...chunk.map(([id]) => id),
    ]);
  }
}
