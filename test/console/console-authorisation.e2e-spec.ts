import { Role, ROLES } from '../../src/common/actor';
import { ReminderFixtures } from '../notifications/reminders-support';
import { OrgFixtures, TestUnit } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { PageSession } from './console-session';

type Res = { status: number; headers: Record<string, string>; text: string };

/**
 * Issue 11 item 1: every console action is authorised exactly as its API twin. Each console
 * POST runs as each role on a fresh object, and so does the API call it mirrors; the two must
 * both do it or both refuse it (403), and agree with the roles the README documents. The list
 * of console POST routes is read from the running app, so a new console action without a case
 * here fails the test.
 */
describe('web console: every action authorised as its API twin', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let f: ReminderFixtures;
  let county: TestUnit;
  let dept: TestUnit;
  const sessions = {} as Record<Role, PageSession>;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    // Its own database: the calendar, the catalogue and the reminder settings are changed here.
    t = await createTestApp({ ownDatabase: true });
    org = new OrgFixtures(t);
    f = new ReminderFixtures(t);
    county = await org.unit({ kind: 'government', level: 'county', name: '权限县人民政府' });
    dept = await org.unit({ parent: county, kind: 'department', level: 'county', name: '权限县交通运输局' });
    const users: Record<Role, { username: string; password: string; token: string }> = {
      admin: { ...TEST_ADMIN, token: await t.adminToken() },
      supervisor: await org.user('supervisor', county),
      operator: await org.user('operator', dept),
      inspector: await org.user('inspector', county),
    };
    for (const role of ROLES) {
      sessions[role] = new PageSession(t);
      await sessions[role].login(users[role].username, users[role].password);
      tokens[role] = users[role].token;
    }
  });
  afterAll(async () => t?.close());

  const api = (method: 'post' | 'put' | 'patch' | 'delete', path: string, token: string, body?: object) =>
    t.http()[method](`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body);
  const admin = (method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) => api(method, path, tokens.admin, body);
  const one = async (sql: string, params: unknown[]) => (await t.dataSource.query(sql, params))[0];
  const auditCount = async (action: string, entityId: string) => Number((await one('SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND entity_id = ?', [action, entityId])).n);

  async function finding(source = 'city_check'): Promise<number> {
    const res = await admin('post', '/findings', { unitId: dept.id, category: 'typo', source, description: `错别字 ${t.uid()}`, foundAt: '2022-09-01T10:00:00+08:00' });
    if (res.status !== 201) throw new Error(`finding: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.taskId;
  }
  async function submittedTask(): Promise<number> {
    const id = await finding();
    const res = await admin('post', `/tasks/${id}/submit`, { note: '已整改' });
    if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    return id;
  }
  const taskStatus = async (id: number) => (await one('SELECT status FROM task WHERE id = ?', [id])).status;
  const reminderForm = {
    ...Object.fromEntries(
      ['task_due_soon', 'task_overdue', 'message_due_soon', 'message_overdue', 'task_escalation', 'supervisor_digest', 'update_unseen_daily', 'update_unseen_weekly'].map((k) => [`enabled.${k}`, 'on']),
    ),
    dueSoonWorkingDays: '1',
    remindAt: '09:00',
    workStart: '08:30',
    workEnd: '18:00',
    escAfter: '3',
    escRepeats: '3',
    escEvery: '1',
    digestAt: '09:00',
    dailyAt: '16:00',
    weeklyWeekday: '4',
    weeklyAt: '09:00',
    ratePerSecond: '50',
  };

  interface Case {
    /** The console route, as registered. */
    route: string;
    name: string;
    /** The roles the README gives this action. */
    allowed: Role[];
    prepare: () => Promise<any>;
    console: (s: PageSession, ctx: any) => Promise<Res>;
    api: (token: string, ctx: any) => Promise<Res>;
    /** Whether the action took effect (null: nothing to observe). */
    done: (ctx: any) => Promise<boolean | null>;
  }

  const cases: Case[] = [
    {
      route: '/console/checklists/:id/waive',
      name: 'waive a checklist item',
      allowed: ['admin', 'supervisor'],
      prepare: async () => {
        const channel = await f.channel(dept.id, 'wechat', `载体${t.uid()}`);
        return f.item({ requirement: 'NEW_MEDIA_TWICE_WEEKLY', unitId: dept.id, channelId: channel, start: '2022-09-05', end: '2022-09-11', status: 'missed', observed: 0, required: 2 });
      },
      console: (s, id) => s.post(`/console/checklists/${id}/waive`, { reason: '账号已注销', back: '/console/checklists' }),
      api: (token, id) => api('post', `/checklist-items/${id}/waive`, token, { reason: '账号已注销' }),
      done: async (id) => (await one('SELECT status FROM checklist_item WHERE id = ?', [id])).status === 'waived',
    },
    {
      route: '/console/tasks/:id/submit',
      name: 'submit a task',
      allowed: ['admin', 'supervisor', 'operator'],
      prepare: () => finding(),
      console: (s, id) => s.upload(`/console/tasks/${id}/submit`, { note: '已更正错别字' }),
      api: (token, id) => api('post', `/tasks/${id}/submit`, token, { note: '已更正错别字' }),
      done: async (id) => (await taskStatus(id)) === 'submitted',
    },
    {
      route: '/console/tasks/:id/accept',
      name: 'accept a task',
      allowed: ['admin', 'supervisor'],
      prepare: submittedTask,
      console: (s, id) => s.post(`/console/tasks/${id}/accept`, { comment: '核验通过' }),
      api: (token, id) => api('post', `/tasks/${id}/accept`, token, { comment: '核验通过' }),
      done: async (id) => (await taskStatus(id)) === 'accepted',
    },
    {
      route: '/console/tasks/:id/reject',
      name: 'reject a task',
      allowed: ['admin', 'supervisor'],
      prepare: submittedTask,
      console: (s, id) => s.post(`/console/tasks/${id}/reject`, { reason: '截图不清楚' }),
      api: (token, id) => api('post', `/tasks/${id}/reject`, token, { reason: '截图不清楚' }),
      done: async (id) => (await taskStatus(id)) === 'rejected',
    },
    {
      route: '/console/tasks/:id/cancel',
      name: 'cancel a task',
      allowed: ['admin', 'supervisor'],
      prepare: () => finding(),
      console: (s, id) => s.post(`/console/tasks/${id}/cancel`, { reason: '重复登记' }),
      api: (token, id) => api('post', `/tasks/${id}/cancel`, token, { reason: '重复登记' }),
      done: async (id) => (await taskStatus(id)) === 'cancelled',
    },
    ...(['self_check', 'city_check'] as const).map(
      (source): Case => ({
        route: '/console/findings',
        name: `record a ${source} finding`,
        allowed: source === 'self_check' ? ['admin', 'supervisor', 'operator', 'inspector'] : ['admin', 'supervisor', 'inspector'],
        prepare: async () => `首页错别字 ${t.uid()}`,
        console: (s, description) => s.post('/console/findings', { unitId: String(dept.id), category: 'typo', source, description, foundAt: '2022-09-01T10:00' }),
        api: (token, description) => api('post', '/findings', token, { unitId: dept.id, category: 'typo', source, description, foundAt: '2022-09-01T10:00:00+08:00' }),
        done: async (description) => Number((await one('SELECT COUNT(*) AS n FROM finding WHERE description = ?', [description])).n) === 1,
      }),
    ),
    {
      route: '/console/admin/users',
      name: 'create a user',
      allowed: ['admin', 'supervisor'],
      prepare: async () => `u-${t.uid()}`.toLowerCase(),
      console: (s, username) =>
        s.post('/console/admin/users', { username, password: 'pass-word-123', displayName: '新经办员', email: `${username}@example.gov.cn`, role: 'operator', unitId: String(dept.id) }),
      api: (token, username) =>
        api('post', '/users', token, { username, password: 'pass-word-123', displayName: '新经办员', email: `${username}@example.gov.cn`, role: 'operator', unitId: dept.id }),
      done: async (username) => Boolean(await one('SELECT id FROM app_user WHERE username = ?', [username])),
    },
    {
      route: '/console/admin/users/:id/deactivate',
      name: 'deactivate a user',
      allowed: ['admin', 'supervisor'],
      // A row like the ones the API writes (hashing a password per case would only cost time).
      prepare: async () => {
        const username = `d-${t.uid()}`.toLowerCase();
        const result = await t.dataSource.query(
          "INSERT INTO app_user (username, password_hash, display_name, email, role, unit_id) SELECT ?, password_hash, '待停用', ?, 'operator', ? FROM app_user WHERE username = ?",
          [username, `${username}@example.gov.cn`, dept.id, TEST_ADMIN.username],
        );
        return Number(result.insertId);
      },
      console: (s, id) => s.post(`/console/admin/users/${id}/deactivate`, {}),
      api: (token, id) => api('delete', `/users/${id}`, token),
      done: async (id) => Number((await one('SELECT active FROM app_user WHERE id = ?', [id])).active) === 0,
    },
    ...(['units', 'channels'] as const).map(
      (kind): Case => ({
        route: '/console/admin/imports',
        name: `import ${kind}`,
        allowed: kind === 'units' ? ['admin', 'supervisor'] : ['admin', 'supervisor', 'operator'],
        prepare: async () => {
          const code = t.uid();
          const csv =
            kind === 'units' ? `code,name,kind,level,parent_code\n${code},导入单位${code},department,county,${county.code}\n` : `code,unit_code,kind,name,url\n${code},${dept.code},wechat,导入载体${code},\n`;
          return { code, csv };
        },
        console: (s, { csv }) => s.upload('/console/admin/imports', { kind }, { field: 'file', content: Buffer.from(csv), name: `${kind}.csv` }),
        api: (token, { csv }) => t.http().post(`/api/v1/${kind}/import`).auth(token, { type: 'bearer' }).type('text/csv').send(csv),
        done: async ({ code }) => Boolean(await one(`SELECT id FROM ${kind === 'units' ? 'unit' : 'channel'} WHERE code = ?`, [code])),
      }),
    ),
    {
      route: '/console/admin/calendar/days',
      name: 'correct a calendar day',
      allowed: ['admin'],
      // The day as it is (a holiday of the shipped data): an allowed edit leaves only its audit row.
      prepare: () => auditCount('calendar.update_day', '2019-10-01'),
      console: (s) => s.post('/console/admin/calendar/days', { date: '2019-10-01', kind: 'holiday', name: '国庆节' }),
      api: (token) => api('put', '/calendar/days/2019-10-01', token, { kind: 'holiday', name: '国庆节' }),
      done: async (before) => (await auditCount('calendar.update_day', '2019-10-01')) > before,
    },
    {
      route: '/console/admin/calendar/years',
      name: 'load a year of the calendar',
      allowed: ['admin'],
      prepare: () => auditCount('calendar.load_year', '2031'),
      console: (s) => s.post('/console/admin/calendar/years', { year: '2031', holidays: '2031-01-01 元旦', makeupWorkdays: '' }),
      api: (token) => api('put', '/calendar/years/2031', token, { holidays: [{ date: '2031-01-01', name: '元旦' }], makeupWorkdays: [] }),
      done: async (before) => (await auditCount('calendar.load_year', '2031')) > before,
    },
    {
      route: '/console/admin/requirements/:code',
      name: 'change a requirement',
      allowed: ['admin'],
      prepare: () => auditCount('requirement.update', 'NEW_MEDIA_TWICE_WEEKLY'),
      console: (s) => s.post('/console/admin/requirements/NEW_MEDIA_TWICE_WEEKLY', { enabled: 'true', severity: 'normal', deductionPoints: '0.5', 'param.min': '2' }),
      api: (token) => api('patch', '/requirements/NEW_MEDIA_TWICE_WEEKLY', token, { enabled: true, severity: 'normal', deductionPoints: 0.5, params: { min: 2 } }),
      done: async (before) => (await auditCount('requirement.update', 'NEW_MEDIA_TWICE_WEEKLY')) > before,
    },
    {
      route: '/console/admin/reminders/settings',
      name: 'change the reminder settings',
      allowed: ['admin'],
      prepare: () => auditCount('reminders.update_settings', 'reminders'),
      console: (s) => s.post('/console/admin/reminders/settings', reminderForm),
      api: (token) => api('put', '/reminders/settings', token, { ratePerSecond: 50 }),
      done: async (before) => (await auditCount('reminders.update_settings', 'reminders')) > before,
    },
    {
      route: '/console/admin/reminders/run',
      name: 'plan reminders now',
      allowed: ['admin'],
      prepare: async () => null,
      console: (s) => s.post('/console/admin/reminders/run', {}),
      api: (token) => api('post', '/reminders/run', token, {}),
      done: async () => null,
    },
    {
      route: '/console/messages/:id/reply',
      name: 'record a message reply',
      allowed: ['admin', 'supervisor', 'operator'],
      prepare: async () => {
        const channel = await f.channel(dept.id, 'website', `网站${t.uid()}`);
        const res = await admin('post', '/messages', { channelId: channel, category: 'simple', receivedAt: '2022-09-29T10:00:00+08:00', subject: '咨询' });
        if (res.status !== 201) throw new Error(`message: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.id;
      },
      console: (s, id) => s.post(`/console/messages/${id}/reply`, { repliedAt: '2022-09-30T10:00' }),
      api: (token, id) => api('post', `/messages/${id}/reply`, token, { repliedAt: '2022-09-30T10:00:00+08:00' }),
      done: async (id) => (await one('SELECT replied_at FROM message WHERE id = ?', [id])).replied_at !== null,
    },
  ];

  /**
   * A form action answers 303 back to its page, an import its page with the result; a refusal
   * is the 403 page, as the API answers 403. Anything else (a form sent back with an error)
   * is reported as it is, so it can never pass for either answer.
   */
  function consoleOutcome(res: Res): string {
    if (res.status === 403) return 'refused';
    const location = decodeURIComponent(res.headers.location ?? '');
    if (res.status === 303 && !/[?&]error=/.test(location)) return 'allowed';
    if (res.status === 200 && res.text.includes('新建 1 条')) return 'allowed';
    return `${res.status} ${location || res.text.slice(0, 200)}`;
  }

  function apiOutcome(res: Res & { body?: unknown }): string {
    if (res.status === 403) return 'refused';
    if (res.status >= 200 && res.status < 300) return 'allowed';
    throw new Error(`unexpected API answer ${res.status} ${JSON.stringify(res.body)}`);
  }

  it('has a case for every console POST route (sign-in and sign-out excepted: they act for nobody else)', () => {
    const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    // A controller's route answers one method; the request logger's answer every method.
    const posts = router.stack.filter((l) => l.route && Object.keys(l.route.methods).join() === 'post').map((l) => l.route!.path);
    const consolePosts = posts.filter((p) => p.startsWith('/console'));
    expect(posts.filter((p) => !p.startsWith('/console') && !p.startsWith('/api/')).sort()).toEqual(['/login', '/logout']);
    expect([...new Set(consolePosts)].sort()).toEqual([...new Set(cases.map((c) => c.route))].sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: the console and the API give each role the same answer', async (_name, c) => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const role of ROLES) {
      const viaConsole = await c.prepare();
      const consoleRes = (await c.console(sessions[role], viaConsole)) as unknown as Res;
      const inConsole = consoleOutcome(consoleRes);
      const viaApi = await c.prepare();
      const apiRes = (await c.api(tokens[role], viaApi)) as unknown as Res;
      const inApi = apiOutcome(apiRes);
      answers.push(`${role}: console ${inConsole}, API ${inApi}`);
      expected.push(`${role}: console ${c.allowed.includes(role) ? 'allowed' : 'refused'}, API ${c.allowed.includes(role) ? 'allowed' : 'refused'}`);
      // What the answer says is what happened.
      for (const [ctx, outcome] of [
        [viaConsole, inConsole],
        [viaApi, inApi],
      ] as const) {
        const done = await c.done(ctx);
        if (done !== null) expect(`${role} ${done ? 'done' : 'not done'}`).toBe(`${role} ${outcome === 'allowed' ? 'done' : 'not done'}`);
      }
      if (inConsole === 'refused') expect(consoleRes.text).toContain('您的角色');
    }
    expect(answers).toEqual(expected);
  });

  it('lets an operator open 问题登记 for their own unit, self-check only', async () => {
    const page = await sessions.operator.get('/console/findings/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('问题登记');
    expect([...page.text.matchAll(/<option value="(\w+)">[^<]*<\/option>/g)].map((m) => m[1]).filter((v) => /_check$|automatic/.test(v))).toEqual(['self_check']);
    expect(page.text).toContain(`name="unitId" value="${dept.id}"`);
    expect(page.text).toContain('href="/console/findings/new"');
  });
});
