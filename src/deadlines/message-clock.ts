// A citizen message's deadline with its history of pauses, resumptions and extensions
// (docs/deadlines.md "Messages"). The period is the one the message's requirement sets (3
// calendar days, 5 working days …), counted as the Civil Code counts periods (arts. 201, 203)
// by the working-day calendar:
//  - a pause (需网民补充) stops the clock: while paused the message is neither due nor overdue;
//  - a resumption counts the whole period anew from the resume instant, as if the message had
//    been received then — the rule the 2019 disclosure regulation (《政府信息公开条例》) sets in
//    art. 30 for a corrected application, applied to messages;
//  - an extension (延期答复) moves the last day by its days, counted from the current last day
//    the way the rule counts: working days, or calendar days rolled forward off a rest day
//    (art. 203). An extension stays granted across a pause: the period counted anew on resuming
//    gets every extension granted before, in their order, so a pause never brings a due time
//    forward (message-clock.spec.ts checks that for random histories).
// A message whose period has run out can be neither paused nor extended: either would turn a
// missed deadline into a met one after the fact.
import { PeriodCount, WorkingCalendar } from '../calendar/working-days';
import { DeadlineError } from './deadlines.errors';
import { cnDateTime, cnDue } from './wording';

export interface MessageRule {
  days: number;
  count: PeriodCount;
}

export const MESSAGE_CLOCK_ACTIONS = ['pause', 'resume', 'extend'] as const;
export type MessageClockAction = (typeof MESSAGE_CLOCK_ACTIONS)[number];

export const MESSAGE_CLOCK_ACTION_LABELS: Record<MessageClockAction, string> = {
  pause: '暂停计时',
  resume: '恢复计时',
  extend: '延期',
};

export interface MessagePause {
  action: 'pause';
  at: Date;
  reason: string;
}

export interface MessageResume {
  action: 'resume';
  at: Date;
}

export interface MessageExtension {
  action: 'extend';
  at: Date;
  /** Days added to the last day, counted the way the message's rule counts. */
  days: number;
  reason: string;
}

export type MessageClockEvent = MessagePause | MessageResume | MessageExtension;

export interface MessageClockInput {
  rule: MessageRule;
  receivedAt: Date;
  /** In the order they happened; two at the same instant keep their order. */
  events: readonly MessageClockEvent[];
  timeZone: string;
}

export interface MessageClockState {
  status: 'open' | 'paused';
  /** 24:00 local of `dueLastDay`; null while paused. */
  dueAt: Date | null;
  dueLastDay: string | null;
  /** The instant the running period counts from: the receipt, or the last resumption; null while paused. */
  countedFrom: Date | null;
  /** When the running pause began; null when open. */
  pausedAt: Date | null;
  /** Days of every extension granted so far. */
  extendedBy: number;
}

export type MessageCalendar = Pick<WorkingCalendar, 'deadline' | 'addWorkingDays' | 'addCalendarDays' | 'dueInstantOf'>;

/**
 * The message's deadline as of `asOf`: the events up to that instant applied in order. The whole
 * history is checked first, whatever `asOf`, so an impossible history is refused however it is
 * read; a service appends the event it is about to record and calls this to validate it.
 */
export function messageClock(calendar: MessageCalendar, input: MessageClockInput, asOf: Date): MessageClockState {
  const { rule, receivedAt, events, timeZone } = input;
  if (!isInstant(receivedAt)) throw new RangeError('receivedAt must be a valid Date');
  if (!isInstant(asOf)) throw new RangeError('asOf must be a valid Date');

  const extensions: number[] = [];
  const periodFrom = (from: Date): MessageClockState => {
    let lastDay = calendar.deadline(from, rule.days, rule.count, timeZone).lastDay;
    for (const days of extensions) lastDay = extend(calendar, rule.count, lastDay, days);
    return open(calendar, from, lastDay, extensions, timeZone);
  };

  let state = periodFrom(receivedAt);
  let asOfState = state;
  let previous: MessageClockEvent | undefined;
  events.forEach((event, index) => {
    checkShape(event, index);
    const label = MESSAGE_CLOCK_ACTION_LABELS[event.action];
    const when = cnDateTime(event.at, timeZone);
    if (event.at.getTime() < receivedAt.getTime()) {
      throw new DeadlineError(
        'MESSAGE_EVENT_BEFORE_RECEIPT',
        `${label}时间（at）${when} 早于留言收到时间 ${cnDateTime(receivedAt, timeZone)}`,
        index,
      );
    }
    if (previous !== undefined && event.at.getTime() < previous.at.getTime()) {
      throw new DeadlineError(
        'MESSAGE_EVENT_OUT_OF_ORDER',
        `${label}时间（at）${when} 早于上一次操作（${MESSAGE_CLOCK_ACTION_LABELS[previous.action]}，${cnDateTime(previous.at, timeZone)}）；操作须按时间先后记录`,
        index,
      );
    }
    switch (event.action) {
      case 'pause':
        if (state.status === 'paused') {
          throw new DeadlineError('MESSAGE_ALREADY_PAUSED', `留言已于 ${cnDateTime(state.pausedAt!, timeZone)} 暂停计时，不能再次暂停；请先恢复计时`, index);
        }
        requireBeforeDue(state, event.at, label, index);
        state = { status: 'paused', dueAt: null, dueLastDay: null, countedFrom: null, pausedAt: event.at, extendedBy: state.extendedBy };
        break;
      case 'resume':
        if (state.status !== 'paused') {
          throw new DeadlineError('MESSAGE_NOT_PAUSED', `留言没有暂停计时，不能恢复计时（${when}）`, index);
        }
        state = periodFrom(event.at);
        break;
      case 'extend':
        if (state.status === 'paused') {
          throw new DeadlineError('MESSAGE_EXTEND_WHILE_PAUSED', `留言已于 ${cnDateTime(state.pausedAt!, timeZone)} 暂停计时，恢复计时后才能延期`, index);
        }
        requireBeforeDue(state, event.at, label, index);
        extensions.push(event.days);
        state = open(calendar, state.countedFrom!, extend(calendar, rule.count, state.dueLastDay!, event.days), extensions, timeZone);
        break;
    }
    if (event.at.getTime() <= asOf.getTime()) asOfState = state;
    previous = event;
  });
  return asOfState;
}

function open(calendar: MessageCalendar, from: Date, lastDay: string, extensions: number[], timeZone: string): MessageClockState {
  return {
    status: 'open',
    dueAt: calendar.dueInstantOf(lastDay, timeZone),
    dueLastDay: lastDay,
    countedFrom: from,
    pausedAt: null,
    extendedBy: extensions.reduce((sum, days) => sum + days, 0),
  };
}

/** `days` more, counted from `lastDay` (itself not counted, Civil Code art. 201) as the rule counts. */
function extend(calendar: MessageCalendar, count: PeriodCount, lastDay: string, days: number): string {
  return count === 'working' ? calendar.addWorkingDays(lastDay, days) : calendar.addCalendarDays(lastDay, days);
}

function requireBeforeDue(state: MessageClockState, at: Date, label: string, index: number): void {
  if (at.getTime() >= state.dueAt!.getTime()) {
    throw new DeadlineError('MESSAGE_PAST_DUE', `留言的答复期限已于 ${cnDue(state.dueLastDay!)} 届满，不能再${label}`, index);
  }
}

function checkShape(event: MessageClockEvent, index: number): void {
  const invalid = (message: string) => new DeadlineError('MESSAGE_EVENT_INVALID', message, index);
  if (event === null || typeof event !== 'object' || !MESSAGE_CLOCK_ACTIONS.includes(event.action)) {
    throw invalid(`操作（action）必须是以下之一：${MESSAGE_CLOCK_ACTIONS.map((a) => `${a}（${MESSAGE_CLOCK_ACTION_LABELS[a]}）`).join('、')}`);
  }
  const label = MESSAGE_CLOCK_ACTION_LABELS[event.action];
  if (!isInstant(event.at)) throw invalid(`${label}时间（at）必须是有效的时刻`);
  if (event.action === 'resume') return;
  if (typeof event.reason !== 'string' || event.reason.trim() === '') throw invalid(`${label}原因（reason）不能为空`);
  if (event.action === 'extend' && !(Number.isSafeInteger(event.days) && event.days >= 1)) {
    throw invalid(`延期天数（days）必须是正整数，收到 ${String(event.days)}`);
  }
}

function isInstant(value: unknown): value is Date {
  return value instanceof Date && Number.isFinite(value.getTime());
}
