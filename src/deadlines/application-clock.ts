// The reply deadline of an application for disclosure (依申请公开) under the 2019 regulation
// 《中华人民共和国政府信息公开条例》 (docs/deadlines.md "Applications for disclosure"):
//  - art. 31: the application is received on a day (handed in; for mail the day it was signed
//    for; online or by fax the day both sides confirmed it) — `receivedOn`, a local date;
//  - art. 33: the reply is due within 20 working days of that day; the head of the disclosure
//    office may extend this once, by at most 20 working days; the time spent consulting a third
//    party or another body is not counted (art. 32 for third parties);
//  - art. 30: an unclear application gets one request for correction (一次性告知), within 7
//    working days of receipt, and the reply period then counts from the day the corrected
//    application arrives. Until it arrives nothing is due.
// Periods in working days, the day they start from not counted (Civil Code art. 201), ending at
// 24:00 of the last day (art. 203). A correction request or an extension after the reply was
// due is refused: either would turn a late reply into one on time after the fact.
import { fromEpochDay, isLocalDate, localDateOf, toEpochDay } from '../common/time/local-date';
import { WorkingCalendar } from '../calendar/working-days';
import { isOutcomeCode, OUTCOME_CODES, OutcomeCode } from './annual-table';
import { DeadlineError } from './deadlines.errors';
import { cnDate, cnDateTime, cnDue } from './wording';

export const APPLICATION_CHANNELS = ['in_person', 'mail', 'online', 'fax'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];
export const APPLICATION_CHANNEL_LABELS: Record<ApplicationChannel, string> = {
  in_person: '当面提交',
  mail: '邮寄',
  online: '互联网',
  fax: '传真',
};

/** Art. 33: 20 working days from receipt (or from the corrected application, art. 30). */
export const REPLY_WORKING_DAYS = 20;
/** Art. 30: the request for correction goes out within 7 working days of receipt. */
export const CORRECTION_REQUEST_WORKING_DAYS = 7;
/** Art. 33: one extension of at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;

export const APPLICATION_ACTIONS = ['correction_requested', 'correction_received', 'extension', 'reply'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  correction_requested: '要求补正',
  correction_received: '收到补正',
  extension: '延长答复期限',
  reply: '答复',
};

export interface CorrectionRequested {
  action: 'correction_requested';
  at: Date;
}

export interface CorrectionReceived {
  action: 'correction_received';
  /** The day the corrected application was received, as art. 31 counts receipt. */
  on: string;
}

export interface Extension {
  action: 'extension';
  workingDays: number;
  /** Who approved it: the head of the disclosure office (art. 33). */
  approvedBy: string;
  at: Date;
}

export interface Reply {
  action: 'reply';
  on: string;
  outcome: OutcomeCode;
}

export type ApplicationEvent = CorrectionRequested | CorrectionReceived | Extension | Reply;

/** Consulting a third party or another body: the working days from `from` to `to`, both included, are not counted. */
export interface Consultation {
  from: string;
  to: string;
}

export interface ApplicationClockInput {
  receivedOn: string;
  /** In the order they happened. */
  events: readonly ApplicationEvent[];
  consultations: readonly Consultation[];
  timeZone: string;
}

export type ApplicationStatus = 'open' | 'awaiting_correction' | 'replied';

export interface ApplicationClockState {
  status: ApplicationStatus;
  receivedOn: string;
  /** The day the reply period counts from: receipt, or the corrected application; null while awaiting correction. */
  countedFrom: string | null;
  /** 24:00 local of `dueLastDay`; null while awaiting correction. */
  dueAt: Date | null;
  dueLastDay: string | null;
  /** The last day a request for correction is on time. */
  correctionDueLastDay: string;
  correctionRequestedAt: Date | null;
  correctionRequestLate: boolean;
  correctionReceivedOn: string | null;
  /** Working days of the extension, 0 without one. */
  extendedBy: number;
  extension: { workingDays: number; approvedBy: string; at: Date } | null;
  /** The consultations begun by `asOf`, as given. */
  consultations: Consultation[];
  /** Working days inside the reply period that consultations took out of the count. */
  consultationWorkingDays: number;
  repliedOn: string | null;
  outcome: OutcomeCode | null;
  /** Replied after its due day; null before the reply; false for a reply while awaiting correction (nothing was due). */
  late: boolean | null;
  /** Open and its due time has passed as of `asOf`. */
  overdue: boolean;
}

export type ApplicationCalendar = Pick<WorkingCalendar, 'addWorkingDays' | 'workingDaysBetween' | 'dueInstantOf'>;

/** What the events up to some point have established. */
interface Facts {
  correctionRequestedAt: Date | null;
  correctionReceivedOn: string | null;
  extension: { workingDays: number; approvedBy: string; at: Date } | null;
  reply: { on: string; outcome: OutcomeCode } | null;
}

/**
 * The application's deadline as of `asOf`: the events that have happened by then (an instant
 * event by its instant, a dated one by its local day) and the consultations begun by then. The
 * whole history is checked first, whatever `asOf`; a service appends the event it is about to
 * record and calls this to validate it.
 */
export function applicationClock(calendar: ApplicationCalendar, input: ApplicationClockInput, asOf: Date): ApplicationClockState {
  const { receivedOn, events, consultations, timeZone } = input;
  if (!isLocalDate(receivedOn)) throw new RangeError(`receivedOn must be a YYYY-MM-DD date, got ${JSON.stringify(receivedOn)}`);
  if (!(asOf instanceof Date) || !Number.isFinite(asOf.getTime())) throw new RangeError('asOf must be a valid Date');
  const asOfDay = localDateOf(asOf, timeZone);

  const reply = events.find((event): event is Reply => event?.action === 'reply');
  const merged = checkConsultations(consultations, receivedOn, reply && isLocalDate(reply.on) ? reply.on : null);
  const dueOf = (facts: Facts, intervals: Interval[]) => {
    if (facts.correctionRequestedAt !== null && facts.correctionReceivedOn === null) return null;
    const from = facts.correctionReceivedOn ?? receivedOn;
    return { from, lastDay: replyLastDay(calendar, from, REPLY_WORKING_DAYS + (facts.extension?.workingDays ?? 0), intervals) };
  };

  let facts: Facts = { correctionRequestedAt: null, correctionReceivedOn: null, extension: null, reply: null };
  let asOfFacts = facts;
  let happening = true;
  let previous: { event: ApplicationEvent; day: string } | undefined;
  events.forEach((event, index) => {
    checkShape(event, index);
    const label = APPLICATION_ACTION_LABELS[event.action];
    const at = instantOf(event);
    const day = at !== null ? localDateOf(at, timeZone) : (event as CorrectionReceived | Reply).on;
    const when = at !== null ? cnDateTime(at, timeZone) : cnDate(day);
    if (day < receivedOn) {
      throw new DeadlineError('APPLICATION_EVENT_BEFORE_RECEIPT', `${label}（${when}）早于收到申请之日 ${cnDate(receivedOn)}`, index);
    }
    if (previous !== undefined) {
      const previousAt = instantOf(previous.event);
      const before = at !== null && previousAt !== null ? at.getTime() < previousAt.getTime() : day < previous.day;
      if (before) {
        const previousWhen = previousAt !== null ? cnDateTime(previousAt, timeZone) : cnDate(previous.day);
        throw new DeadlineError(
          'APPLICATION_EVENT_OUT_OF_ORDER',
          `${label}（${when}）早于上一项办理（${APPLICATION_ACTION_LABELS[previous.event.action]}，${previousWhen}）；办理过程须按时间先后记录`,
          index,
        );
      }
    }
    if (facts.reply !== null) {
      throw new DeadlineError('APPLICATION_ALREADY_REPLIED', `申请已于 ${cnDate(facts.reply.on)} 答复，不能再${label}`, index);
    }
    const due = dueOf(facts, merged);
    const requireBeforeDue = (at: Date) => {
      if (due !== null && at.getTime() >= calendar.dueInstantOf(due.lastDay, timeZone).getTime()) {
        throw new DeadlineError('APPLICATION_PAST_DUE', `答复期限已于 ${cnDue(due.lastDay)} 届满，不能再${label}`, index);
      }
    };
    switch (event.action) {
      case 'correction_requested':
        if (facts.correctionRequestedAt !== null) {
          throw new DeadlineError(
            'APPLICATION_CORRECTION_ALREADY_REQUESTED',
            `已于 ${cnDateTime(facts.correctionRequestedAt, timeZone)} 要求补正；补正须一次性告知（《政府信息公开条例》第三十条），不能再次要求`,
            index,
          );
        }
        requireBeforeDue(event.at);
        facts = { ...facts, correctionRequestedAt: event.at };
        break;
      case 'correction_received':
        if (facts.correctionRequestedAt === null || facts.correctionReceivedOn !== null) {
          throw new DeadlineError(
            'APPLICATION_NOT_AWAITING_CORRECTION',
            facts.correctionRequestedAt === null ? '没有要求过补正，不能登记收到补正' : `已于 ${cnDate(facts.correctionReceivedOn!)} 收到补正，不能再次登记`,
            index,
          );
        }
        facts = { ...facts, correctionReceivedOn: event.on };
        break;
      case 'extension':
        if (facts.extension !== null) {
          throw new DeadlineError(
            'APPLICATION_SECOND_EXTENSION',
            `答复期限已于 ${cnDateTime(facts.extension.at, timeZone)} 延长 ${facts.extension.workingDays} 个工作日；只能延长一次（《政府信息公开条例》第三十三条）`,
            index,
          );
        }
        if (due === null) {
          throw new DeadlineError('APPLICATION_AWAITING_CORRECTION', '申请正在等待补正，收到补正后才能延长答复期限', index);
        }
        requireBeforeDue(event.at);
        facts = { ...facts, extension: { workingDays: event.workingDays, approvedBy: event.approvedBy.trim(), at: event.at } };
        break;
      case 'reply':
        facts = { ...facts, reply: { on: event.on, outcome: event.outcome } };
        break;
    }
    happening &&= at !== null ? at.getTime() <= asOf.getTime() : day <= asOfDay;
    if (happening) asOfFacts = facts;
    previous = { event, day };
  });

  const begun = consultations.filter((c) => c.from <= asOfDay);
  const due = dueOf(asOfFacts, mergeIntervals(begun));
  const dueAt = due === null ? null : calendar.dueInstantOf(due.lastDay, timeZone);
  const correctionDueLastDay = calendar.addWorkingDays(receivedOn, CORRECTION_REQUEST_WORKING_DAYS);
  const { correctionRequestedAt, correctionReceivedOn, extension, reply: replied } = asOfFacts;
  const status: ApplicationStatus =
    replied !== null ? 'replied' : correctionRequestedAt !== null && correctionReceivedOn === null ? 'awaiting_correction' : 'open';
  return {
    status,
    receivedOn,
    countedFrom: due?.from ?? null,
    dueAt,
    dueLastDay: due?.lastDay ?? null,
    correctionDueLastDay,
    correctionRequestedAt,
    correctionRequestLate: correctionRequestedAt !== null && localDateOf(correctionRequestedAt, timeZone) > correctionDueLastDay,
    correctionReceivedOn,
    extendedBy: extension?.workingDays ?? 0,
    extension,
    consultations: begun.map(({ from, to }) => ({ from, to })),
    consultationWorkingDays:
      due === null ? 0 : calendar.workingDaysBetween(due.from, due.lastDay) - REPLY_WORKING_DAYS - (extension?.workingDays ?? 0),
    repliedOn: replied?.on ?? null,
    outcome: replied?.outcome ?? null,
    late: replied === null ? null : due !== null && replied.on > due.lastDay,
    overdue: status === 'open' && dueAt !== null && asOf.getTime() >= dueAt.getTime(),
  };
}

/** Epoch days, both ends included. */
interface Interval {
  from: number;
  to: number;
}

/**
 * The `n`-th working day after `from` (itself not counted, Civil Code art. 201) that lies in no
 * consultation: the working days between consultations are counted gap by gap, so the cost is
 * one calendar lookup per consultation, not one per day. application-clock.spec.ts checks it
 * against a walk day by day.
 */
export function replyLastDay(calendar: Pick<WorkingCalendar, 'addWorkingDays' | 'workingDaysBetween'>, from: string, n: number, consultations: readonly Interval[]): string {
  let cursor = toEpochDay(from);
  let remaining = n;
  for (const interval of consultations) {
    if (interval.to <= cursor) continue;
    if (interval.from - 1 > cursor) {
      const cursorDate = fromEpochDay(cursor);
      const gap = calendar.workingDaysBetween(cursorDate, fromEpochDay(interval.from - 1));
      if (gap >= remaining) return calendar.addWorkingDays(cursorDate, remaining);
      remaining -= gap;
    }
    cursor = interval.to;
  }
  return calendar.addWorkingDays(fromEpochDay(cursor), remaining);
}

/** The instant of an event recorded with one (`at`); null for one recorded by its day (`on`). */
function instantOf(event: ApplicationEvent): Date | null {
  return event.action === 'correction_requested' || event.action === 'extension' ? event.at : null;
}

/** Sorted, with overlapping or touching consultations joined: two at once take the same days out only once. */
export function mergeIntervals(consultations: readonly Consultation[]): Interval[] {
  const sorted = consultations.map((c) => ({ from: toEpochDay(c.from), to: toEpochDay(c.to) })).sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.from <= last.to + 1) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

function checkConsultations(consultations: readonly Consultation[], receivedOn: string, repliedOn: string | null): Interval[] {
  consultations.forEach((c, i) => {
    const field = `consultations[${i}]`;
    const invalid = (message: string) => new DeadlineError('APPLICATION_CONSULTATION_INVALID', `征求意见（${field}）：${message}`);
    if (c === null || typeof c !== 'object') throw invalid('必须是 { from, to }');
    if (!isLocalDate(c.from)) throw invalid(`开始日期（from）必须是 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(c.from)}`);
    if (!isLocalDate(c.to)) throw invalid(`结束日期（to）必须是 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(c.to)}`);
    if (c.to < c.from) throw invalid(`结束日期（to）${cnDate(c.to)} 早于开始日期（from）${cnDate(c.from)}`);
    if (c.from < receivedOn) throw invalid(`开始日期（from）${cnDate(c.from)} 早于收到申请之日 ${cnDate(receivedOn)}`);
    if (repliedOn !== null && c.from > repliedOn) throw invalid(`开始日期（from）${cnDate(c.from)} 晚于答复日期 ${cnDate(repliedOn)}`);
  });
  return mergeIntervals(consultations);
}

function checkShape(event: ApplicationEvent, index: number): void {
  const invalid = (message: string) => new DeadlineError('APPLICATION_EVENT_INVALID', message, index);
  if (event === null || typeof event !== 'object' || !APPLICATION_ACTIONS.includes(event.action)) {
    throw invalid(`办理事项（action）必须是以下之一：${APPLICATION_ACTIONS.map((a) => `${a}（${APPLICATION_ACTION_LABELS[a]}）`).join('、')}`);
  }
  const label = APPLICATION_ACTION_LABELS[event.action];
  if (event.action === 'correction_requested' || event.action === 'extension') {
    if (!(event.at instanceof Date) || !Number.isFinite(event.at.getTime())) throw invalid(`${label}时间（at）必须是有效的时刻`);
  } else if (!isLocalDate(event.on)) {
    throw invalid(`${label}日期（on）必须是 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(event.on)}`);
  }
  if (event.action === 'extension') {
    if (!Number.isSafeInteger(event.workingDays) || event.workingDays < 1) {
      throw invalid(`延长的工作日数（workingDays）必须是 1 到 ${MAX_EXTENSION_WORKING_DAYS} 之间的整数，收到 ${String(event.workingDays)}`);
    }
    if (event.workingDays > MAX_EXTENSION_WORKING_DAYS) {
      throw new DeadlineError(
        'APPLICATION_EXTENSION_TOO_LONG',
        `延长的期限最长不得超过 ${MAX_EXTENSION_WORKING_DAYS} 个工作日（《政府信息公开条例》第三十三条），收到 ${event.workingDays}`,
        index,
      );
    }
    if (typeof event.approvedBy !== 'string' || event.approvedBy.trim() === '') {
      throw invalid('批准人（approvedBy）不能为空：延长答复期限须经政府信息公开工作机构负责人同意');
    }
  }
  if (event.action === 'reply' && !isOutcomeCode(event.outcome)) {
    throw new DeadlineError(
      'APPLICATION_OUTCOME_UNKNOWN',
      `办理结果（outcome）必须是年度报告表“三、本年度办理结果”中的一项：${OUTCOME_CODES.join('、')}；收到 ${JSON.stringify(event.outcome)}`,
      index,
    );
  }
}
