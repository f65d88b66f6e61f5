import { daysInMonth } from '../common/time/local-date';

/** A local month `YYYY-MM`, as the statistics and the report name it. Strings end to end, like local dates. */
export type LocalMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isLocalMonth(value: unknown): value is LocalMonth {
  return typeof value === 'string' && MONTH.test(value) && value >= '1900-01';
}

/** The month's first and last local dates, both inclusive (a checklist period's convention). */
export function monthDays(month: LocalMonth): { first: string; last: string } {
  const [year, m] = month.split('-').map(Number);
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}` };
}

export function nextMonth(month: LocalMonth): LocalMonth {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export function monthOf(date: string): LocalMonth {
  return date.slice(0, 7);
}

/** `2022-07` → `2022年第7期`: the source report numbers its issues by month. */
export function issueLabel(month: LocalMonth): string {
  const [year, m] = month.split('-').map(Number);
  return `${year}年第${m}期`;
}

/** `2022-07` → `2022年7月`. */
export function monthLabel(month: LocalMonth): string {
  const [year, m] = month.split('-').map(Number);
  return `${year}年${m}月`;
}

/** `2022-08-03` → `2022年8月3日`, the way an official document dates itself. */
export function chineseDate(date: string): string {
  const [year, m, d] = date.split('-').map(Number);
  return `${year}年${m}月${d}日`;
}
