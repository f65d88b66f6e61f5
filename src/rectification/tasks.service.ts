import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadStream } from 'node:fs';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { addDays } from '../common/time/local-date';
import { WorkingCalendar } from '../calendar/working-days';
import { Actor, ROLE_LABELS } from '../common/actor';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { readScope } from '../common/scope';
import { UnitsService } from '../org/units.service';
import { cleanFileName, EVIDENCE_MAX_BYTES, sha256Of, sniffEvidenceType } from './evidence-files';
import { EvidenceStorage, StoredFile } from './evidence-storage';
import { LedgerRow, ledgerCsv, ledgerXlsx } from './ledger-export';
import {
  AcceptTaskDto,
  ExportTasksQuery,
  FiguresQuery,
  ListTasksQuery,
  OverdueRow,
  ReasonDto,
  SubmitTaskDto,
  TaskDetailResponse,
  TaskFilterQuery,
  TaskResponse,
  TaskRow,
  toFindingResponse,
  toTaskResponse,
  UnitFigures,
} from './rectification.dto';
import { RectificationError } from './rectification.errors';
import { LedgerSourceRow, NewEvidence, RectificationRepository, TaskFilter, TaskOrder } from './rectification.repository';
import { RectificationService } from './rectification.service';
import { taskSourceLabel } from './rectification-settings';
import { ACTION_LABELS, canTransition, isOverdue, STATUS_LABELS, TASK_ACTIONS, TaskAction, TRANSITIONS } from './task-workflow';

export const EXPORT_MAX_ROWS = 100_000;

export interface UploadedEvidenceFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

interface CheckedFile {
  content: Buffer;
  sha256: string;
  mime: string;
  fileName: string;
}

/** Counts overdue working days for many tasks against one calendar snapshot. */
class OverdueCounter {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly service: CalendarService,
    readonly now: Date,
    readonly today: string,
  ) {}

  /**
   * Working days after the period's last day up to today (DESIGN.md "Rectification
   * workflow"): due 2022-10-12 00:00 (last day 10-11) and today 10-14 → 3.
   */
  count(row: Pick<TaskRow, 'status' | 'dueAt'>): { overdue: boolean; overdueDays: number } {
    if (!isOverdue(row.status, row.dueAt, this.now)) return { overdue: false, overdueDays: 0 };
    const lastDay = this.service.localDateOf(new Date(row.dueAt.getTime() - 1));
    // A year without calendar data is refused (422 CALENDAR_YEAR_MISSING) as everywhere else,
    // never counted as Monday to Friday: admins are warned from November (console banner, /health).
    return { overdue: true, overdueDays: this.calendar.workingDaysBetween(lastDay, this.today) };
  }
}

@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: RectificationRepository,
    private readonly rectification: RectificationService,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly storage: EvidenceStorage,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ListTasksQuery): Promise<Page<TaskResponse>> {
    const counter = await this.overdueCounter();
    const [rows, total] = await this.repository.findTaskPageInScope(readScope(actor), await this.filterOf(actor, query), orderOf(query), query, counter.now);
    return pageOf(
      rows.map((row) => {
        const { overdue, overdueDays } = counter.count(row);
        return toTaskResponse(row, overdue, overdueDays);
      }),
      total,
      query,
    );
  }

  async get(actor: Actor, id: number): Promise<TaskDetailResponse> {
    const row = await this.findInScopeOrFail(actor, id);
    const counter = await this.overdueCounter();
    const [history, evidence, occurrences, finding] = await Promise.all([
      this.repository.findTransitions(id),
      this.repository.findEvidence(id),
      this.repository.findOccurrences(id),
      row.findingId ? this.repository.findFindingInScope({ kind: 'all' }, row.findingId) : null,
    ]);
    const { overdue, overdueDays } = counter.count(row);
    const findingResponse = finding ? toFindingResponse(finding) : null;
    return {
      ...toTaskResponse(row, overdue, overdueDays),
      finding: findingResponse && (({ taskId: _t, unitName: _u, ...rest }) => rest)(findingResponse),
      history: history.map((h) => ({ from: h.from, to: h.to, by: h.by, byId: h.byId, at: h.at, comment: h.comment })),
      evidence: evidence.map((e) => ({
        id: e.id,
        kind: e.kind,
        url: e.url,
        fileName: e.fileName,
        mime: e.mime,
        size: e.size,
        sha256: e.sha256,
        downloadPath: e.kind === 'file' ? `/api/v1/tasks/${id}/evidence/${e.id}` : null,
        transitionId: Number(e.transitionId),
        uploadedBy: e.uploadedBy,
        uploadedAt: e.uploadedAt,
      })),
      occurrenceList: occurrences,
    };
  }

  /** The unit hands in its rectification: a note, links and files (checked by content). */
  async submit(actor: Actor, id: number, dto: SubmitTaskDto, files: UploadedEvidenceFile[] = []): Promise<TaskDetailResponse> {
    const task = await this.findInScopeOrFail(actor, id);
    this.checkAllowed(actor, 'submit', task);
    const checked = files.map(checkEvidenceFile);
    const stored: StoredFile[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        const at = this.clock.now();
        const transitionId = await this.move(manager, actor, task, 'submit', dto.version, at, dto.note);
        const evidence: NewEvidence[] = (dto.evidenceUrls ?? []).map((url) => ({
          taskId: id, transitionId, kind: 'url', url, fileName: null, mime: null, size: null, sha256: null, storagePath: null, uploadedBy: actor.id, uploadedAt: at,
        }));
        // Files are written only once the transition has succeeded, and removed again if the
        // transaction still fails, so a refused submission leaves neither rows nor files.
        for (const file of checked) {
          const put = await this.storage.put(file.sha256, file.content);
          stored.push(put);
          evidence.push({
            taskId: id, transitionId, kind: 'file', url: null, fileName: file.fileName, mime: file.mime, size: file.content.length, sha256: file.sha256, storagePath: put.relativePath, uploadedBy: actor.id, uploadedAt: at,
          });
        }
        await this.repository.insertEvidence(manager, evidence);
      });
    } catch (error) {
      await this.storage.remove(stored).catch((e) => this.logger.error(e, 'Could not remove evidence files of a failed submission'));
      throw error;
    }
    return this.get(actor, id);
  }

  /** Which transitions the actor may take on the task as it stands (the workflow table's answer); pages offer only these. */
  allowedActions(actor: Actor, task: Pick<TaskRow, 'unitId' | 'status'>): Record<TaskAction, boolean> {
    return Object.fromEntries(TASK_ACTIONS.map((a) => [a, TRANSITIONS[a].allowed(actor, task.unitId) && canTransition(a, task.status)])) as Record<TaskAction, boolean>;
  }

  accept(actor: Actor, id: number, dto: AcceptTaskDto): Promise<TaskDetailResponse> {
    return this.simpleTransition(actor, id, 'accept', dto.version, dto.comment ?? null);
  }

  reject(actor: Actor, id: number, dto: ReasonDto): Promise<TaskDetailResponse> {
    return this.simpleTransition(actor, id, 'reject', dto.version, dto.reason);
  }

  cancel(actor: Actor, id: number, dto: ReasonDto): Promise<TaskDetailResponse> {
    return this.simpleTransition(actor, id, 'cancel', dto.version, dto.reason);
  }

  async evidenceFile(actor: Actor, taskId: number, evidenceId: number): Promise<{ stream: ReadStream; mime: string; fileName: string; size: number }> {
    const file = await this.repository.findEvidenceFileInScope(readScope(actor), taskId, evidenceId);
    if (!file || !(await this.storage.exists(file.storagePath))) throw new RectificationError('EVIDENCE_NOT_FOUND', `证明材料 ${evidenceId} 不存在`);
    return { stream: this.storage.open(file.storagePath), mime: file.mime, fileName: file.fileName, size: file.size };
  }

  /** The rectification ledger (整改台账), one row per task, with the list's filters. */
  async export(actor: Actor, query: ExportTasksQuery): Promise<{ content: Buffer; mime: string; fileName: string }> {
    const scope = readScope(actor);
    const filter = await this.filterOf(actor, query);
    const counter = await this.overdueCounter();
    const total = await this.repository.countTasksInScope(scope, filter, counter.now);
    if (total > EXPORT_MAX_ROWS) {
      throw new RectificationError('EXPORT_TOO_LARGE', `符合条件的任务有 ${total} 条，超过导出上限 ${EXPORT_MAX_ROWS} 条：请缩小单位、状态或期限范围`);
    }
    const rows = await this.repository.findLedgerRowsInScope(scope, filter, orderOf(query), counter.now, EXPORT_MAX_ROWS);
    const ledger = rows.map((row) => this.ledgerRow(row, counter));
    const stamp = counter.today.replace(/-/g, '');
    if (query.format === 'csv') return { content: ledgerCsv(ledger), mime: 'text/csv; charset=utf-8', fileName: `整改台账-${stamp}.csv` };
    return { content: await ledgerXlsx(ledger), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `整改台账-${stamp}.xlsx` };
  }

  /** Open, overdue and submitted counts for a unit's own tasks and per child unit (its subtree). */
  async overdueDashboard(actor: Actor, unitId?: number): Promise<OverdueRow[]> {
    const unit = await this.units.findInReadScope(actor, unitId ?? actor.unitId);
    return this.repository.countActiveByChildUnit(readScope(actor), unit, this.clock.now());
  }

  /** Figures of the unit and of each child unit in scope, for tasks closed or due in [from, to] (local dates). */
  async figures(actor: Actor, query: FiguresQuery): Promise<UnitFigures[]> {
    if (query.to < query.from) throw new RectificationError('FIGURES_RANGE_INVALID', 'to 不能早于 from');
    const unit = await this.units.findInReadScope(actor, query.unitId ?? actor.unitId);
    const children = readScope(actor).kind === 'unit' ? [] : await this.repository.findChildUnitIds(unit.id);
    const from = this.calendar.parseInstant(query.from)!;
    const to = this.calendar.parseInstant(addDays(query.to, 1))!;
    return this.rectification.unitFigures([unit.id, ...children], from, to);
  }

  private async simpleTransition(actor: Actor, id: number, action: TaskAction, version: number | undefined, comment: string | null): Promise<TaskDetailResponse> {
    const task = await this.findInScopeOrFail(actor, id);
    this.checkAllowed(actor, action, task);
    await this.dataSource.transaction((manager) => this.move(manager, actor, task, action, version, this.clock.now(), comment));
    return this.get(actor, id);
  }

  /** Applies a transition under the task's current state and version; records it. Returns the transition id. */
  private async move(
    manager: EntityManager,
    actor: Actor,
    task: TaskRow,
    action: TaskAction,
    version: number | undefined,
    at: Date,
    comment: string | null,
  ): Promise<number> {
    const { to } = TRANSITIONS[action];
    // The row lock makes concurrent transitions of one task take turns: the second reads the
    // state the first committed, so two supervisors accepting at once get one 200 and one 409.
    const current = await this.repository.lockTaskState(manager, task.id);
    if (!canTransition(action, current.status)) throw this.invalidTransition(action, current.status);
    if (version !== undefined && version !== current.version) {
      throw new RectificationError('TASK_STALE', `任务 ${task.id} 已被他人修改（当前版本 ${current.version}，您看到的是 ${version}）：请刷新后重试`);
    }
    const changed = await this.repository.transitionTask(manager, task.id, action, [current.status], to, current.version, at);
    if (!changed) throw new RectificationError('TASK_STALE', `任务 ${task.id} 已被他人修改：请刷新后重试`);
    return this.repository.insertTransition(manager, { taskId: task.id, from: current.status, to, actorId: actor.id, actorUsername: actor.username, at, comment });
  }

  private checkAllowed(actor: Actor, action: TaskAction, task: TaskRow): void {
    if (!TRANSITIONS[action].allowed(actor, task.unitId)) {
      const who = action === 'submit' ? '本单位操作员或上级督办人员' : '上级督办人员或管理员';
      throw new RectificationError('TASK_ROLE_NOT_ALLOWED', `您的角色（${ROLE_LABELS[actor.role]}）不能${ACTION_LABELS[action]}：只有${who}可以`);
    }
    if (!canTransition(action, task.status)) throw this.invalidTransition(action, task.status);
  }

  private invalidTransition(action: TaskAction, status: TaskRow['status']): RectificationError {
    return new RectificationError('TASK_INVALID_TRANSITION', `任务当前状态为“${STATUS_LABELS[status]}”，不能${ACTION_LABELS[action]}`);
  }

  private async findInScopeOrFail(actor: Actor, id: number): Promise<TaskRow> {
    const row = await this.repository.findTaskInScope(readScope(actor), id);
    if (!row) throw new RectificationError('TASK_NOT_FOUND', `整改任务 ${id} 不存在`);
    return row;
  }

  private async overdueCounter(): Promise<OverdueCounter> {
    const now = this.clock.now();
    return new OverdueCounter(await this.calendar.calendar(), this.calendar, now, this.calendar.localDateOf(now));
  }

  private async filterOf(actor: Actor, query: TaskFilterQuery): Promise<TaskFilter> {
    const unitPath = query.unitId && query.includeSubunits ? (await this.units.findInReadScope(actor, query.unitId)).path : undefined;
    return {
      statuses: query.status,
      overdue: query.overdue,
      unitId: query.unitId,
      unitPath,
      source: query.source,
      category: query.category,
      requirement: query.requirement,
      dueFrom: query.dueFrom ? this.calendar.parseInstant(query.dueFrom)! : undefined,
      dueTo: query.dueTo ? this.calendar.parseInstant(query.dueTo)! : undefined,
    };
  }

  private ledgerRow(row: LedgerSourceRow, counter: OverdueCounter): LedgerRow {
    const { overdueDays } = counter.count(row);
    return [
      row.unitName,
      row.description ?? row.title,
      taskSourceLabel(row),
      row.foundAt ? this.localTime(row.foundAt) : row.firstMissEnd ? `${row.firstMissEnd} 24:00` : this.localTime(row.openedAt),
      this.dueText(row.dueAt),
      STATUS_LABELS[row.status],
      this.localTime(row.submittedAt),
      this.localTime(row.verifiedAt),
      overdueDays,
      row.reworkCount,
    ];
  }

  /** `YYYY-MM-DD HH:mm` in APP_TIMEZONE; empty for none. */
  private localTime(instant: Date | null): string {
    if (!instant) return '';
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: this.calendar.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  }

  /** A deadline reads as 24:00 of its last day (Civil Code art. 203), not 00:00 of the next. */
  private dueText(dueAt: Date): string {
    const text = this.localTime(dueAt);
    return text.endsWith(' 00:00') ? `${this.calendar.localDateOf(new Date(dueAt.getTime() - 1))} 24:00` : text;
  }
}

function orderOf(query: TaskFilterQuery): TaskOrder {
  const sort = query.sort ?? 'dueAt';
  return { sort, order: query.order ?? (sort === 'overdueDays' ? 'desc' : 'asc') };
}

function checkEvidenceFile(file: UploadedEvidenceFile, index: number): CheckedFile {
  const name = file.originalname || `第 ${index + 1} 个文件`;
  if (file.size > EVIDENCE_MAX_BYTES || file.buffer.length > EVIDENCE_MAX_BYTES) {
    throw new RectificationError('EVIDENCE_TOO_LARGE', `文件 ${name} 过大：每个文件不能超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`);
  }
  if (!file.buffer.length) throw new RectificationError('EVIDENCE_BAD_TYPE', `文件 ${name} 是空文件`);
  const mime = sniffEvidenceType(file.buffer);
  if (!mime) throw new RectificationError('EVIDENCE_BAD_TYPE', `文件 ${name} 不是 PNG、JPEG 或 PDF（按文件内容判断，与文件名无关）`);
  return { content: file.buffer, sha256: sha256Of(file.buffer), mime, fileName: cleanFileName(file.originalname, mime) };
}
