// How a task made from checklist misses names itself. The title states the rule in words,
// the span from the first miss to the latest and how many periods were missed, then what the
// latest miss was: "信丰交通(微信订阅号) 每周更新不少于2次：2026-09-28 至 11-22 共 8 周未达标；
// 最近 2026-11-16 至 11-22 仅更新 1 次". It is rebuilt whenever a miss joins the task, so it
// never freezes on the first one.

/** How the checklist module words one miss; the same for every miss of one task but `summary`. */
export interface MissWording {
  /** Who missed: an account with its platform, as the monthly report names it (`信丰交通(微信订阅号)`), or a unit. */
  subject: string;
  /** The rule in words, never its code: `每周更新不少于2次`, `简单咨询类网民留言3日内办结回复`. */
  rule: string;
  /** What a count of misses is called: `周未达标`, `天未达标`, `条留言未按时回复`. */
  countSuffix: string;
  /** This miss on its own: `2026-11-16 至 11-22 仅更新 1 次`, `2026-11-27 无更新`. */
  summary: string;
}

export interface TaskMissSpan {
  /** Local dates: the first missed period's start and the latest missed period's end. */
  firstStart: string;
  lastEnd: string;
  count: number;
  /** The latest miss's summary; null for misses recorded before summaries were kept. */
  latestSummary: string | null;
}

export const TASK_TITLE_MAX = 500;

/** `2026-09-28 至 11-22`: the year is written once when both ends share it. */
export function spanText(start: string, end: string): string {
  if (start === end) return start;
  return `${start} 至 ${start.slice(0, 4) === end.slice(0, 4) ? end.slice(5) : end}`;
}

export function checklistTaskTitle(wording: Pick<MissWording, 'subject' | 'rule' | 'countSuffix'>, span: TaskMissSpan): string {
  const head = `${wording.subject} ${wording.rule}：`;
  const title =
    span.count <= 1 && span.latestSummary
      ? `${head}${span.latestSummary}`
      : `${head}${spanText(span.firstStart, span.lastEnd)} 共 ${span.count} ${wording.countSuffix}${span.latestSummary ? `；最近 ${span.latestSummary}` : ''}`;
  return title.length <= TASK_TITLE_MAX ? title : `${title.slice(0, TASK_TITLE_MAX - 1)}…`;
}
