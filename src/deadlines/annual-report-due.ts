// ANNUAL_REPORT_PUBLISHED: when a unit's annual report on government information disclosure
// (政府信息公开工作年度报告) for a year must be public. The 2019 regulation
// (《政府信息公开条例》) art. 49: people's government departments at county level and above by
// January 31, and the people's governments at county level and above by March 31, each for the
// year before. These are fixed dates in the regulation, not periods counted from an event, so a
// weekend or holiday does not move them (docs/deadlines.md "Annual reports").
import { startOfLocalDay } from '../common/time/local-date';
import type { UnitKind, UnitLevel } from '../org/entities/unit.entity';

export interface AnnualReportDue {
  /** The last local day the report may appear. */
  lastDay: string;
  /** 24:00 local of `lastDay`. */
  dueAt: Date;
}

/** Levels the regulation calls 县级以上 (county level and above) among Duban's unit levels. */
const COUNTY_OR_ABOVE: readonly UnitLevel[] = ['city', 'county'];

/**
 * When the report on `reportYear` is due from a unit of this kind and level, or null when art. 49
 * sets the unit no date: townships and villages (below county level), management committees and
 * other bodies, which are neither people's governments nor their departments.
 */
export function annualReportDue(unit: { kind: UnitKind; level: UnitLevel }, reportYear: number, timeZone: string): AnnualReportDue | null {
  if (!Number.isInteger(reportYear) || reportYear < 1970 || reportYear > 9998) {
    throw new RangeError(`reportYear must be a whole year, got ${reportYear}`);
  }
  if (!COUNTY_OR_ABOVE.includes(unit.level)) return null;
  const monthDay = unit.kind === 'department' ? '01-31' : unit.kind === 'government' ? '03-31' : null;
  if (monthDay === null) return null;
  const lastDay = `${reportYear + 1}-${monthDay}`;
  const next = monthDay === '01-31' ? `${reportYear + 1}-02-01` : `${reportYear + 1}-04-01`;
  return { lastDay, dueAt: startOfLocalDay(next, timeZone) };
}
