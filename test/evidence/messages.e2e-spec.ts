import { FixedClock } from '../../src/common/clock';
import { OrgFixtures, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { as, createChannel, TestChannel } from './evidence-fixtures';

describe('messages (网民留言)', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let opA: TestUser;
  let opB: TestUser;
  let supA: TestUser;
  let inspector: TestUser;
  let wxA: TestChannel;
  let wxB: TestChannel;
  const clock = new FixedClock(new Date('2022-10-10T04:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const org = new OrgFixtures(t);
    city = await org.city();
    opA = await org.user('operator', city.deptA);
    opB = await org.user('operator', city.deptB);
    supA = await org.user('supervisor', city.countyA);
    inspector = await org.user('inspector', city.city);
    wxA = await createChannel(t, city.deptA);
    wxB = await createChannel(t, city.deptB);
  });
  afterAll(async () => t?.close());

  it('computes the worked examples of DESIGN.md: general → 2022-10-12 00:00, simple → 2022-10-09 00:00 local', async () => {
    const general = await as(t, opA.token).post('/messages', { channelId: wxA.id, category: 'general', receivedAt: '2022-09-29T10:00:00', subject: '咨询办事流程' });
    expect(general.status).toBe(201);
    expect(general.body).toMatchObject({ dueAt: '2022-10-11T16:00:00.000Z', dueLastDay: '2022-10-11' });
    const simple = await as(t, opA.token).post('/messages', { channelId: wxA.id, category: 'simple', receivedAt: '2022-09-29T10:00:00+08:00' });
    expect(simple.body).toMatchObject({ dueAt: '2022-10-08T16:00:00.000Z', dueLastDay: '2022-10-08' });
    const [row] = await t.dataSource.query('SELECT requirement_code, unit_id FROM message WHERE id = ?', [simple.body.id]);
    expect(row).toEqual({ requirement_code: 'MESSAGE_SIMPLE_3_DAYS', unit_id: city.deptA.id });
  });

  it('records a reply on time and a late one, and refuses a reply before receipt or a second reply', async () => {
    const m = (await as(t, opA.token).post('/messages', { channelId: wxA.id, category: 'simple', receivedAt: '2022-09-29T10:00:00+08:00' })).body;
    expect((await as(t, opA.token).post(`/messages/${m.id}/reply`, { repliedAt: '2022-09-29T09:00:00+08:00' })).status).toBe(400);
    const onTime = await as(t, opA.token).post(`/messages/${m.id}/reply`, { repliedAt: '2022-10-08T23:59:00+08:00' });
    expect(onTime.status).toBe(200);
    expect(onTime.body).toEqual({ id: m.id, repliedAt: '2022-10-08T15:59:00.000Z', onTime: true });
    expect((await as(t, opA.token).post(`/messages/${m.id}/reply`, { repliedAt: '2022-10-08T23:59:00+08:00' })).status).toBe(409);

    const late = (await as(t, opA.token).post('/messages', { channelId: wxA.id, category: 'simple', receivedAt: '2022-09-29T10:00:00+08:00' })).body;
    const reply = await as(t, opA.token).post(`/messages/${late.id}/reply`, { repliedAt: '2022-10-09T00:00:00+08:00' });
    expect(reply.body.onTime).toBe(false);
  });

  it('enforces scope and roles: 400 for a foreign channel, 404 for a foreign message, 403 for an inspector', async () => {
    const res = await as(t, opA.token).post('/messages', { channelId: wxB.id, category: 'simple', receivedAt: '2022-09-29T10:00:00+08:00' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(`channelId ${wxB.id}`);
    const b = (await as(t, opB.token).post('/messages', { channelId: wxB.id, category: 'general', receivedAt: '2022-09-29T10:00:00+08:00' })).body;
    expect((await as(t, opA.token).post(`/messages/${b.id}/reply`, { repliedAt: '2022-09-30T10:00:00+08:00' })).status).toBe(404);
    expect((await as(t, inspector.token).post('/messages', { channelId: wxA.id, category: 'simple', receivedAt: '2022-09-29T10:00:00+08:00' })).status).toBe(403);
    expect((await as(t, opA.token).post('/messages', { channelId: wxA.id, category: 'urgent', receivedAt: '2022-09-29' })).status).toBe(400);
    expect((await as(t, opA.token).post('/messages', { channelId: wxA.id, category: 'simple', receivedAt: 'soon' })).status).toBe(400);
  });

  it('refuses the same external id twice on a channel', async () => {
    const body = { channelId: wxA.id, category: 'simple', receivedAt: '2022-09-29T10:00:00+08:00', externalId: `ext-${t.uid()}` };
    expect((await as(t, opA.token).post('/messages', body)).status).toBe(201);
    expect((await as(t, opA.token).post('/messages', body)).status).toBe(409);
  });

  it('lists messages in scope with due, reply and overdue as of the clock, filtered', async () => {
    const channel = await createChannel(t, city.townA);
    const opT = await new OrgFixtures(t).user('operator', city.townA);
    const post = async (category: string, receivedAt: string) => (await as(t, opT.token).post('/messages', { channelId: channel.id, category, receivedAt })).body.id as number;
    const open = await post('general', '2022-09-29T10:00:00+08:00'); // due 10-12 00:00: not yet overdue on 10-10
    const overdue = await post('simple', '2022-09-29T10:00:00+08:00'); // due 10-09 00:00: overdue on 10-10
    const repliedLate = await post('simple', '2022-09-29T11:00:00+08:00');
    await as(t, opT.token).post(`/messages/${repliedLate}/reply`, { repliedAt: '2022-10-09T08:00:00+08:00' });
    const repliedOnTime = await post('simple', '2022-10-08T09:00:00+08:00');
    await as(t, opT.token).post(`/messages/${repliedOnTime}/reply`, { repliedAt: '2022-10-08T10:00:00+08:00' });

    const all = await as(t, opT.token).get(`/messages?channelId=${channel.id}`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    const byId = Object.fromEntries(all.body.items.map((m: any) => [m.id, m]));
    expect(byId[open]).toMatchObject({ overdue: false, onTime: null, repliedAt: null, unitName: '甲县某镇', channelName: expect.stringContaining('测试载体') });
    expect(byId[overdue]).toMatchObject({ overdue: true, onTime: null });
    expect(byId[repliedLate]).toMatchObject({ overdue: true, onTime: false });
    expect(byId[repliedOnTime]).toMatchObject({ overdue: false, onTime: true });

    const ids = async (query: string, token = opT.token) => (await as(t, token).get(`/messages?${query}`)).body.items.map((m: any) => m.id).sort();
    expect(await ids(`channelId=${channel.id}&overdue=true`)).toEqual([overdue, repliedLate].sort());
    expect(await ids(`channelId=${channel.id}&overdue=false`)).toEqual([open, repliedOnTime].sort());
    expect(await ids(`channelId=${channel.id}&category=general`)).toEqual([open]);
    expect(await ids(`channelId=${channel.id}&from=2022-10-08&to=2022-10-08`)).toEqual([repliedOnTime]);
    expect(await ids(`unitId=${city.countyA.id}&includeSubunits=true&overdue=true`, supA.token)).toEqual(expect.arrayContaining([overdue, repliedLate]));
    expect(await ids(`channelId=${channel.id}`, opB.token)).toEqual([]);

    clock.set('2022-10-12T00:00:00+08:00');
    expect(await ids(`channelId=${channel.id}&overdue=true`)).toEqual([open, overdue, repliedLate].sort());
    clock.set('2022-10-10T04:00:00Z');
  });
});
