import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { addDays, startOfLocalDay, toEpochDay, yearOf } from '../common/time/local-date';
import { CalendarYearMissingError } from '../calendar/working-days';
import { Actor, Role, roleRefusal } from '../common/actor';
import { Clock } from '../common/clock';
import { offsetOf, Page, pageOf } from '../common/pagination';
import { readScope } from '../common/scope';
import { UnitsService } from '../org/units.service';
import { RectificationService } from '../rectification/rectification.service';
import { AppliesTo } from '../requirements/built-in-requirements';
import { RequirementResponse } from '../requirements/requirements.dto';
import { RequirementsService } from '../requirements/requirements.service';
import {
  ChecklistItemResponse,
  ComplianceQuery,
  ComplianceResponse,
  EvaluateResult,
  GenerateResult,
  ListItemsQuery,
  StatusCounts,
  toChecklistItemResponse,
  WaiveItemDto,
  withRate,
} from './checklists.dto';
import { ChecklistError } from './checklists.errors';
import { ChecklistsRepository, GenerationRule, InsertCount, PeriodRow, SubjectFilter } from './checklists.repository';
import { datesBetween, dueInstant, frequencyPeriods, holidayRosterPeriods, MissDescription, missWording, Period } from './periods';

/** Subjects per statement: bounded batches keep every statement short at national scale (150,000 channels). */
export const BATCH_IDS = 50_000;
const MISS_BATCH = 2_000;
const MAX_RANGE_DAYS = 366;
/** DESIGN.md "Checklist semantics": a supervisor (or an admin) waives; the unit's own operators may not. */
const WAIVE_ROLES: readonly Role[] = ['admin', 'supervisor'];
/** DESIGN.md "Checklist semantics": a period is final 2 days after its end unless the rule says otherwise. */
const DEFAULT_FINALIZE_AFTER_DAYS = 2;

type RuleParams = { period?: 'day' | 'workday' | 'week'; min?: number; windowDays?: number; finalizeAfterDays?: number };

/**
 * The checklist engine: generation (idempotent, set-based, per requirement per batch of
 * subjects), evaluation as of an instant, and the views over the items. Every bulk step is a
 * statement over a bounded id range; JavaScript only computes the few instants a range needs
 * (24:00 local of each distinct period end) and formats task titles.
 */
@Injectable()
export class ChecklistsService {
  private readonly logger = new Logger(ChecklistsService.name);
  private lastMarker = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: ChecklistsRepository,
    private readonly requirements: RequirementsService,
    private readonly rectification: RectificationService,
    private readonly calendar: CalendarService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return this.calendar.localDateOf(this.clock.now());
  }

  // ---- generation -------------------------------------------------------------------------

  /** Generates the items of every enabled requirement for [from, to] (local dates); running it twice creates nothing new. */
  async generate(from: string, to: string): Promise<GenerateResult> {
    if (to < from) throw new ChecklistError('CHECKLIST_RANGE_INVALID', 'to 不能早于 from');
    if (toEpochDay(to) - toEpochDay(from) >= MAX_RANGE_DAYS) throw new ChecklistError('CHECKLIST_RANGE_INVALID', `from 到 to 最多 ${MAX_RANGE_DAYS} 天，请分段生成`);
    const calendar = await this.calendar.calendar();
    // Working days and holidays are never guessed: a year without data is refused (422).
    for (let year = yearOf(from); year <= yearOf(to); year++) if (!calendar.hasYear(year)) throw new CalendarYearMissingError(year);

    const total: InsertCount = { candidates: 0, created: 0 };
    const add = (c: InsertCount) => ((total.candidates += c.candidates), (total.created += c.created));
    for (const requirement of await this.requirements.findEnabled()) {
      const rule = this.ruleOf(requirement);
      const params = requirement.params as RuleParams;
      switch (requirement.appliesTo.subject) {
        case 'channel': {
          const periods = frequencyPeriods({ period: params.period ?? 'day', windowDays: params.windowDays }, from, to, calendar);
          add(await this.generateForChannels(rule, subjectFilter(requirement.appliesTo), this.periodRows(periods, rule.finalizeAfterDays)));
          break;
        }
        case 'unit': {
          const periods = holidayRosterPeriods(from, to, calendar);
          add(await this.generateForUnits(rule, subjectFilter(requirement.appliesTo), this.periodRows(periods, rule.finalizeAfterDays)));
          break;
        }
        case 'message':
          add(await this.items.insertMessageItems(rule, this.localDays(from, to)));
          break;
        case 'policy_document':
          add(await this.items.insertPolicyDocumentItems(rule, this.localDays(from, to)));
          break;
      }
    }
    this.logger.log(`generated ${from}..${to}: ${total.created} created, ${total.candidates - total.created} existing`);
    return { created: total.created, existing: total.candidates - total.created };
  }

  private async generateForChannels(rule: GenerationRule, filter: SubjectFilter, periods: PeriodRow[]): Promise<InsertCount> {
    const bounds = await this.items.findChannelIdBounds();
    const total: InsertCount = { candidates: 0, created: 0 };
    if (!bounds || !periods.length) return total;
    for (const chunk of chunks(periods, 2)) {
      for (let lo = bounds.min; lo <= bounds.max; lo += BATCH_IDS) {
        const c = await this.items.insertChannelItems(rule, filter, chunk, lo, lo + BATCH_IDS - 1);
        total.candidates += c.candidates;
        total.created += c.created;
      }
    }
    return total;
  }

  private async generateForUnits(rule: GenerationRule, filter: SubjectFilter, periods: PeriodRow[]): Promise<InsertCount> {
    const bounds = await this.items.findUnitIdBounds();
    const total: InsertCount = { candidates: 0, created: 0 };
    if (!bounds || !periods.length) return total;
    for (let lo = bounds.min; lo <= bounds.max; lo += BATCH_IDS) {
      const c = await this.items.insertUnitItems(rule, filter, periods, lo, lo + BATCH_IDS - 1);
      total.candidates += c.candidates;
      total.created += c.created;
    }
    return total;
  }

  /** Items for messages and policy documents recorded since the last run (their items are otherwise made by generate's range). */
  private async generateMissingEventItems(requirements: RequirementResponse[]): Promise<void> {
    const messages = requirements.filter((r) => r.appliesTo.subject === 'message');
    const policies = requirements.filter((r) => r.appliesTo.subject === 'policy_document');
    const span = await this.items.findUnitemizedEventSpan(
      messages.map((r) => r.code),
      policies.map((r) => r.code),
    );
    if (!span) return;
    const days = this.localDays(this.calendar.localDateOf(span.first), this.calendar.localDateOf(span.last));
    for (const r of messages) await this.items.insertMessageItems(this.ruleOf(r), days);
    for (const r of policies) await this.items.insertPolicyDocumentItems(this.ruleOf(r), days);
  }

  private ruleOf(requirement: RequirementResponse): GenerationRule {
    const params = requirement.params as RuleParams;
    return {
      code: requirement.code,
      required: params.min ?? 1,
      params: requirement.params,
      finalizeAfterDays: params.finalizeAfterDays ?? DEFAULT_FINALIZE_AFTER_DAYS,
    };
  }

  /** Due and finalisation instants, computed once per period (a handful per range), never per row. */
  private periodRows(periods: (Period & { holidayStart?: string })[], finalizeAfterDays: number): PeriodRow[] {
    const tz = this.calendar.timeZone;
    return periods.map((p) => ({ ...p, dueAt: dueInstant(p.end, tz), finalizeAt: dueInstant(p.end, tz, finalizeAfterDays) }));
  }

  /** Each local day of [from, to] with the instants it spans, for joining instants to local days in SQL. */
  private localDays(from: string, to: string): { date: string; start: Date; end: Date }[] {
    const tz = this.calendar.timeZone;
    return [...datesBetween(from, to)].map((date) => ({ date, start: startOfLocalDay(date, tz), end: startOfLocalDay(addDays(date, 1), tz) }));
  }

  // ---- evaluation -------------------------------------------------------------------------

  /**
   * Judges every open item as of `asOf` (default now), in id ranges of BATCH_IDS, then hands
   * the final misses to rectification: one open task per (requirement, channel) or
   * (requirement, unit), further misses added to it as occurrences.
   */
  async evaluate(asOf: Date = this.clock.now()): Promise<EvaluateResult> {
    const asOfDate = this.calendar.localDateOf(asOf);
    await this.generateMissingEventItems(await this.requirements.findEnabled());

    const result: EvaluateResult = { met: 0, missed: 0, pending: 0, finalized: 0, tasks: { created: 0, extended: 0 } };
    const marker = this.nextMarker();
    // The open span first (items this run makes final still count in its result); then channel
    // items window by window (each window's publications counted once), then the items judged
    // against their own evidence, and the run's counts, in id ranges.
    const bounds = await this.items.findOpenItemIdBounds(asOfDate);
    for (const window of await this.items.findOpenChannelWindows(asOfDate)) {
      await this.items.evaluateChannelWindow(window, asOf, marker, BATCH_IDS);
    }
    if (bounds) {
      for (let lo = bounds.min; lo <= bounds.max; lo += BATCH_IDS) {
        const hi = lo + BATCH_IDS - 1;
        await this.items.evaluateMessageItems(lo, hi, asOf, asOfDate, marker);
        await this.items.evaluatePolicyDocumentItems(lo, hi, asOf, asOfDate, marker);
        await this.items.evaluateUnitItems(lo, hi, asOf, asOfDate, marker);
        const counts = await this.items.countEvaluated(lo, hi, asOfDate, marker);
        result.met += counts.met;
        result.missed += counts.missed;
        result.pending += counts.pending;
        result.finalized += counts.finalized;
      }
    }
    result.tasks = await this.recordFinalMisses(asOf);
    this.logger.log(`evaluated as of ${asOf.toISOString()}: ${JSON.stringify(result)}`);
    return result;
  }

  /**
   * Every final miss not yet handed over (this run's, and any a failed earlier run left), in
   * batches. RectificationService is idempotent per checklist item, so a crash between its
   * commit and our mark only repeats a no-op.
   */
  private async recordFinalMisses(detectedAt: Date): Promise<{ created: number; extended: number }> {
    const tasks = { created: 0, extended: 0 };
    for (;;) {
      const rows = await this.items.findUnrecordedMisses(MISS_BATCH);
      if (!rows.length) return tasks;
      const misses = rows.map((r) => ({
        requirementCode: r.requirement_code,
        unitId: r.unit_id,
        channelId: r.channel_id,
        checklistItemId: Number(r.id),
        periodStart: r.period_start,
        periodEnd: r.period_end,
        category: r.category ?? 'other',
        veto: r.severity === 'veto',
        wording: missWording({
          requirementCode: r.requirement_code,
          requirementTitle: r.requirement_title,
          veto: r.severity === 'veto',
          params: (typeof r.params === 'string' ? JSON.parse(r.params) : (r.params ?? {})) as MissDescription['params'],
          messageCategory: r.message_category,
          subjectType: r.subject_type,
          periodStart: r.period_start,
          periodEnd: r.period_end,
          windowStart: r.window_start,
          observed: Number(r.observed),
          required: Number(r.required),
          unitName: r.unit_name,
          channelName: r.channel_name,
          platformLabel: r.platform_label,
          documentTitle: r.document_title,
          holidayName: r.holiday_name,
        }),
      }));
      const recorded = await this.rectification.recordChecklistMisses(misses, detectedAt);
      tasks.created += recorded.created;
      tasks.extended += recorded.extended;
      await this.items.markMissesRecorded(
        misses.map((m) => m.checklistItemId),
        this.clock.now(),
      );
    }
  }

  /** Marks the items one run evaluated; unique per run in this process even under a clock that stands still. */
  private nextMarker(): Date {
    this.lastMarker = Math.max(this.clock.now().getTime(), this.lastMarker + 1);
    return new Date(this.lastMarker);
  }

  // ---- views ------------------------------------------------------------------------------

  async list(actor: Actor, query: ListItemsQuery): Promise<Page<ChecklistItemResponse>> {
    let unitPath: string | undefined;
    if (query.unitId) {
      const unit = await this.units.findInReadScope(actor, query.unitId);
      if (query.includeSubunits) unitPath = unit.path;
    }
    const [rows, total] = await this.items.findPageInScope(
      readScope(actor),
      { unitId: query.unitId, unitPath, channelId: query.channelId, requirement: query.requirement, status: query.status, from: query.from, to: query.to },
      offsetOf(query),
      query.pageSize,
      query.sort,
    );
    return pageOf(rows.map(toChecklistItemResponse), total, query);
  }

  /** One item, within the caller's read scope (else 404). */
  async get(actor: Actor, id: number): Promise<ChecklistItemResponse> {
    const item = await this.items.findItemInScope(readScope(actor), id);
    if (!item) throw new ChecklistError('CHECKLIST_ITEM_NOT_FOUND', `清单事项 ${id} 不存在`);
    return toChecklistItemResponse(item);
  }

  /** An operator's list for a day: the unit's own items whose period contains the date (default today). */
  async unitChecklist(actor: Actor, unitId: number, date?: string): Promise<{ unitId: number; date: string; items: ChecklistItemResponse[] }> {
    await this.units.findInReadScope(actor, unitId);
    const day = date ?? this.today();
    return { unitId, date: day, items: (await this.items.findUnitItemsOn(unitId, day)).map(toChecklistItemResponse) };
  }

  /** Whether the actor's role may waive (scope is then checked on the item); pages ask this to offer the form. */
  mayWaive(actor: Actor): boolean {
    return WAIVE_ROLES.includes(actor.role);
  }

  /**
   * A supervisor (of a unit above the item's) or an admin waives an item: it then counts
   * neither for nor against the unit. A final miss whose task has been accepted is settled
   * history and cannot be waived.
   */
  async waive(actor: Actor, id: number, dto: WaiveItemDto): Promise<ChecklistItemResponse> {
    if (!this.mayWaive(actor)) throw new ChecklistError('CHECKLIST_ROLE_NOT_ALLOWED', roleRefusal(actor, WAIVE_ROLES, '豁免清单事项'));
    const scope = readScope(actor);
    return this.dataSource.transaction(async (manager) => {
      const item = await this.items.findItemInScope(scope, id, manager, true);
      if (!item) throw new ChecklistError('CHECKLIST_ITEM_NOT_FOUND', `清单事项 ${id} 不存在`);
      if (item.status === 'waived') throw new ChecklistError('CHECKLIST_ITEM_ALREADY_WAIVED', `清单事项 ${id} 已豁免`);
      // Waiving takes an item out of the rate; one already met has nothing to excuse.
      if (item.status === 'met') throw new ChecklistError('CHECKLIST_ITEM_MET', `清单事项 ${id} 已达标，无需豁免`);
      if (item.final && item.task_status === 'accepted') {
        throw new ChecklistError('CHECKLIST_ITEM_TASK_ACCEPTED', `清单事项 ${id} 的整改任务 ${item.task_id} 已验收，不能再豁免`);
      }
      const before = toChecklistItemResponse(item);
      await this.items.waiveItem(manager, id, actor.id, this.clock.now(), dto.reason.trim());
      const after = toChecklistItemResponse((await this.items.findItemInScope(scope, id, manager))!);
      await this.audit.record(actor, { action: 'checklist_item.waive', entityType: 'checklist_item', entityId: id, before, after }, manager);
      return after;
    });
  }

  /**
   * Met, missed, waived and pending per child unit (each over its whole subtree) and per
   * requirement, for items whose period ends in [from, to]; rate = met / (met + missed).
   * An operator sees only their own unit's figures.
   */
  async compliance(actor: Actor, query: ComplianceQuery): Promise<ComplianceResponse> {
    const today = this.today();
    const from = query.from ?? `${today.slice(0, 8)}01`;
    const to = query.to ?? today;
    if (to < from) throw new ChecklistError('CHECKLIST_RANGE_INVALID', 'to 不能早于 from');
    const unit = await this.units.findInReadScope(actor, query.unitId ?? actor.unitId);
    const ownOnly = readScope(actor).kind === 'unit';
    const [byChild, byRequirement, children] = await Promise.all([
      this.items.countByChild(unit.path, from, to, ownOnly ? unit.id : undefined),
      this.items.countByRequirement(unit.path, from, to, ownOnly ? unit.id : undefined),
      ownOnly ? Promise.resolve([]) : this.items.findChildUnits(unit.id),
    ]);
    const zero = (): StatusCounts => ({ met: 0, missed: 0, waived: 0, pending: 0 });
    const totals = zero();
    const counts = new Map<string, StatusCounts>();
    for (const row of byChild) {
      counts.set(String(row.key), row);
      for (const k of ['met', 'missed', 'waived', 'pending'] as const) totals[k] += row[k];
    }
    return {
      from,
      to,
      unit: { id: unit.id, name: unit.shortName ?? unit.name, ...withRate(totals) },
      children: children.map((c) => {
        const { met, missed, waived, pending } = counts.get(String(c.id)) ?? zero();
        return { unitId: c.id, unitName: c.name, ...withRate({ met, missed, waived, pending }) };
      }),
      requirements: byRequirement.map((r) => ({ code: String(r.key), title: r.title, ...withRate({ met: r.met, missed: r.missed, waived: r.waived, pending: r.pending }) })),
    };
  }
}

/**
 * Who a rule applies to, from its `appliesTo`: channel kinds (`new_media` = every kind but
 * website), and a list of (unit kinds × unit levels) alternatives, any of which admits a unit.
 */
export function subjectFilter(appliesTo: AppliesTo): SubjectFilter {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (appliesTo.subject === 'channel' && appliesTo.channelKinds) {
    if (appliesTo.channelKinds === 'new_media') parts.push("c.kind <> 'website'");
    else if (appliesTo.channelKinds.length) {
      parts.push('c.kind IN (?)');
      params.push(appliesTo.channelKinds);
    }
  }
  if (appliesTo.units?.length) {
    const alternatives = appliesTo.units.map((alt) => {
      const conds: string[] = [];
      if (alt.kinds?.length) {
        conds.push('u.kind IN (?)');
        params.push(alt.kinds);
      }
      if (alt.levels?.length) {
        conds.push('u.level IN (?)');
        params.push(alt.levels);
      }
      return conds.length ? `(${conds.join(' AND ')})` : '1=1';
    });
    parts.push(`(${alternatives.join(' OR ')})`);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1=1', params };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
