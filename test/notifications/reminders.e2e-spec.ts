import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { FixedClock } from '../../src/common/clock';
import { QueueName } from '../../src/queue/queues';
import { PageSession } from '../console/console-session';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { testQueuePrefix } from '../support/test-env';
import { waitFor } from '../support/wait';
import { at, ReminderFixtures, runReminders } from './reminders-support';
import { SmtpSink, startSmtpSink } from './smtp-sink';

const PUBLIC_URL = 'https://duban.example.gov.cn';

describe('reminders: planning, the outbox and delivery over SMTP', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let org: OrgFixtures;
  let f: ReminderFixtures;
  const clock = new FixedClock(at('2022-09-01 10:00'));
  const run = (asOf: string) => runReminders(t, clock, asOf);
  const admin = async () => ({ type: 'bearer' as const, token: await t.adminToken() });
  /** Nothing waiting or being sent: after this, no email can still arrive from jobs already queued. */
  const queueIdle = async () => {
    const counts = await t.app.get<Queue>(getQueueToken(QueueName.Notifications)).getJobCounts('waiting', 'active', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  };
  const settled = (status: string) => status !== 'pending' && status !== 'sending';

  beforeAll(async () => {
    sink = await startSmtpSink({ refuse: (address) => address.startsWith('refuse-') });
    t = await createTestApp({
      clock,
      ownDatabase: true,
      env: { SMTP_URL: sink.url, PUBLIC_URL, QUEUE_PREFIX: `${testQueuePrefix()}-reminders`, MAIL_SEND_ATTEMPTS: '3', MAIL_RETRY_DELAY_MS: '100' },
    });
    org = new OrgFixtures(t);
    f = new ReminderFixtures(t);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('reminds a task due on a make-up Saturday on the working day before the holiday, once, to operators and contacts', async () => {
    const contact = `contact-${t.uid().toLowerCase()}@example.gov.cn`;
    const unit = await org.unit({ name: '甲县交通运输局', kind: 'department', contactEmails: [contact] });
    const operator = await org.user('operator', unit);
    const operatorEmail = `${operator.username}@example.gov.cn`;
    // Due day 2022-10-08, a make-up working Saturday right after the National Day holiday.
    const taskId = await f.task(unit.id, '2022-10-08', { title: '首页栏目<更新>不及时' });

    await run('2022-09-29 09:00');
    await run('2022-09-30 08:59');
    expect(await f.rows('subject_type = ? AND subject_id = ?', ['task', taskId])).toHaveLength(0);

    const first = await run('2022-09-30 09:00');
    expect(first.byKind.task_due_soon).toBeGreaterThanOrEqual(2);
    await sink.waitFor(() => sink.to(operatorEmail).length === 1 && sink.to(contact).length === 1);
    const mail = sink.to(operatorEmail)[0];
    const [row] = await f.rows('subject_type = ? AND subject_id = ? AND recipient_email = ?', ['task', taskId, operatorEmail]);
    expect(mail.messageId).toBe(`<notification-${row.id}@duban.example.gov.cn>`);
    expect(mail.subject).toBe('【督办提醒】整改任务即将到期：首页栏目<更新>不及时（甲县交通运输局）');
    expect(mail.text).toContain('整改期限：2022年10月8日 24:00（即 2022-10-09 00:00）');
    expect(mail.text).toContain(`${PUBLIC_URL}/console/tasks/${taskId}`);
    expect(mail.html).toContain('首页栏目&lt;更新&gt;不及时');

    // Planning again, and again later the same day, plans nothing new and sends nothing more.
    expect((await run('2022-09-30 09:00')).planned).toBe(0);
    await run('2022-09-30 11:00');
    await waitFor(async () => (await f.rows('subject_type = ? AND subject_id = ?', ['task', taskId])).every((r) => settled(r.status)) && (await queueIdle()), 10_000, 'the task’s emails settled');
    expect(sink.to(operatorEmail)).toHaveLength(1);
    expect(sink.to(contact)).toHaveLength(1);
    const [sent] = await f.rows('id = ?', [row.id]);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, message_id: mail.messageId });
  });

  it('sends overdue at 09:00 on the first working day after the due time, then escalates to the nearest supervisors, at most 3 times', async () => {
    const city = await org.unit({ name: '测试市人民政府', level: 'city' });
    const cityBoss = await org.user('supervisor', city);
    const county = await org.unit({ parent: city, name: '甲县人民政府' });
    const countyBoss = await org.user('supervisor', county);
    const dept = await org.unit({ parent: county, name: '甲县交通运输局', kind: 'department' });
    const operator = await org.user('operator', dept);
    const email = (u: { username: string }) => `${u.username}@example.gov.cn`;
    const taskId = await f.task(dept.id, '2022-10-11', { title: '政务公开专区内容缺失' });

    await run('2022-10-12 08:59');
    expect(await f.rows("kind = 'task_overdue' AND subject_id = ?", [taskId])).toHaveLength(0);
    await run('2022-10-12 09:00');
    await sink.waitFor(() => sink.to(email(operator)).length === 1);
    expect(sink.to(email(operator))[0].text).toContain('已逾期：1 个工作日');

    await run('2022-10-13 09:00');
    await run('2022-10-14 08:59');
    expect(await f.rows("kind = 'task_escalation' AND subject_id = ?", [taskId])).toHaveLength(0);
    for (const day of ['2022-10-14', '2022-10-15', '2022-10-17', '2022-10-18', '2022-10-19', '2022-10-20']) await run(`${day} 09:30`);
    const escalations = await f.rows("kind = 'task_escalation' AND subject_id = ?", [taskId]);
    // The county (nearest ancestor with a supervisor) hears of it, not the city above it.
    expect(escalations.map((r) => r.recipient_email)).toEqual([email(countyBoss), email(countyBoss), email(countyBoss)]);
    await sink.waitFor(() => sink.to(email(countyBoss)).filter((m) => m.subject.startsWith('【督办升级】')).length === 3);
    const subjects = sink.to(email(countyBoss)).filter((m) => m.subject.startsWith('【督办升级】')).map((m) => m.subject);
    expect(subjects).toEqual([
      '【督办升级】甲县交通运输局 整改任务逾期 3 个工作日：政务公开专区内容缺失（第 1 次）',
      '【督办升级】甲县交通运输局 整改任务逾期 4 个工作日：政务公开专区内容缺失（第 2 次）',
      '【督办升级】甲县交通运输局 整改任务逾期 5 个工作日：政务公开专区内容缺失（第 3 次）',
    ]);
    expect(sink.to(email(cityBoss)).filter((m) => m.subject.startsWith('【督办升级】'))).toHaveLength(0);
  });

  it('sends each supervisor one digest a working day listing every overdue item in scope, grouped by unit, oldest first', async () => {
    const city = await org.unit({ name: '乙市人民政府', level: 'city' });
    const bossA = await org.user('supervisor', city);
    const bossB = await org.user('supervisor', city);
    const county = await org.unit({ parent: city, name: '乙市丙县人民政府' });
    const countyBoss = await org.user('supervisor', county);
    const dept = await org.unit({ parent: city, name: '乙市教育局', kind: 'department', level: 'city' });
    const channel = await f.channel(dept.id, 'wechat', '乙市教育');
    const old = await f.task(county.id, '2022-11-01', { title: '丙县旧任务' });
    const newer = await f.task(county.id, '2022-11-08', { title: '丙县新任务' });
    const deptTask = await f.task(dept.id, '2022-11-04', { title: '教育局任务' });
    await f.task(dept.id, '2022-11-20', { title: '未到期任务' });
    await f.task(dept.id, '2022-11-02', { title: '已提交任务', status: 'submitted' });
    await f.item({ requirement: 'NEW_MEDIA_TWICE_WEEKLY', unitId: dept.id, channelId: channel, start: '2022-11-07', end: '2022-11-13', status: 'missed', final: true, observed: 1, required: 2 });

    await run('2022-11-15 08:59');
    await run('2022-11-15 09:00');
    await run('2022-11-15 10:00');
    const email = (u: { username: string }) => `${u.username}@example.gov.cn`;
    await sink.waitFor(() => [bossA, bossB, countyBoss].every((b) => sink.to(email(b)).some((m) => m.subject.startsWith('【督办日报】'))));
    const digestRows = () => f.rows("kind = 'supervisor_digest' AND recipient_user_id IN (?, ?, ?)", [bossA.id, bossB.id, countyBoss.id]);
    await waitFor(async () => (await digestRows()).every((r) => settled(r.status)) && (await queueIdle()), 10_000, 'the digests settled');
    for (const boss of [bossA, bossB]) {
      const digests = sink.to(email(boss)).filter((m) => m.subject.startsWith('【督办日报】'));
      expect(digests).toHaveLength(1);
      expect(digests[0].subject).toBe('【督办日报】2022年11月15日 乙市人民政府 逾期事项 4 项');
      const text = digests[0].text;
      // Grouped by unit, the group with the oldest item first; inside, oldest first.
      const order = ['乙市丙县人民政府（2 项）', '丙县旧任务', '丙县新任务', '乙市教育局（2 项）', '教育局任务', '每周更新不少于2次'];
      const positions = order.map((s) => text.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text).not.toContain('未到期任务');
      expect(text).not.toContain('已提交任务');
      expect(text).toContain(`${PUBLIC_URL}/console/tasks/${old}`);
    }
    const countyDigests = sink.to(email(countyBoss)).filter((m) => m.subject.startsWith('【督办日报】'));
    expect(countyDigests).toHaveLength(1);
    expect(countyDigests[0].text).toContain('丙县新任务');
    expect(countyDigests[0].text).not.toContain('教育局任务');
    expect(newer && deptTask).toBeTruthy();
  });

  it('reminds a message before its due day and not after it was answered', async () => {
    const unit = await org.unit({ name: '丁县人民政府' });
    const operator = await org.user('operator', unit);
    const channel = await f.channel(unit.id, 'website', '丁县政府网');
    // A general message of 2022-09-29 10:00 is due 2022-10-11 24:00 (DESIGN.md "Time").
    const messageId = await f.message(channel, unit.id, '2022-09-29 10:00', '2022-10-11', '咨询办事指南');
    const emailOf = `${operator.username}@example.gov.cn`;

    await run('2022-10-09 09:00'); // a make-up Sunday, but not yet the working day before 10-11
    expect(await f.rows("kind = 'message_due_soon' AND subject_id = ?", [messageId])).toHaveLength(0);
    await run('2022-10-10 09:00');
    await sink.waitFor(() => sink.to(emailOf).length === 1);
    expect(sink.to(emailOf)[0].subject).toBe('【督办提醒】网民留言即将到期未回复：咨询办事指南（丁县人民政府）');
    expect(sink.to(emailOf)[0].text).toContain('回复期限：2022年10月11日 24:00（即 2022-10-12 00:00）');

    await t.dataSource.query('UPDATE message SET replied_at = ? WHERE id = ?', [at('2022-10-11 15:00'), messageId]);
    await run('2022-10-12 09:00');
    expect(await f.rows("kind = 'message_overdue' AND subject_id = ?", [messageId])).toHaveLength(0);
  });

  it('skips a reminder whose reason went away between planning and sending', async () => {
    const unit = await org.unit({ name: '戊县人民政府' });
    const operator = await org.user('operator', unit);
    const taskId = await f.task(unit.id, '2022-12-06');
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Notifications));
    await queue.pause();
    try {
      await run('2022-12-07 09:00');
      const [row] = await f.rows("kind = 'task_overdue' AND subject_id = ?", [taskId]);
      expect(row.status).toBe('pending');
      await t.dataSource.query("UPDATE task SET status = 'submitted' WHERE id = ?", [taskId]);
    } finally {
      await queue.resume();
    }
    let row: any;
    // Wait for a settled status: the worker passes through 'sending' before it decides to skip.
    await waitFor(async () => settled((row = (await f.rows("kind = 'task_overdue' AND subject_id = ?", [taskId]))[0]).status), 10_000, 'the reminder settled');
    expect(row.status).toBe('skipped');
    expect(sink.to(`${operator.username}@example.gov.cn`)).toHaveLength(0);
  });

  it('holds mail planned on a rest day until the next working morning, except what is due today', async () => {
    const unit = await org.unit({ name: '己县人民政府' });
    const operator = await org.user('operator', unit);
    const late = await f.task(unit.id, '2022-09-29');
    await run('2022-10-03 10:00'); // National Day holiday
    const [held] = await f.rows("kind = 'task_overdue' AND subject_id = ?", [late]);
    expect(held.status).toBe('pending');
    expect(new Date(held.not_before).toISOString()).toBe(at('2022-10-08 08:30').toISOString());

    const today = await f.task(unit.id, '2022-09-30', { title: '今日到期任务' });
    await run('2022-09-30 20:00'); // a working day, after hours; the task is due at 24:00 tonight
    await sink.waitFor(() => sink.to(`${operator.username}@example.gov.cn`).some((m) => m.subject.includes('今日到期任务')));
    expect(sink.to(`${operator.username}@example.gov.cn`).find((m) => m.subject.includes('今日到期任务'))!.text).toContain('今天是期限的最后一天');
    expect(today).toBeGreaterThan(0);
    expect((await f.rows('id = ?', [held.id]))[0].status).toBe('pending');
  });

  it('tells operators at 16:00 about today’s pending daily items and on Thursday about weekly ones below their minimum', async () => {
    const contact = `contact-${t.uid().toLowerCase()}@example.gov.cn`;
    const unit = await org.unit({ name: '庚县人民政府', contactEmails: [contact] });
    const operator = await org.user('operator', unit);
    const email = `${operator.username}@example.gov.cn`;
    const site = await f.channel(unit.id, 'website', '庚县政府网');
    const wechat = await f.channel(unit.id, 'wechat', '庚县发布');
    const daily = await f.item({ requirement: 'WEBSITE_DAILY_UPDATE', unitId: unit.id, channelId: site, start: '2022-09-29', end: '2022-09-29' });
    const weekly = await f.item({ requirement: 'NEW_MEDIA_TWICE_WEEKLY', unitId: unit.id, channelId: wechat, start: '2022-09-26', end: '2022-10-02', observed: 1, required: 2 });

    await run('2022-09-28 16:30');
    await run('2022-09-29 08:59');
    expect(await f.rows("subject_type = 'item' AND subject_id IN (?, ?)", [daily, weekly])).toHaveLength(0);
    await run('2022-09-29 09:00');
    await run('2022-09-29 15:59');
    expect((await f.rows("subject_type = 'item' AND subject_id IN (?, ?)", [daily, weekly])).map((r) => r.kind)).toEqual(['update_unseen_weekly']);
    await run('2022-09-29 16:00');
    await sink.waitFor(() => sink.to(email).length === 2);
    const subjects = sink.to(email).map((m) => m.subject).sort();
    expect(subjects).toEqual(['【督办提醒】今日尚未发现更新：庚县政府网(网站)（庚县人民政府）', '【督办提醒】本周更新次数不足：庚县发布(微信公众号)（庚县人民政府）']);
    expect(sink.to(email).find((m) => m.subject.includes('本周'))!.text).toContain('本周（2022年9月26日 至 2022年10月2日）已发现更新 1 次，低于要求的 2 次');
    expect(sink.to(contact)).toHaveLength(0);
  });

  it('retries a refused recipient with back-off, then marks it failed; an invalid address is recorded, not retried', async () => {
    const unit = await org.unit({ name: '辛县人民政府' });
    const refused = await org.user('operator', unit, { email: `refuse-${t.uid().toLowerCase()}@example.gov.cn` });
    await t.dataSource.query("UPDATE unit SET contact_emails = JSON_ARRAY('not-an-address@@example') WHERE id = ?", [unit.id]);
    const taskId = await f.task(unit.id, '2022-12-12');
    await run('2022-12-13 09:00');
    let rows: any[] = [];
    await waitFor(
      async () => (rows = await f.rows("kind = 'task_overdue' AND subject_id = ?", [taskId])).length === 2 && rows.every((r) => settled(r.status)),
      15_000,
      'both reminders settled',
    );
    const failed = rows.find((r) => r.recipient_user_id === refused.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.last_error).toContain('550');
    expect(sink.refusals.get(failed.recipient_email)).toBe(3);
    const invalid = rows.find((r) => r.recipient_email === 'not-an-address@@example');
    expect(invalid).toMatchObject({ status: 'invalid_recipient', attempts: 1 });

    const list = await t.http().get('/api/v1/notifications').query({ status: 'failed', kind: 'task_overdue', pageSize: 500 }).auth((await admin()).token, { type: 'bearer' });
    expect(list.status).toBe(200);
    expect(list.body.items.find((n: any) => n.id === Number(failed.id))).toMatchObject({ status: 'failed', attempts: 3, recipientEmail: failed.recipient_email });
    expect(list.body.items.every((n: any) => n.status === 'failed' && n.kind === 'task_overdue')).toBe(true);
  });

  it('lets an admin read and change the settings, validated and audited; others get 403', async () => {
    const token = await t.adminToken();
    const current = await t.http().get('/api/v1/reminders/settings').auth(token, { type: 'bearer' });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ remindAt: '09:00', workingHours: { start: '08:30', end: '18:00' }, escalation: { afterWorkingDays: 3, maxRepeats: 3 } });

    const bad = await t.http().put('/api/v1/reminders/settings').auth(token, { type: 'bearer' }).send({ digestAt: '25:00', ratePerSecond: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['汇总邮件时间（digestAt）必须是 HH:MM 格式的时间，如 09:00', '每秒发信上限（ratePerSecond）必须是 1 到 10000 的整数（封/秒）']));

    const ok = await t.http().put('/api/v1/reminders/settings').auth(token, { type: 'bearer' }).send({ ratePerSecond: 80 });
    expect(ok.status).toBe(200);
    expect(ok.body.ratePerSecond).toBe(80);
    const [audit] = await t.dataSource.query("SELECT * FROM audit_log WHERE action = 'reminders.update_settings' ORDER BY id DESC LIMIT 1");
    expect(audit.entity_id).toBe('reminders');
    expect(typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after).toEqual({ ratePerSecond: 80 });
    await t.http().put('/api/v1/reminders/settings').auth(token, { type: 'bearer' }).send({ ratePerSecond: 50 });

    const unit = await org.unit({});
    const supervisor = await org.user('supervisor', unit);
    expect((await t.http().put('/api/v1/reminders/settings').auth(supervisor.token, { type: 'bearer' }).send({ ratePerSecond: 5 })).status).toBe(403);
    expect((await t.http().post('/api/v1/reminders/run').auth(supervisor.token, { type: 'bearer' }).send({})).status).toBe(403);
    expect((await t.http().get('/api/v1/notifications').auth(supervisor.token, { type: 'bearer' })).status).toBe(403);
  });

  it('sends a weekly reminder planned on Sunday evening at once, and none planned on Saturday, when it could only leave after the week', async () => {
    const unit = await org.unit({ name: '壬县人民政府' });
    const operator = await org.user('operator', unit);
    const email = `${operator.username}@example.gov.cn`;
    const wechat = await f.channel(unit.id, 'wechat', '壬县发布');
    const weekly = await f.item({ requirement: 'NEW_MEDIA_TWICE_WEEKLY', unitId: unit.id, channelId: wechat, start: '2022-11-07', end: '2022-11-13', observed: 0, required: 2 });

    // Saturday: the next working morning is Monday 08:30, after the week ended on Sunday 24:00.
    await run('2022-11-12 10:00');
    expect(await f.rows("kind = 'update_unseen_weekly' AND subject_id = ?", [weekly])).toHaveLength(0);
    // Sunday evening: the week ends today, so the reminder goes now.
    await run('2022-11-13 20:00');
    const [row] = await f.rows("kind = 'update_unseen_weekly' AND subject_id = ?", [weekly]);
    expect(new Date(row.not_before).toISOString()).toBe(at('2022-11-13 20:00').toISOString());
    await sink.waitFor(() => sink.to(email).length === 1);
    expect(sink.to(email)[0].subject).toBe('【督办提醒】本周更新次数不足：壬县发布(微信公众号)（壬县人民政府）');
    await waitFor(async () => (await f.rows('id = ?', [row.id]))[0].status === 'sent', 5000, 'the weekly reminder marked sent');
  });

  it('does not plan a due-soon reminder that could only leave after its deadline, and sends it at once on the due day', async () => {
    const unit = await org.unit({ name: '癸县人民政府' });
    const operator = await org.user('operator', unit);
    const email = `${operator.username}@example.gov.cn`;
    // Due at 24:00 on Saturday 2022-11-12; the planner first runs after hours on Friday.
    const taskId = await f.task(unit.id, '2022-11-12', { title: '周六到期的任务' });
    await run('2022-11-11 19:00');
    expect(await f.rows("kind = 'task_due_soon' AND subject_id = ?", [taskId])).toHaveLength(0);
    await run('2022-11-12 10:00');
    const [row] = await f.rows("kind = 'task_due_soon' AND subject_id = ?", [taskId]);
    expect(new Date(row.not_before).toISOString()).toBe(at('2022-11-12 10:00').toISOString());
    await sink.waitFor(() => sink.to(email).some((m) => m.subject.includes('周六到期的任务')));
    expect(sink.to(email).find((m) => m.subject.includes('周六到期的任务'))!.text).toContain('今天是期限的最后一天');
  });

  it('shows in the outbox when each email will go and its status in Chinese, in the API and the console', async () => {
    const unit = await org.unit({ name: '子县人民政府' });
    await org.user('operator', unit);
    const taskId = await f.task(unit.id, '2022-09-28', { title: '节日期间计划的提醒' });
    await run('2022-10-04 10:00'); // National Day holiday: held until 2022-10-08 08:30
    const [held] = await f.rows("kind = 'task_overdue' AND subject_id = ?", [taskId]);
    const token = (await admin()).token;

    const one = await t.http().get(`/api/v1/notifications/${held.id}`).auth(token, { type: 'bearer' });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ status: 'pending', statusLabel: '待发送', notBefore: at('2022-10-08 08:30').toISOString() });
    const list = await t.http().get('/api/v1/notifications').query({ status: 'pending', kind: 'task_overdue', pageSize: 500 }).auth(token, { type: 'bearer' });
    expect(list.body.items.find((n: any) => n.id === Number(held.id))).toMatchObject({ statusLabel: '待发送', notBefore: at('2022-10-08 08:30').toISOString() });

    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const page = await s.get('/console/admin/reminders?status=pending&kind=task_overdue');
    expect(page.status).toBe(200);
    const rowHtml = page.text.split('<tr>').find((tr) => tr.includes('节日期间计划的提醒'))!;
    expect(rowHtml).toContain('data-label="最早发送时间">2022年10月8日 08:30<');
    expect(rowHtml).toContain('>待发送</span>');
    expect(page.text).not.toMatch(/>pending</);
  });
});
