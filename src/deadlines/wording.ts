// How the deadline rules name days and instants in their Chinese messages: local time, the
// way a civil servant reads them (2022年10月9日 15:00; a due time as 2022年10月11日 24:00).
import { localDateOf, MS_PER_DAY, utcOffsetMs } from '../common/time/local-date';

export function cnDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function cnDateTime(instant: Date, timeZone: string): string {
  const wall = instant.getTime() + utcOffsetMs(instant, timeZone);
  const minutes = Math.floor((((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${cnDate(localDateOf(instant, timeZone))} ${hh}:${mm}`;
}

/** A period's end: 24:00 of its last day (Civil Code art. 203). */
export function cnDue(lastDay: string): string {
  return `${cnDate(lastDay)} 24:00`;
}
