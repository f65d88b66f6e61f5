import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { UnitFigures } from './rectification.dto';
import { RectificationError } from './rectification.errors';
import { NewOccurrence, OpenTaskForKey, RectificationRepository } from './rectification.repository';
import { checklistTaskTitle, MissWording } from './task-title';
import { checklistDueDays, mergeSettings, RectificationSettings, SETTING_KEYS, SettingKey, validateSettings } from './rectification-settings';

/** One final miss of a checklist item, as the checklist module reports it. */
export interface ChecklistMiss {
  requirementCode: string;
  unitId: number;
  channelId: number | null;
  checklistItemId: number;
  /** Local dates, inclusive. */
  periodStart: string;
  periodEnd: string;
  /** How this miss reads; the task's title is rebuilt from it (task-title.ts). */
  wording: MissWording;
  /** The requirement is 单项否决 (severity veto). */
  veto: boolean;
  category: string;
}

export interface FindingTaskInput {
  findingId: number;
  unitId: number;
  channelId: number | null;
  title: string;
  category: string;
  dueAt: Date;
  /** The finding's severity is veto (单项否决). */
  veto: boolean;
}

/** The key of the one active task per (requirement, channel), or (requirement, unit) without a channel; mirrors task.open_key. */
export function openKeyOf(miss: Pick<ChecklistMiss, 'requirementCode' | 'channelId' | 'unitId'>): string {
  return `${miss.requirementCode}:${miss.channelId != null ? `c${miss.channelId}` : `u${miss.unitId}`}`;
}

/**
 * What other modules call: opening tasks (from findings and from missed checklist items), the
 * settings, and the per-unit figures the reports use.
 */
@Injectable()
export class RectificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: RectificationRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async settings(): Promise<RectificationSettings> {
    return mergeSettings(await this.repository.findSettings());
  }

  /** Replaces the given top-level settings (each one whole); admin only (checked by the route). */
  async updateSettings(actor: Actor, input: Partial<Record<SettingKey, unknown>>): Promise<RectificationSettings> {
    const given = Object.fromEntries(SETTING_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
    if (!Object.keys(given).length) throw new RectificationError('SETTINGS_INVALID', `请至少提供以下之一：${SETTING_KEYS.join(', ')}`);
    const problems = validateSettings(given);
    if (problems.length) throw new RectificationError('SETTINGS_INVALID', problems);
    const before = await this.settings();
    await this.dataSource.transaction(async (manager) => {
      await this.repository.upsertSettings(manager, given, actor.id);
      await this.audit.record(actor, { action: 'rectification.update_settings', entityType: 'rectification_setting', entityId: 'rectification', before, after: given }, manager);
    });
    return this.settings();
  }

  /** Opens the task of a new finding inside the finding's transaction; returns the task id. */
  async openTaskForFinding(manager: EntityManager, actor: Pick<Actor, 'id' | 'username'>, input: FindingTaskInput): Promise<number> {
    const at = this.clock.now();
    const taskId = await this.repository.insertTask(manager, {
      title: input.title,
      unitId: input.unitId,
      channelId: input.channelId,
      requirementCode: null,
      findingId: input.findingId,
      source: 'finding',
      category: input.category,
      dueAt: input.dueAt,
      openedAt: at,
      veto: input.veto,
    });
    await this.repository.insertTransition(manager, {
      taskId,
      from: null,
      to: 'open',
      actorId: actor.id,
      actorUsername: actor.username,
      at,
      comment: `由问题 #${input.findingId} 生成`,
    });
    return taskId;
  }

  /**
   * Final misses become rectification work (DESIGN.md "Checklist semantics"): one active task
   * per (requirement, channel) or (requirement, unit); a miss whose key already has an active
   * task is added to it as an occurrence. A checklist item is recorded at most once, so calling
   * again with the same items changes nothing. New tasks are due N working days after
   * `detectedAt` (setting; default 3). Set-based, in batches.
   *
   * `created`: tasks opened by this call. `extended`: misses added to tasks that were already
   * active before this call.
   */
  async recordChecklistMisses(misses: ChecklistMiss[], detectedAt: Date): Promise<{ created: number; extended: number }> {
    if (!misses.length) return { created: 0, extended: 0 };
    const settings = await this.settings();
    const dueByDays = new Map<number, Date>();
    for (const days of new Set(misses.map((m) => checklistDueDays(settings, m.category)))) {
      dueByDays.set(days, (await this.calendar.deadline(detectedAt, days, 'working')).dueAt);
    }
    const openedAt = this.clock.now();

    return this.dataSource.transaction(async (manager) => {
      const recorded = await this.repository.findRecordedChecklistItems(manager, [...new Set(misses.map((m) => m.checklistItemId))]);
      const seen = new Set<number>();
      const fresh = misses.filter((m) => !recorded.has(m.checklistItemId) && !seen.has(m.checklistItemId) && seen.add(m.checklistItemId));
      if (!fresh.length) return { created: 0, extended: 0 };

      // The newest miss of each key words the title (a renamed account shows its new name).
      const newestByKey = new Map<string, ChecklistMiss>();
      for (const miss of fresh) {
        const key = openKeyOf(miss);
        const newest = newestByKey.get(key);
        if (!newest || miss.periodEnd > newest.periodEnd) newestByKey.set(key, miss);
      }
      const keys = [...newestByKey.keys()];
      const existing = await this.repository.findActiveTaskIdsByKeys(manager, keys, true);

      const toOpen: OpenTaskForKey[] = keys
        .filter((key) => !existing.has(key))
        .map((key) => {
          const m = newestByKey.get(key)!;
          return {
            openKey: key,
            title: checklistTaskTitle(m.wording, { firstStart: m.periodStart, lastEnd: m.periodEnd, count: 1, latestSummary: m.wording.summary }),
            unitId: m.unitId,
            channelId: m.channelId,
            requirementCode: m.requirementCode,
            category: m.category,
            dueAt: dueByDays.get(checklistDueDays(settings, m.category))!,
            veto: m.veto,
          };
        });
      const created = await this.repository.insertChecklistTasks(manager, toOpen, openedAt);
      const active = await this.repository.findActiveTaskIdsByKeys(manager, keys, false);
      const newTaskIds = keys.filter((k) => !existing.has(k) && active.has(k)).map((k) => active.get(k)!);
      await this.repository.insertOpeningTransitions(manager, newTaskIds, openedAt, '清单事项未达标，系统自动生成');

      const occurrences: NewOccurrence[] = fresh.map((m) => ({
        openKey: openKeyOf(m),
        checklistItemId: m.checklistItemId,
        periodStart: m.periodStart,
        periodEnd: m.periodEnd,
        summary: m.wording.summary,
      }));
      await this.repository.insertOccurrences(manager, occurrences, detectedAt);
      await this.repository.refreshOccurrenceCounts(manager, [...active.values()]);
      // Every task a miss joined states its span and latest miss again (never the first one frozen).
      const keyOfTask = new Map([...active].map(([key, id]) => [id, key]));
      const spans = await this.repository.findOccurrenceSpans(manager, [...active.values()]);
      await this.repository.updateTitles(
        manager,
        spans.map((span) => ({ id: span.taskId, title: checklistTaskTitle(newestByKey.get(keyOfTask.get(span.taskId)!)!.wording, span) })),
      );
      const extended = fresh.filter((m) => existing.has(openKeyOf(m))).length;
      return { created, extended };
    });
  }

  /**
   * Figures per unit (each over its whole subtree) for tasks closed or due in [from, to):
   * on-time rate (last submission no later than the due time), first-pass acceptance rate and
   * average calendar days from opening to acceptance, one decimal.
   */
  async unitFigures(unitIds: number[], from: Date, to: Date): Promise<UnitFigures[]> {
    if (to.getTime() <= from.getTime()) throw new RectificationError('FIGURES_RANGE_INVALID', 'to 必须晚于 from');
    const rows = await this.repository.figuresByUnit(unitIds, from, to);
    return rows.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      tasks: r.tasks,
      onTimeRate: r.tasks ? round(r.onTime / r.tasks, 4) : null,
      accepted: r.accepted,
      firstPassRate: r.accepted ? round(r.firstPass / r.accepted, 4) : null,
      averageDaysToRectify: r.accepted && r.rectifyMsTotal != null ? round(r.rectifyMsTotal / r.accepted / 86_400_000, 1) : null,
    }));
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
