// Reminder settings: when each kind of email is planned, the working hours mail goes out in,
// escalation, and sending limits. Defaults from DESIGN.md "Reminders"; stored per top-level
// key in `notification_setting`, edited by an admin through PUT /reminders/settings (audited).
import { NOTIFICATION_KINDS, NotificationKind } from './notification-kinds';
import { fieldName } from '../common/field-labels';

export interface ReminderSettings {
  /** Per kind on/off. */
  enabled: Record<NotificationKind, boolean>;
  /** Due-soon reminders go out this many working days before the due day (1: the working day before). */
  dueSoonWorkingDays: number;
  /** Local time of due-soon, overdue and escalation reminders. */
  remindAt: string;
  /** Mail goes out on working days within [start, end) local; planned outside, it is held until the next start. */
  workingHours: { start: string; end: string };
  escalation: { afterWorkingDays: number; maxRepeats: number; everyWorkingDays: number };
  digestAt: string;
  /** Missed (final) checklist items whose due time lies within this many days are listed in the digest. */
  digestMissedItemDays: number;
  updateUnseen: { dailyAt: string; weeklyWeekday: number; weeklyAt: string };
  /** Emails per second over all workers (the BullMQ queue limiter). */
  ratePerSecond: number;
  /** A row `sending` for longer than this is taken as abandoned (its worker died) and re-queued. */
  stuckSendingSeconds: number;
}

export const SETTING_KEYS = [
  'enabled',
  'dueSoonWorkingDays',
  'remindAt',
  'workingHours',
  'escalation',
  'digestAt',
  'digestMissedItemDays',
  'updateUnseen',
  'ratePerSecond',
  'stuckSendingSeconds',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<NotificationKind, boolean>,
  dueSoonWorkingDays: 1,
  remindAt: '09:00',
  workingHours: { start: '08:30', end: '18:00' },
  escalation: { afterWorkingDays: 3, maxRepeats: 3, everyWorkingDays: 1 },
  digestAt: '09:00',
  digestMissedItemDays: 7,
  updateUnseen: { dailyAt: '16:00', weeklyWeekday: 4, weeklyAt: '09:00' },
  ratePerSecond: 50,
  // Well above the SMTP socket timeout (30 s), so a slow send is never taken for a dead one.
  stuckSendingSeconds: 300,
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after local midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Problems with a settings update, one message per field, in Chinese; empty when sound. */
export function validateReminderSettings(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const time = (field: string, value: unknown) => {
    if (typeof value !== 'string' || !TIME.test(value)) problems.push(`${fieldName(field)}必须是 HH:MM 格式的时间，如 09:00`);
  };
  const int = (field: string, value: unknown, min: number, max: number, unit = '') => {
    if (!isInt(value, min, max)) problems.push(`${fieldName(field)}必须是 ${min} 到 ${max} 的整数${unit}`);
  };
  const object = (field: string, value: unknown, keys: string[]): value is Record<string, unknown> => {
    if (!isPlainObject(value)) {
      problems.push(`${fieldName(field)}必须是对象 {${keys.join(', ')}}`);
      return false;
    }
    for (const key of Object.keys(value)) if (!keys.includes(key)) problems.push(`${field}.${key} 是未知字段`);
    for (const key of keys) if (!(key in value)) problems.push(`${fieldName(`${field}.${key}`)}为必填项`);
    return true;
  };
  for (const key of Object.keys(input)) if (!SETTING_KEYS.includes(key as SettingKey)) problems.push(`${key} 是未知字段；可设置：${SETTING_KEYS.join(', ')}`);

  if ('enabled' in input) {
    const enabled = input.enabled;
    if (!isPlainObject(enabled)) problems.push(`${fieldName('enabled')}必须是对象，键为提醒类型：${NOTIFICATION_KINDS.join(', ')}`);
    else
      for (const [kind, value] of Object.entries(enabled)) {
        if (!NOTIFICATION_KINDS.includes(kind as NotificationKind)) problems.push(`enabled.${kind}: 提醒类型必须是以下之一：${NOTIFICATION_KINDS.join(', ')}`);
        else if (typeof value !== 'boolean') problems.push(`enabled.${kind} 必须是 true 或 false`);
      }
  }
  if ('dueSoonWorkingDays' in input) int('dueSoonWorkingDays', input.dueSoonWorkingDays, 1, 20, '（工作日）');
  if ('remindAt' in input) time('remindAt', input.remindAt);
  if ('digestAt' in input) time('digestAt', input.digestAt);
  if ('workingHours' in input && object('workingHours', input.workingHours, ['start', 'end'])) {
    const { start, end } = input.workingHours;
    time('workingHours.start', start);
    time('workingHours.end', end);
    if (typeof start === 'string' && typeof end === 'string' && TIME.test(start) && TIME.test(end) && minutesOf(start) >= minutesOf(end)) {
      problems.push(`${fieldName('workingHours.start')}必须早于${fieldName('workingHours.end')}`);
    }
  }
  if ('escalation' in input && object('escalation', input.escalation, ['afterWorkingDays', 'maxRepeats', 'everyWorkingDays'])) {
    int('escalation.afterWorkingDays', input.escalation.afterWorkingDays, 1, 60, '（工作日）');
    int('escalation.maxRepeats', input.escalation.maxRepeats, 1, 20);
    int('escalation.everyWorkingDays', input.escalation.everyWorkingDays, 1, 20, '（工作日）');
  }
  if ('digestMissedItemDays' in input) int('digestMissedItemDays', input.digestMissedItemDays, 0, 366, '（天）');
  if ('updateUnseen' in input && object('updateUnseen', input.updateUnseen, ['dailyAt', 'weeklyWeekday', 'weeklyAt'])) {
    time('updateUnseen.dailyAt', input.updateUnseen.dailyAt);
    int('updateUnseen.weeklyWeekday', input.updateUnseen.weeklyWeekday, 1, 7, '（1 为周一，7 为周日）');
    time('updateUnseen.weeklyAt', input.updateUnseen.weeklyAt);
  }
  if ('ratePerSecond' in input) int('ratePerSecond', input.ratePerSecond, 1, 10000, '（封/秒）');
  if ('stuckSendingSeconds' in input) int('stuckSendingSeconds', input.stuckSendingSeconds, 10, 86400, '（秒）');
  return problems;
}

/** Stored values over the defaults, key by key; `enabled` is merged kind by kind. */
export function mergeReminderSettings(stored: Partial<Record<string, unknown>>): ReminderSettings {
  const merged = { ...DEFAULT_REMINDER_SETTINGS } as Record<string, unknown>;
  for (const key of SETTING_KEYS) if (stored[key] !== undefined) merged[key] = stored[key];
  merged.enabled = { ...DEFAULT_REMINDER_SETTINGS.enabled, ...(stored.enabled as object | undefined) };
  return merged as unknown as ReminderSettings;
}
