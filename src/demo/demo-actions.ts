// What the demo's units and supervisors do with the tasks their misses open, day by day: most
// units rectify within a day or two and their supervisor checks the next working day; some
// are sent back once with a reason and do it again; some hand in late; some are sent back and
// have not redone it; some never answer. Pure: the replay (demo-replay.ts) asks, for each
// active task on each replayed day, what happens next and when, and does it through the
// services as that unit's operator or its supervisor.
import { hash } from './demo-evidence';

export type DemoFate = 'prompt' | 'reworked' | 'late' | 'stuck' | 'ignored';

/**
 * The demo operator's unit (信丰县交通运输局, owner of 信丰交通) was sent back once and has not
 * redone the work, so its user signs in to a rejected, overdue task with the reason on top.
 */
const SCRIPTED: Record<string, DemoFate> = { 'GZ-C04-D-JT': 'stuck' };

/** A task's fate, fixed by its id: about 30% prompt, 20% reworked, 12% late, 10% stuck, 28% ignored. */
export function fateOf(taskId: number, unitCode: string): DemoFate {
  const scripted = SCRIPTED[unitCode];
  if (scripted) return scripted;
  const h = hash(`task-${taskId}`) % 100;
  if (h < 30) return 'prompt';
  if (h < 50) return 'reworked';
  if (h < 62) return 'late';
  if (h < 72) return 'stuck';
  return 'ignored';
}

export interface DemoTask {
  id: number;
  status: 'open' | 'submitted' | 'rejected';
  category: string;
  /** Local dates: when it was opened, the last day before it is overdue, the last submission and rejection. */
  opened: string;
  dueLastDay: string;
  submitted: string | null;
  rejected: string | null;
  reworkCount: number;
}

export interface DemoAction {
  action: 'submit' | 'accept' | 'reject';
  /** The local day and the minute of that day it is planned for. */
  day: string;
  minute: number;
  /** The note, the rejection reason or the verification comment. */
  text: string;
}

/** Working days after a date (calendar data permitting: null when the date reaches a year without it). */
export type WorkingDaysAfter = (date: string, n: number) => string | null;

const SUBMIT_NOTES: Record<string, string[]> = {
  not_updated: ['已补发近期工作动态，并明确信息员每日巡查更新', '已落实专人负责，建立更新台账，近一周已按要求更新', '已补充更新内容，并将更新情况纳入每周例会通报'],
  overdue_reply: ['已逐条答复网民留言，并在平台公开答复内容', '已联系留言人说明办理情况，答复已在平台公开'],
  policy_unlinked: ['已补充政策解读，并在文件页与解读页互设链接'],
  duty_roster: ['已补报节假日值班表，带班领导和值班人员已落实'],
};
const RESUBMIT_NOTE = '已按退回意见补充整改材料：附近一周更新记录截图，并明确专人每周至少更新两次';
const REJECT_REASONS = ['整改说明未附更新记录截图，请补充近一周的发布截图后重新提交', '补发信息后仍未达到更新要求，请持续更新一周后再提交', '未说明长效机制，请明确专人负责及更新频次'];
const ACCEPT_COMMENT = '经核查已整改到位';

const pick = (list: string[], id: number) => list[hash(`text-${id}`) % list.length];

/**
 * The next thing that happens to an active task, or null when nothing will (it is left as it
 * is: open and overdue, or sent back and not redone). The replay does it on `day` — or on the
 * first replayed day after, when an earlier start stopped before it.
 */
export function nextDemoAction(task: DemoTask, fate: DemoFate, workingDaysAfter: WorkingDaysAfter): DemoAction | null {
  const at = (day: string | null, minute: number, action: DemoAction['action'], text: string): DemoAction | null => (day ? { action, day, minute, text } : null);
  switch (task.status) {
    case 'open': {
      const note = pick(SUBMIT_NOTES[task.category] ?? SUBMIT_NOTES.not_updated, task.id);
      if (fate === 'ignored') return null;
      // Late units hand in a few working days after the deadline; the others within a day or two.
      const day = fate === 'late' ? workingDaysAfter(task.dueLastDay, 1 + (task.id % 3)) : workingDaysAfter(task.opened, 1 + (task.id % 2));
      return at(day, 9 * 60 + 30 + (task.id % 120), 'submit', note);
    }
    case 'submitted': {
      // The supervisor checks one or two working days after the submission.
      const day = workingDaysAfter(task.submitted ?? task.opened, 1 + (task.id % 2));
      const sendBack = (fate === 'reworked' || fate === 'stuck') && task.reworkCount === 0;
      return sendBack ? at(day, 15 * 60 + (task.id % 90), 'reject', pick(REJECT_REASONS, task.id)) : at(day, 15 * 60 + (task.id % 90), 'accept', ACCEPT_COMMENT);
    }
    case 'rejected':
      if (fate === 'stuck') return null;
      return at(workingDaysAfter(task.rejected ?? task.opened, 2), 10 * 60 + (task.id % 60), 'submit', RESUBMIT_NOTE);
  }
}
