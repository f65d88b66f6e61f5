import { Injectable } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service';
import { ChannelEntity } from '../channels/entities/channel.entity';
import { Actor, roleRefusal } from '../common/actor';
import { scopeContains, UnitScope, writeScope } from '../common/scope';
import { UnitEntity } from '../org/entities/unit.entity';
import { UnitsService } from '../org/units.service';
import { EvidenceError } from './evidence.errors';

/**
 * Who may record evidence for what: operators for their own unit, supervisors for the units
 * in their subtree, admins anywhere; inspectors read only (403 on every write).
 */
@Injectable()
export class EvidenceScope {
  constructor(
    private readonly channels: ChannelsService,
    private readonly units: UnitsService,
  ) {}

  /** Whether the role records evidence at all (pages offer their forms on this). */
  mayWrite(actor: Actor): boolean {
    return writeScope(actor) !== null;
  }

  writeScopeOrFail(actor: Actor): UnitScope {
    const scope = writeScope(actor);
    if (!scope) throw new EvidenceError('EVIDENCE_READ_ONLY_ROLE', roleRefusal(actor, ['admin', 'supervisor', 'operator'], '登记发布记录、留言答复和政策文件'));
    return scope;
  }

  /** The channel and its unit if the actor may record evidence for it; else 400 naming the field. */
  async writableChannel(actor: Actor, channelId: number, field = 'channelId'): Promise<{ channel: ChannelEntity; unit: UnitEntity }> {
    const scope = this.writeScopeOrFail(actor);
    const [channel] = await this.channels.findByIds([channelId]);
    const [unit] = channel ? await this.units.findByIds([channel.unitId]) : [];
    if (!channel || !unit || !scopeContains(scope, unit)) throw new EvidenceError('CHANNEL_NOT_FOUND', `${field} ${channelId} 不存在或不在您的管理范围内`);
    return { channel, unit };
  }

  async writableUnit(actor: Actor, unitId: number, field = 'unitId'): Promise<UnitEntity> {
    const scope = this.writeScopeOrFail(actor);
    const [unit] = await this.units.findByIds([unitId]);
    if (!unit || !scopeContains(scope, unit)) throw new EvidenceError('UNIT_NOT_FOUND', `${field} ${unitId} 不存在或不在您的管理范围内`);
    return unit;
  }
}
