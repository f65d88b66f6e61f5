import { DEFAULT_REMINDER_SETTINGS, mergeReminderSettings, validateReminderSettings } from './reminder-settings';

describe('reminder settings', () => {
  it('accepts the defaults as an update', () => {
    expect(validateReminderSettings({ ...DEFAULT_REMINDER_SETTINGS })).toEqual([]);
  });

  it.each([
    [{ remindAt: '9:00' }, '提醒时间（remindAt）必须是 HH:MM 格式的时间，如 09:00'],
    [{ workingHours: { start: '18:00', end: '08:30' } }, '发信时段开始（workingHours.start）必须早于发信时段结束（workingHours.end）'],
    [{ workingHours: { start: '08:30' } }, '发信时段结束（workingHours.end）为必填项'],
    [{ escalation: { afterWorkingDays: 0, maxRepeats: 3, everyWorkingDays: 1 } }, '逾期多少个工作日后上报（escalation.afterWorkingDays）必须是 1 到 60 的整数（工作日）'],
    [{ enabled: { task_due_soon: 'yes' } }, 'enabled.task_due_soon 必须是 true 或 false'],
    [{ enabled: { fax: true } }, 'enabled.fax: 提醒类型必须是以下之一'],
    [{ ratePerSecond: 0 }, '每秒发信上限（ratePerSecond）必须是 1 到 10000 的整数（封/秒）'],
    [{ stuckSendingSeconds: 1 }, '发送卡住判定秒数（stuckSendingSeconds）必须是 10 到 86400 的整数（秒）'],
    [{ updateUnseen: { dailyAt: '16:00', weeklyWeekday: 8, weeklyAt: '09:00' } }, '每周提醒星期（updateUnseen.weeklyWeekday）必须是 1 到 7 的整数'],
    [{ color: 'red' }, 'color 是未知字段'],
  ])('names the field and what it expects (%#)', (input, message) => {
    expect(validateReminderSettings(input as Record<string, unknown>).join('; ')).toContain(message);
  });

  it('merges stored values over the defaults, kinds one by one', () => {
    const merged = mergeReminderSettings({ enabled: { supervisor_digest: false }, ratePerSecond: 5 });
    expect(merged.enabled.supervisor_digest).toBe(false);
    expect(merged.enabled.task_due_soon).toBe(true);
    expect(merged.ratePerSecond).toBe(5);
    expect(merged.workingHours).toEqual({ start: '08:30', end: '18:00' });
  });
});
