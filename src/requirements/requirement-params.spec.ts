import { BUILT_IN_REQUIREMENTS } from './built-in-requirements';
import { mergeParams } from './requirement-params';

const paramsOf = (code: string) => BUILT_IN_REQUIREMENTS.find((r) => r.code === code)!;

describe('mergeParams', () => {
  it.each([
    ['WEBSITE_DAILY_UPDATE', { min: 2 }, { period: 'day', min: 2, finalizeAfterDays: 2 }],
    ['NEW_MEDIA_SILENT_14_DAYS', { windowDays: 90 }, { period: 'day', windowDays: 90, min: 1, finalizeAfterDays: 2 }],
    ['MESSAGE_SIMPLE_3_DAYS', { count: 'working', days: 60 }, { days: 60, count: 'working', finalizeAfterDays: 0 }],
    ['HOLIDAY_DUTY_ROSTER', { finalizeAfterDays: 30 }, { finalizeAfterDays: 30 }],
  ])('%s accepts %j', (code, change, expected) => {
    const r = paramsOf(code);
    expect(mergeParams(r.kind, r.params, change)).toEqual({ params: expected, problems: [] });
  });

  it.each([
    ['WEBSITE_DAILY_UPDATE', { min: 0 }, 'params.min 必须是 1 到 1000 的整数'],
    ['WEBSITE_DAILY_UPDATE', { min: 1.5 }, 'params.min'],
    ['WEBSITE_DAILY_UPDATE', { period: 'week' }, 'params.period 不能修改'],
    ['WEBSITE_DAILY_UPDATE', { windowDays: 3 }, 'params.windowDays 是未知字段'],
    ['NEW_MEDIA_SILENT_14_DAYS', { windowDays: 91 }, 'params.windowDays 必须是 1 到 90 的整数'],
    ['MESSAGE_GENERAL_5_WORKDAYS', { days: 61 }, 'params.days 必须是 1 到 60 的整数'],
    ['MESSAGE_GENERAL_5_WORKDAYS', { count: 'weekly' }, 'params.count 必须是以下之一：working, calendar'],
    ['POLICY_INTERPRETATION_LINKED', { finalizeAfterDays: 31 }, 'params.finalizeAfterDays 必须是 0 到 30 的整数'],
    ['POLICY_INTERPRETATION_LINKED', { days: '3' }, 'params.days'],
  ])('%s refuses %j naming the field', (code, change, message) => {
    const r = paramsOf(code);
    const result = mergeParams(r.kind, r.params, change);
    expect(result.params).toBeUndefined();
    expect(result.problems.join(' ')).toContain(message);
  });

  it('refuses a non-object', () => {
    expect(mergeParams('attestation', { finalizeAfterDays: 0 }, [1]).problems).toEqual(['params 必须是对象']);
  });
});
