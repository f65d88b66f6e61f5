import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, roleRefusal } from '../common/actor';
import { parseCsv, RowErrors } from '../common/csv';
import { Page, pageOf } from '../common/pagination';
import { readScope, scopeContains, UnitScope, writeScope } from '../common/scope';
import { isCode } from '../common/validation';
import { ImportResult } from '../org/units.dto';
import { UnitsService } from '../org/units.service';
import { ChannelError } from './channels.errors';
import { ChannelResponse, CreateChannelDto, ListChannelsQuery, toChannelResponse, UpdateChannelDto } from './channels.dto';
import { ChannelsRepository, ChannelUpsert } from './channels.repository';
import { CHANNEL_KINDS, ChannelEntity, ChannelKind, DEFAULT_PLATFORM_LABELS } from './entities/channel.entity';

@Injectable()
export class ChannelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelsRepository,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ListChannelsQuery): Promise<Page<ChannelResponse>> {
    const [items, total] = await this.channels.findPageInScope(readScope(actor), query, query);
    return pageOf(items.map(toChannelResponse), total, query);
  }

  async get(actor: Actor, id: number): Promise<ChannelResponse> {
    return toChannelResponse(await this.findInScopeOrFail(readScope(actor), id));
  }

  /** For other modules: the channel if it lies in the actor's read scope, else a 404. */
  findInReadScope(actor: Actor, id: number): Promise<ChannelEntity> {
    return this.findInScopeOrFail(readScope(actor), id);
  }

  findByIds(ids: number[]): Promise<ChannelEntity[]> {
    return this.channels.findByIds(ids);
  }

  /** For other modules: of `ids`, the channels that exist and belong to a unit in `scope`. */
  findIdsInScope(scope: UnitScope, ids: number[]): Promise<Set<number>> {
    return this.channels.findIdsInScope(scope, ids);
  }

  findByCodes(codes: string[]): Promise<ChannelEntity[]> {
    return this.channels.findByCodes(codes);
  }

  async create(actor: Actor, dto: CreateChannelDto): Promise<ChannelResponse> {
    const scope = this.writeScopeOrFail(actor);
    const unit = await this.unitInScopeOrFail(scope, dto.unitId);
    return this.dataSource.transaction(async (manager) => {
      const code = dto.code ?? `${unit.code}-${dto.kind.toUpperCase()}-${randomBytes(3).toString('hex').toUpperCase()}`;
      if (await this.channels.findByCode(code, manager)) throw new ChannelError('CHANNEL_CODE_TAKEN', `载体编码 ${code} 已存在`);
      const channel = await this.channels.insertChannel(manager, {
        code,
        unitId: unit.id,
        kind: dto.kind,
        name: dto.name,
        url: dto.url ?? null,
        platformLabel: dto.platformLabel ?? DEFAULT_PLATFORM_LABELS[dto.kind],
      });
      await this.audit.record(actor, { action: 'channel.create', entityType: 'channel', entityId: channel.id, after: toChannelResponse(channel) }, manager);
      return toChannelResponse(channel);
    });
  }

  async update(actor: Actor, id: number, dto: UpdateChannelDto): Promise<ChannelResponse> {
    const scope = this.writeScopeOrFail(actor);
    return this.dataSource.transaction(async (manager) => {
      const channel = await this.channels.findOneInScope(scope, id, manager);
      if (!channel) throw new ChannelError('CHANNEL_NOT_FOUND', `载体 ${id} 不存在`);
      if (dto.unitId !== undefined) await this.unitInScopeOrFail(scope, dto.unitId);
      if (dto.code !== undefined && dto.code !== channel.code && (await this.channels.findByCode(dto.code, manager))) {
        throw new ChannelError('CHANNEL_CODE_TAKEN', `载体编码 ${dto.code} 已存在`);
      }
      const changes: Partial<ChannelEntity> = {};
      for (const key of ['code', 'unitId', 'kind', 'name', 'url', 'platformLabel', 'active'] as const) {
        if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
      }
      const after = await this.channels.updateChannel(manager, id, changes);
      await this.audit.record(
        actor,
        { action: dto.active === false ? 'channel.deactivate' : 'channel.update', entityType: 'channel', entityId: id, before: toChannelResponse(channel), after: toChannelResponse(after) },
        manager,
      );
      return toChannelResponse(after);
    });
  }

  /** CSV `code,unit_code,kind,name,url[,platform_label]`; all or nothing; re-import updates by code. */
  async importCsv(actor: Actor, file: Buffer): Promise<ImportResult> {
    const scope = this.writeScopeOrFail(actor);
    const csv = parseCsv(file, ['code', 'unit_code', 'kind', 'name'], ['url', 'platform_label']);
    const errors = new RowErrors();
    if (!csv.length) errors.add(2, '文件中没有数据行');

    const units = new Map((await this.units.findByCodes([...new Set(csv.map((r) => r.values.unit_code).filter(Boolean))])).map((u) => [u.code, u]));
    const existing = new Map((await this.channels.findByCodes(csv.map((r) => r.values.code).filter(isCode))).map((c) => [c.code, c]));
    const existingUnits = new Map((await this.units.findByIds([...existing.values()].map((c) => c.unitId))).map((u) => [u.id, u]));
    const seen = new Map<string, number>();
    const rows: ChannelUpsert[] = [];
    for (const { line, values } of csv) {
      const problems: string[] = [];
      if (!isCode(values.code)) problems.push(`code "${values.code}" 无效（字母、数字、-、_、.，1 到 64 个字符）`);
      else if (seen.has(values.code)) problems.push(`code ${values.code} 与第 ${seen.get(values.code)} 行重复`);
      else seen.set(values.code, line);
      const unit = units.get(values.unit_code);
      if (!values.unit_code) problems.push('unit_code 不能为空');
      else if (!unit || !scopeContains(scope, unit)) problems.push(`unit_code ${values.unit_code} 不存在或不在您的管理范围内`);
      const current = existing.get(values.code);
      if (current) {
        const owner = existingUnits.get(current.unitId);
        if (!owner || !scopeContains(scope, owner)) problems.push(`载体 ${values.code} 已属于您管理范围以外的单位`);
      }
      if (!CHANNEL_KINDS.includes(values.kind as ChannelKind)) problems.push(`kind "${values.kind}" 必须是以下之一：${CHANNEL_KINDS.join(', ')}`);
      if (!values.name) problems.push('name 不能为空');
      else if (values.name.length > 200) problems.push('name 过长（最多 200 个字符）');
      if (values.url && !/^https?:\/\/[^\s]+$/i.test(values.url)) problems.push(`url "${values.url}" 必须以 http:// 或 https:// 开头`);
      if ((values.platform_label ?? '').length > 50) problems.push('platform_label 过长（最多 50 个字符）');
      if (problems.length) {
        errors.add(line, problems.join('；'));
        continue;
      }
      const kind = values.kind as ChannelKind;
      rows.push({ code: values.code, unitId: unit!.id, kind, name: values.name, url: values.url || null, platformLabel: values.platform_label || DEFAULT_PLATFORM_LABELS[kind] });
    }
    errors.throwIfAny();

    return this.dataSource.transaction(async (manager) => {
      await this.channels.upsertChannels(manager, rows);
      const after = new Map((await this.channels.findByCodes(rows.map((r) => r.code), manager)).map((c) => [c.code, c]));
      const created = rows.filter((r) => !existing.has(r.code)).length;
      await this.audit.record(
        actor,
        [
          { action: 'channel.import', entityType: 'channel', entityId: null, after: { created, updated: rows.length - created, rows: rows.length } },
          ...rows.map((r) => ({
            action: existing.has(r.code) ? 'channel.update' : 'channel.create',
            entityType: 'channel',
            entityId: after.get(r.code)!.id,
            before: existing.has(r.code) ? toChannelResponse(existing.get(r.code)!) : null,
            after: toChannelResponse(after.get(r.code)!),
          })),
        ],
        manager,
      );
      return { created, updated: rows.length - created };
    });
  }

  private writeScopeOrFail(actor: Actor): UnitScope {
    const scope = writeScope(actor);
    if (!scope) throw new ChannelError('CHANNEL_READ_ONLY_ROLE', roleRefusal(actor, ['admin', 'supervisor', 'operator'], '新建、修改或导入载体'));
    return scope;
  }

  private async findInScopeOrFail(scope: UnitScope, id: number): Promise<ChannelEntity> {
    const channel = await this.channels.findOneInScope(scope, id);
    if (!channel) throw new ChannelError('CHANNEL_NOT_FOUND', `载体 ${id} 不存在`);
    return channel;
  }

  private async unitInScopeOrFail(scope: UnitScope, unitId: number) {
    const [unit] = await this.units.findByIds([unitId]);
    if (!unit || !scopeContains(scope, unit)) throw new ChannelError('CHANNEL_UNIT_NOT_FOUND', `unitId ${unitId} 不存在或不在您的管理范围内`);
    return unit;
  }
}
