import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, Role, roleRefusal } from '../common/actor';
import { RequirementParams } from './built-in-requirements';
import { mergeParams } from './requirement-params';
import { RequirementResponse, UpdateRequirementDto } from './requirements.dto';
import { RequirementError } from './requirements.errors';
import { RequirementChanges, RequirementsRepository } from './requirements.repository';

/** The catalogue binds every unit: only admins change it. */
const REQUIREMENT_WRITE_ROLES: readonly Role[] = ['admin'];

/**
 * The requirement catalogue. A change applies to what is decided after it: the checklist
 * engine copies a requirement's parameters into each item it generates, and messages and
 * policy documents take their due time from the parameters in force when they are recorded.
 */
@Injectable()
export class RequirementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requirements: RequirementsRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<RequirementResponse[]> {
    return this.requirements.findAll();
  }

  findEnabled(): Promise<RequirementResponse[]> {
    return this.requirements.findEnabled();
  }

  async get(code: string): Promise<RequirementResponse> {
    const requirement = await this.requirements.findByCode(code);
    if (!requirement) throw new RequirementError('REQUIREMENT_NOT_FOUND', `要求 ${code} 不存在`);
    return requirement;
  }

  async paramsOf<P = RequirementParams>(code: string): Promise<P> {
    return (await this.get(code)).params as P;
  }

  async update(actor: Actor, code: string, dto: UpdateRequirementDto): Promise<RequirementResponse> {
    if (!REQUIREMENT_WRITE_ROLES.includes(actor.role)) {
      throw new RequirementError('REQUIREMENT_ROLE_NOT_ALLOWED', roleRefusal(actor, REQUIREMENT_WRITE_ROLES, '修改工作要求'));
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await this.requirements.findByCode(code, manager, true);
      if (!before) throw new RequirementError('REQUIREMENT_NOT_FOUND', `要求 ${code} 不存在`);
      const changes: RequirementChanges = { enabled: dto.enabled, severity: dto.severity, deductionPoints: dto.deductionPoints };
      if (dto.params !== undefined) {
        const { params, problems } = mergeParams(before.kind, before.params, dto.params);
        if (problems.length) throw new RequirementError('REQUIREMENT_INVALID_PARAMS', problems);
        changes.params = params;
      }
      await this.requirements.updateRequirement(manager, code, changes);
      const after = (await this.requirements.findByCode(code, manager))!;
      await this.audit.record(actor, { action: 'requirement.update', entityType: 'requirement', entityId: code, before, after }, manager);
      return after;
    });
  }
}
