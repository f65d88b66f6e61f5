import { localDateOf, parseInstant } from '../common/time/local-date';
import { ItemDate, readIsoDateTime } from './item-dates';

// Dates as feeds write them. RSS 2.0's pubDate is RFC 822 ("Mon, 29 Aug 2022 02:00:00 GMT", what
// RSSHub writes); Atom, RSS 1.0's dc:date and JSON Feed use RFC 3339. Chinese CMSs also write
// "2022-08-29 10:00:00" into pubDate, which is read as local time.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// RFC 822 §5.1 zones in minutes east of UTC. CST is the exception: RFC 822 makes it US Central
// (-06:00), but in a Chinese feed it is China Standard Time, which Java's Date.toString() and
// the CMSs built on it print as "CST" — so +08:00.
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  cst: 480,
};

const RFC_822 = /^(?:[a-z]{3,9},?\s*)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[+-]\d{2}:\d{2}|[a-z]{1,5})?$/i;

/**
 * Reads a feed date: RFC 822 (pubDate), RFC 3339 / ISO 8601 (Atom, dc:date, JSON Feed), or a
 * local `2022-08-29 10:00[:00]` / `2022/08/29 10:00`. A date without a time is a day; anything
 * with a time is an instant. Null when it cannot be read.
 */
export function readFeedDate(value: string, timeZone: string): ItemDate | null {
  const text = value.trim();
  if (text === '') return null;
  const rfc822 = RFC_822.exec(text);
  if (rfc822 !== null) return readRfc822(rfc822, timeZone);
  const iso = text.replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})/, (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  return readIsoDateTime(iso, timeZone);
}

function readRfc822(m: RegExpExecArray, timeZone: string): ItemDate | null {
  const [, day, monthName, yearText, hour, minute, second, zone] = m;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return null;
  // RFC 2822 §4.3: a two-digit year below 50 is 20xx.
  const year = yearText.length === 2 ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText) : Number(yearText);
  const wall = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}`;
  let offset: string;
  if (zone === undefined) offset = '';
  else if (/^[+-]/.test(zone)) offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  else {
    const minutes = ZONES[zone.toLowerCase()];
    if (minutes === undefined) return null;
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }
  const instant = parseInstant(wall + offset, timeZone);
  return instant === null ? null : { localDate: localDateOf(instant, timeZone), instant };
}
