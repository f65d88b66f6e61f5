import { addDays, addMonths, toEpochDay } from '../common/time/local-date';

// Whether a website's column (栏目) is kept up, by the national index for government websites
// (国办《政府网站与政务新媒体检查指标》): 动态、要闻 columns not updated for more than two weeks
// and 通知公告、政策文件 columns not updated for more than six months are "not updated"
// (栏目不更新); a column with no information at all is blank (空白栏目). Five or more of either
// on one site is a veto.

export const COLUMN_KINDS = ['news', 'notice', 'policy', 'interaction', 'other'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** 动态、要闻: stale when none of the 14 local days ending today has an item. */
export const NEWS_STALE_DAYS = 14;
/** 通知公告、政策文件: stale after six calendar months without an item. */
export const NOTICE_STALE_MONTHS = 6;
/** Days of silence at which an early warning goes out, before the 14-day veto. */
export const SILENCE_WARNING_DAYS = 10;
/** Stale or blank columns on one site from which the index vetoes the site. */
export const COLUMN_VETO_COUNT = 5;

export interface ColumnItems {
  /** Dated items on the column's list page (see dated-items.ts). */
  itemCount: number;
  /** The newest item's local date, or null when there is none. */
  lastItemDate: string | null;
}

export interface ColumnState extends ColumnItems {
  /** The list page shows no dated item at all (空白栏目). A blank column is not also stale. */
  blank: boolean;
  stale: boolean;
  /** The last day the column counts as updated; null for kinds that are never stale, or when blank. */
  freshThrough: string | null;
  /** Days since the newest item (0 = an item today); null when blank. */
  daysSinceUpdate: number | null;
  /** Days the column has been stale, today included; 0 when it is not. */
  staleDays: number;
}

/** How many dated items there are and the newest one's date, ignoring dates after `today`. */
export function summariseItems(dates: readonly string[], today: string): ColumnItems {
  let itemCount = 0;
  let lastItemDate: string | null = null;
  for (const date of dates) {
    if (date > today) continue;
    itemCount++;
    if (lastItemDate === null || date > lastItemDate) lastItemDate = date;
  }
  return { itemCount, lastItemDate };
}

/**
 * The last day a column whose newest item is from `lastItemDate` still counts as updated.
 * news: the 14-day window ending that day still holds the item, so the 13th day after it.
 * notice/policy: six calendar months, counted as the Civil Code counts a period in months —
 * the day of the item is not counted (art. 201) and the period ends on the same day of the
 * sixth month after, or that month's last day when it has no such day (art. 202): an item of
 * 2022-08-31 keeps the column fresh through 2023-02-28. interaction/other: never stale.
 */
export function freshThrough(kind: ColumnKind, lastItemDate: string): string | null {
  switch (kind) {
    case 'news':
      return addDays(lastItemDate, NEWS_STALE_DAYS - 1);
    case 'notice':
    case 'policy':
      return addMonths(lastItemDate, NOTICE_STALE_MONTHS);
    case 'interaction':
    case 'other':
      return null;
  }
}

/** A column's state on `today` (a local date) from what its list page shows. */
export function columnState(kind: ColumnKind, items: ColumnItems, today: string): ColumnState {
  const { itemCount, lastItemDate } = items;
  if (itemCount === 0 || lastItemDate === null) {
    return { itemCount: 0, lastItemDate: null, blank: true, stale: false, freshThrough: null, daysSinceUpdate: null, staleDays: 0 };
  }
  const until = freshThrough(kind, lastItemDate);
  const stale = until !== null && until < today;
  return {
    itemCount,
    lastItemDate,
    blank: false,
    stale,
    freshThrough: until,
    daysSinceUpdate: daysBetween(lastItemDate, today),
    staleDays: stale ? daysBetween(until, today) : 0,
  };
}

export interface ColumnsVerdict<T> {
  stale: T[];
  blank: T[];
  /** 栏目不更新 on five or more columns: a veto (each stale column is also a deduction). */
  staleVeto: boolean;
  /** 空白栏目 on five or more columns: a veto. */
  blankVeto: boolean;
}

/** The site-level reading of its columns' states (WEBSITE_COLUMNS_UPDATED, WEBSITE_BLANK_COLUMNS). */
export function judgeColumns<T extends { state: ColumnState }>(columns: readonly T[]): ColumnsVerdict<T> {
  const stale = columns.filter((c) => c.state.stale);
  const blank = columns.filter((c) => c.state.blank);
  return { stale, blank, staleVeto: stale.length >= COLUMN_VETO_COUNT, blankVeto: blank.length >= COLUMN_VETO_COUNT };
}

export interface Silence {
  /** Days since the newest dated item; null when there has never been one. */
  silentDays: number | null;
  /** The early warning is due: SILENCE_WARNING_DAYS or more without an item, before the veto. */
  warning: boolean;
  /** No item in the 14 local days ending today (the homepage and new-media veto). */
  veto: boolean;
}

/** A homepage's or an account's silence on `today`, for the 10-day warning and the 14-day veto. */
export function silence(lastItemDate: string | null, today: string): Silence {
  if (lastItemDate === null) return { silentDays: null, warning: false, veto: true };
  const silentDays = Math.max(0, daysBetween(lastItemDate, today));
  return { silentDays, warning: silentDays >= SILENCE_WARNING_DAYS && silentDays < NEWS_STALE_DAYS, veto: silentDays >= NEWS_STALE_DAYS };
}

function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}
