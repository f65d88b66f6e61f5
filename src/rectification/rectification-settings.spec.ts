import { DEFAULT_SETTINGS, findingDefaultsFor, findingDueDays, checklistDueDays, mergeSettings, validateSettings } from './rectification-settings';

describe('rectification settings', () => {
  it('defaults to 5 working days for findings and 3 for checklist tasks (DESIGN.md)', () => {
    const s = mergeSettings({});
    expect(findingDueDays(s, 'city_check', 'typo')).toBe(5);
    expect(checklistDueDays(s, 'not_updated')).toBe(3);
    expect(findingDefaultsFor(s, 'national_check', 'typo')).toEqual({ severity: 'serious', deductionPoints: 1 });
    expect(findingDefaultsFor(s, 'self_check', 'typo')).toEqual({ severity: 'general', deductionPoints: 0 });
  });

  it('lets a category override a source, and a source override the base', () => {
    const s = mergeSettings({ dueWorkingDays: { finding: 5, checklist: 3, findingBySource: { national_check: 3 }, byCategory: { typo: 2 } } });
    expect(findingDueDays(s, 'national_check', 'typo')).toBe(2);
    expect(findingDueDays(s, 'national_check', 'other')).toBe(3);
    expect(findingDueDays(s, 'city_check', 'other')).toBe(5);
    expect(checklistDueDays(s, 'typo')).toBe(2);
  });

  it('accepts the defaults and reports each bad field in Chinese', () => {
    expect(validateSettings(DEFAULT_SETTINGS as never)).toEqual([]);
    const problems = validateSettings({
      dueWorkingDays: { finding: 0, checklist: 3, findingBySource: { nowhere: 2 }, extra: 1 },
      findingDefaults: { severity: 'fatal', deductionPoints: -1, bySource: { national_check: { deductionPoints: 1.234 } } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'dueWorkingDays.extra 是未知字段',
        'dueWorkingDays.finding 必须是 1 到 365 的整数（工作日）',
        expect.stringContaining('dueWorkingDays.findingBySource.nowhere'),
        'findingDefaults.severity 必须是以下之一：general, serious, veto',
        expect.stringContaining('findingDefaults.deductionPoints'),
        expect.stringContaining('findingDefaults.bySource.national_check.deductionPoints'),
      ]),
    );
  });
});
