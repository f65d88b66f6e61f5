import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION_LABELS } from '../audit/audit-labels';
import { AuditEntryInput, AuditFormatter, unitIdsOf } from './audit-view';

const at = new Date('2026-11-02T01:00:00Z');
const entry = (fields: Partial<AuditEntryInput>): AuditEntryInput => ({
  id: 1,
  actorId: 1,
  actorUsername: 'admin',
  action: 'user.update',
  entityType: 'user',
  entityId: '5',
  before: null,
  after: null,
  at,
  ...fields,
});
const formatter = new AuditFormatter((v) => `本地 ${v.slice(0, 10)}`, new Map([[2, '赣州市']]), { NEW_MEDIA_TWICE_WEEKLY: '政务新媒体每周更新不少于2次' });

describe('the audit log as people read it', () => {
  it('shows a change as the fields that changed, old and new, in Chinese', () => {
    const user = { id: 5, username: 'op', displayName: '张三', email: 'a@x.cn', role: 'operator', unitId: 2, active: true, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
    const view = formatter.describe(entry({ action: 'user.deactivate', before: user, after: { ...user, active: false, updatedAt: '2026-11-02T00:00:00.000Z' } }));
    expect(view).toMatchObject({ actor: 'admin', action: '停用用户', object: '用户 op（#5）' });
    expect(view.changes).toEqual([{ field: '启用', before: '是', after: '否' }]);
  });

  it('lists what was created with readable values: roles, unit names, instants, empty values', () => {
    const view = formatter.describe(
      entry({
        action: 'user.create',
        after: { id: 5, username: 'op', role: 'supervisor', unitId: 2, email: '', foundAt: '2026-11-01T02:00:00.000Z', createdAt: 'x' },
      }),
    );
    expect(view.changes).toEqual([
      { field: '用户名', after: 'op' },
      { field: '角色', after: '监督员' },
      { field: '单位', after: '赣州市' },
      { field: '邮箱', after: '（空）' },
      { field: '发现时间', after: '本地 2026-11-01' },
    ]);
  });

  it('names the system for changes nobody signed in made, and the kinds of each entity', () => {
    const view = formatter.describe(entry({ actorId: null, actorUsername: 'system', action: 'unit.update', entityType: 'unit', entityId: '9', before: { kind: 'other', level: 'city' }, after: { kind: 'department', level: 'county' } }));
    expect(view.actor).toBe('系统');
    expect(view.changes).toEqual([
      { field: '类型', before: '其他', after: '部门' },
      { field: '层级', before: '市级', after: '县级' },
    ]);
  });

  it('compares settings on the keys that were set, nested keys by their path', () => {
    const before = { enabled: { task_due_soon: true, task_overdue: true }, escalation: { afterWorkingDays: 3, maxRepeats: 3 }, remindAt: '09:00' };
    const view = formatter.describe(
      entry({ action: 'reminders.update_settings', entityType: 'notification_setting', entityId: 'reminders', before, after: { enabled: { task_due_soon: false, task_overdue: true }, escalation: { afterWorkingDays: 5, maxRepeats: 3 } } }),
    );
    expect(view.object).toBe('提醒设置');
    expect(view.changes).toEqual([
      { field: '启用 · 整改即将到期', before: '是', after: '否' },
      { field: '逾期升级 · 逾期工作日数', before: '3', after: '5' },
    ]);
  });

  it('shows a calendar day by its date, and a requirement parameter by its meaning', () => {
    const day = formatter.describe(entry({ action: 'calendar.update_day', entityType: 'calendar_day', entityId: '2027-10-08', before: { kind: 'weekend' }, after: { date: '2027-10-08', kind: 'makeup_workday', name: null } }));
    expect(day).toMatchObject({ action: '修改工作日历', object: '工作日历 2027-10-08' });
    expect(day.changes).toEqual([{ field: '类型', before: '周末', after: '调休上班' }]);
    const requirement = formatter.describe(
      entry({ action: 'requirement.update', entityType: 'requirement', entityId: 'NEW_MEDIA_TWICE_WEEKLY', before: { params: { period: 'week', min: 2 } }, after: { params: { period: 'week', min: 3 } } }),
    );
    expect(requirement.changes).toEqual([{ field: '参数 · 最少次数', before: '2', after: '3' }]);
  });

  it('shortens long lists and joins the fields of listed records', () => {
    const holidays = Array.from({ length: 12 }, (_, i) => ({ date: `2027-10-${String(i + 1).padStart(2, '0')}`, name: '国庆节' }));
    const view = formatter.describe(entry({ action: 'calendar.load_year', entityType: 'calendar_year', entityId: '2027', after: { holidays, makeupWorkdays: [] } }));
    expect(view.changes[0].field).toBe('法定节假日');
    expect(view.changes[0].after).toMatch(/^2027-10-01 国庆节、2027-10-02 国庆节、.*2027-10-10 国庆节 等 12 项$/);
    expect(view.changes[1]).toEqual({ field: '调休上班日', after: '（空）' });
  });

  it('names every action the modules record', () => {
    for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) expect(formatter.describe(entry({ action: code })).action).toBe(label);
    expect(formatter.describe(entry({ action: 'something.new' })).action).toBe('something.new');
  });

  it('has a label for every action code the modules record (a new code without one fails here)', () => {
    const codes = new Set<string>();
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
    for (const file of walk(join(__dirname, '..')).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      for (const line of readFileSync(file, 'utf8').split('\n')) if (/\baction\b/.test(line)) for (const m of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(15);
    expect([...codes].filter((c) => !AUDIT_ACTION_LABELS[c])).toEqual([]);
  });

  it('collects the unit ids a page needs names for', () => {
    expect(unitIdsOf([entry({ after: { unitId: 2, parentId: 7 } }), entry({ entityType: 'disclosure_stat', entityId: '11/2022-07' })]).sort()).toEqual([11, 2, 7]);
  });
});
