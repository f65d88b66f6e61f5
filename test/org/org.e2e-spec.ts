import * as iconv from 'iconv-lite';
import { OrgFixtures, TestUnit, TestUser } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('units, users and channels: roles and scope', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let admin: string;
  let city: Awaited<ReturnType<OrgFixtures['city']>>;
  let supA: TestUser;
  let opA: TestUser;
  let opB: TestUser;
  let inspector: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    org = new OrgFixtures(t);
    admin = await t.adminToken();
    city = await org.city();
    supA = await org.user('supervisor', city.countyA);
    opA = await org.user('operator', city.deptA);
    opB = await org.user('operator', city.deptB);
    inspector = await org.user('inspector', city.city);
  });
  afterAll(async () => t?.close());

  const as = (token: string) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).auth(token, { type: 'bearer' }),
    post: (path: string, body?: object) => t.http().post(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    csv: (path: string, body: Buffer | string) => t.http().post(`/api/v1${path}`).auth(token, { type: 'bearer' }).set('Content-Type', 'text/csv').send(Buffer.from(body)),
  });
  const ids = (list: { id: number }[]) => list.map((x) => x.id);

  describe('units', () => {
    it('shows a supervisor their unit and everything below it, and nothing else', async () => {
      const res = await as(supA.token).get('/units');
      expect(res.status).toBe(200);
      expect(ids(res.body).sort()).toEqual([city.countyA.id, city.deptA.id, city.townA.id].sort());
      const tree = await as(supA.token).get('/units?tree=true');
      expect(tree.body).toHaveLength(1);
      expect(tree.body[0].id).toBe(city.countyA.id);
      expect(ids(tree.body[0].children).sort()).toEqual([city.deptA.id, city.townA.id].sort());
    });

    it('shows an operator only their own unit; an inspector and the admin everything', async () => {
      expect(ids((await as(opA.token).get('/units')).body)).toEqual([city.deptA.id]);
      for (const token of [inspector.token, admin]) {
        const all = ids((await as(token).get('/units')).body);
        expect(all).toEqual(expect.arrayContaining([city.city.id, city.countyA.id, city.countyB.id, city.deptB.id]));
      }
    });

    it('answers 404 for a unit outside the caller’s scope, 403 for a role that may not write', async () => {
      expect((await as(supA.token).get(`/units/${city.deptB.id}`)).status).toBe(404);
      expect((await as(supA.token).patch(`/units/${city.deptB.id}`, { name: 'x' })).status).toBe(404);
      expect((await as(opA.token).get(`/units/${city.deptB.id}`)).status).toBe(404);
      expect((await as(opA.token).get(`/units/${city.deptA.id}`)).status).toBe(200);
      expect((await as(opA.token).patch(`/units/${city.deptA.id}`, { name: 'x' })).status).toBe(403);
      expect((await as(opA.token).post('/units', { code: t.uid(), name: 'x', kind: 'department', level: 'county', parentCode: city.deptA.code })).status).toBe(403);
      expect((await as(inspector.token).post('/units', { code: t.uid(), name: 'x', kind: 'department', level: 'county', parentCode: city.city.code })).status).toBe(403);
    });

    it('lets a supervisor create and move units only inside their scope', async () => {
      const code = t.uid();
      const created = await as(supA.token).post('/units', { code, name: '甲县新设局', kind: 'department', level: 'county', parentCode: city.countyA.code });
      expect(created.status).toBe(201);
      const outside = await as(supA.token).post('/units', { code: t.uid(), name: 'x', kind: 'department', level: 'county', parentCode: city.countyB.code });
      expect(outside.status).toBe(400);
      expect(JSON.stringify(outside.body.message)).toContain('parentCode');
      const topLevel = await as(supA.token).post('/units', { code: t.uid(), name: 'x', kind: 'department', level: 'county' });
      expect(topLevel.status).toBe(403);
      const moved = await as(supA.token).patch(`/units/${created.body.id}`, { parentCode: city.townA.code });
      expect(moved.status).toBe(200);
      expect(moved.body.parentId).toBe(city.townA.id);
      const cycle = await as(supA.token).patch(`/units/${city.townA.id}`, { parentCode: code });
      expect(cycle.status).toBe(400);
      const ownUnit = await as(supA.token).patch(`/units/${city.countyA.id}`, { parentCode: city.townA.code });
      expect(ownUnit.status).toBe(403);
    });

    it('moves a whole subtree when an admin re-parents a unit', async () => {
      const region = await org.unit({ parent: city.city, kind: 'other', level: 'county' });
      const child = await org.unit({ parent: region, kind: 'department', level: 'county' });
      const res = await as(admin).patch(`/units/${region.id}`, { parentCode: city.countyA.code });
      expect(res.status).toBe(200);
      const seen = ids((await as(supA.token).get('/units')).body);
      expect(seen).toEqual(expect.arrayContaining([region.id, child.id]));
    });

    it('validates the body and names the field', async () => {
      const res = await as(admin).post('/units', { code: 'bad code!', name: '', kind: 'ministry', level: 'city', extra: 1 });
      expect(res.status).toBe(400);
      const text = JSON.stringify(res.body.message);
      for (const field of ['code', 'name', 'kind', 'extra']) expect(text).toContain(field);
      const dup = await as(admin).post('/units', { code: city.deptA.code, name: 'x', kind: 'department', level: 'county' });
      expect(dup.status).toBe(409);
    });
  });

  describe('unit CSV import', () => {
    it('imports UTF-8 with BOM, parents defined later in the file, then updates by code', async () => {
      const p = t.uid();
      const csv = `\ufeffcode,name,short_name,kind,level,parent_code,contact_emails\n${p}-D1,某县某局,某局,department,county,${p},a@example.gov.cn;b@example.gov.cn\n${p},某县人民政府,某县,government,county,${city.city.code},\n`;
      const first = await as(admin).csv('/units/import', csv);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ created: 2, updated: 0 });
      const again = await as(admin).csv('/units/import', csv.replace('某县某局', '某县某局（更名）'));
      expect(again.body).toEqual({ created: 0, updated: 2 });
      const units = (await as(admin).get('/units')).body;
      const dept = units.find((u: any) => u.code === `${p}-D1`);
      expect(dept.name).toBe('某县某局（更名）');
      expect(dept.contactEmails).toEqual(['a@example.gov.cn', 'b@example.gov.cn']);
      expect(dept.parentId).toBe(units.find((u: any) => u.code === p).id);
    });

    it('decodes GB18030 (Excel on Chinese Windows)', async () => {
      const p = t.uid();
      const csv = iconv.encode(`code,name,short_name,kind,level,parent_code\n${p},赣州市章贡区人民政府,章贡区,government,county,${city.city.code}\n`, 'gb18030');
      const res = await as(admin).csv('/units/import', csv);
      expect(res.status).toBe(201);
      const unit = (await as(admin).get('/units')).body.find((u: any) => u.code === p);
      expect(unit).toMatchObject({ name: '赣州市章贡区人民政府', shortName: '章贡区' });
    });

    it('reports every bad row by line and writes nothing', async () => {
      const p = t.uid();
      const csv = [
        'code,name,short_name,kind,level,parent_code',
        `${p}-1,好单位,,department,county,${city.city.code}`,
        `${p}-2,,,department,county,${city.city.code}`,
        `${p}-3,坏类型,,ministry,county,${city.city.code}`,
        `${p}-4,无上级,,department,county,NOPE-${p}`,
        `${p}-1,重复,,department,county,${city.city.code}`,
      ].join('\n');
      const res = await as(admin).csv('/units/import', csv);
      expect(res.status).toBe(400);
      const messages: string[] = res.body.message;
      expect(messages.some((m) => m.startsWith('第 3 行') && m.includes('name'))).toBe(true);
      expect(messages.some((m) => m.startsWith('第 4 行') && m.includes('kind'))).toBe(true);
      expect(messages.some((m) => m.startsWith('第 5 行') && m.includes('parent_code'))).toBe(true);
      expect(messages.some((m) => m.startsWith('第 6 行') && m.includes('重复'))).toBe(true);
      const units = (await as(admin).get('/units')).body;
      expect(units.some((u: any) => u.code.startsWith(p))).toBe(false);
    });

    it('keeps a supervisor’s import inside their scope', async () => {
      const csv = `code,name,kind,level,parent_code\n${t.uid()},越权,department,county,${city.countyB.code}\n`;
      const res = await as(supA.token).csv('/units/import', csv);
      expect(res.status).toBe(400);
      expect(res.body.message[0]).toContain('第 2 行');
      expect((await as(opA.token).csv('/units/import', csv)).status).toBe(403);
    });

    it('accepts the file as the multipart field "file" and rejects a missing header', async () => {
      const p = t.uid();
      const ok = await t
        .http()
        .post('/api/v1/units/import')
        .auth(admin, { type: 'bearer' })
        .attach('file', Buffer.from(`code,name,kind,level,parent_code\n${p},多部分上传,department,county,${city.city.code}\n`), 'units.csv');
      expect(ok.status).toBe(201);
      expect(ok.body.created).toBe(1);
      const bad = await as(admin).csv('/units/import', 'code,title\nX,Y\n');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.message)).toContain('第 1 行');
    });
  });

  describe('users', () => {
    it('never returns a password hash and lists users in scope only', async () => {
      const res = await as(supA.token).get('/users?pageSize=500');
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/password/i);
      const unitIds = new Set(res.body.items.map((u: any) => u.unitId));
      expect(unitIds.has(city.deptB.id)).toBe(false);
      expect(ids(res.body.items)).toEqual(expect.arrayContaining([supA.id, opA.id]));
      expect((await as(opA.token).get(`/users/${opB.id}`)).status).toBe(404);
    });

    it('lets a supervisor create operators in scope but not admins, nor users elsewhere', async () => {
      const base = { password: 'pass-word-123', displayName: '新用户', email: 'new@example.gov.cn' };
      const ok = await as(supA.token).post('/users', { ...base, username: `op-${t.uid()}`.toLowerCase(), role: 'operator', unitId: city.townA.id });
      expect(ok.status).toBe(201);
      expect(ok.body).not.toHaveProperty('passwordHash');
      expect((await as(supA.token).post('/users', { ...base, username: `ad-${t.uid()}`.toLowerCase(), role: 'admin', unitId: city.townA.id })).status).toBe(403);
      expect((await as(supA.token).post('/users', { ...base, username: `x-${t.uid()}`.toLowerCase(), role: 'operator', unitId: city.deptB.id })).status).toBe(400);
      expect((await as(opA.token).post('/users', { ...base, username: `y-${t.uid()}`.toLowerCase(), role: 'operator', unitId: city.deptA.id })).status).toBe(403);
      const badEmail = await as(admin).post('/users', { ...base, email: 'not-an-email', username: `z-${t.uid()}`.toLowerCase(), role: 'operator', unitId: city.deptA.id });
      expect(badEmail.status).toBe(400);
      expect(JSON.stringify(badEmail.body.message)).toContain('email');
    });

    it('deactivates a user: their token stops working and they cannot sign in', async () => {
      const victim = await org.user('operator', city.townA);
      expect((await as(victim.token).get('/auth/me')).status).toBe(200);
      const res = await t.http().delete(`/api/v1/users/${victim.id}`).auth(supA.token, { type: 'bearer' });
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
      expect((await as(victim.token).get('/auth/me')).status).toBe(401);
      expect((await t.http().post('/api/v1/auth/login').send({ username: victim.username, password: victim.password })).status).toBe(401);
      const audit = await as(admin).get(`/audit-logs?entityType=user&entityId=${victim.id}`);
      expect(audit.body.items.map((a: any) => a.action)).toContain('user.deactivate');
    });
  });

  describe('channels', () => {
    it('creates, lists by scope and updates channels', async () => {
      const mine = await as(opA.token).post('/channels', { unitId: city.deptA.id, kind: 'wechat', name: '甲县交通' });
      expect(mine.status).toBe(201);
      expect(mine.body.platformLabel).toBe('微信公众号');
      const theirs = await as(opB.token).post('/channels', { unitId: city.deptB.id, kind: 'weibo', name: '乙县交通', platformLabel: '微博' });
      expect(theirs.status).toBe(201);
      expect((await as(opA.token).post('/channels', { unitId: city.deptB.id, kind: 'wechat', name: 'x' })).status).toBe(400);

      const listA = await as(opA.token).get('/channels?pageSize=500');
      expect(ids(listA.body.items)).toContain(mine.body.id);
      expect(ids(listA.body.items)).not.toContain(theirs.body.id);
      const subtree = await as(supA.token).get(`/channels?unitId=${city.countyA.id}&includeSubunits=true`);
      expect(ids(subtree.body.items)).toContain(mine.body.id);
      expect((await as(supA.token).get(`/channels/${theirs.body.id}`)).status).toBe(404);
      expect((await as(opA.token).patch(`/channels/${theirs.body.id}`, { name: 'x' })).status).toBe(404);
      const updated = await as(opA.token).patch(`/channels/${mine.body.id}`, { name: '甲县交通发布', active: false });
      expect(updated.body).toMatchObject({ name: '甲县交通发布', active: false });
      expect((await as(inspector.token).patch(`/channels/${mine.body.id}`, { name: 'x' })).status).toBe(403);
      const invalid = await as(opA.token).post('/channels', { unitId: city.deptA.id, kind: 'fax', name: 'x', url: 'ftp://x' });
      expect(invalid.status).toBe(400);
      expect(JSON.stringify(invalid.body.message)).toMatch(/kind[\s\S]*url|url[\s\S]*kind/);
    });

    it('imports channels all or nothing and updates by code', async () => {
      const p = t.uid();
      const csv = `code,unit_code,kind,name,url,platform_label\n${p}-W,${city.deptA.code},website,甲县交通网,https://jt.example.gov.cn/,\n${p}-X,${city.deptA.code},wechat,甲县交通号,,微信订阅号\n`;
      const first = await as(supA.token).csv('/channels/import', csv);
      expect(first.body).toEqual({ created: 2, updated: 0 });
      const second = await as(supA.token).csv('/channels/import', csv);
      expect(second.body).toEqual({ created: 0, updated: 2 });
      const bad = await as(supA.token).csv('/channels/import', `code,unit_code,kind,name,url\n${p}-Y,${city.deptB.code},wechat,越权号,\n${p}-Z,${city.deptA.code},telegram,坏类型,\n`);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toHaveLength(2);
      expect(bad.body.message[0]).toContain('第 2 行');
      expect(bad.body.message[1]).toContain('第 3 行');
    });
  });

  describe('auth', () => {
    it('rejects missing, malformed and wrong credentials', async () => {
      expect((await t.http().get('/api/v1/units')).status).toBe(401);
      expect((await t.http().get('/api/v1/units').auth('not-a-token', { type: 'bearer' })).status).toBe(401);
      const wrong = await t.http().post('/api/v1/auth/login').send({ username: opA.username, password: 'wrong-password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toContain('用户名或密码错误');
      expect((await t.http().post('/api/v1/auth/login').send({ username: opA.username })).status).toBe(400);
    });

    it('returns a request id header', async () => {
      const res = await t.http().get('/health').set('X-Request-Id', 'trace-123');
      expect(res.headers['x-request-id']).toBe('trace-123');
      expect((await t.http().get('/health')).headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    });
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  let user: TestUser;
  let unit: TestUnit;
  beforeAll(async () => {
    // Its own database, so failures counted by other tests of this worker do not count here.
    t = await createTestApp({ ownDatabase: true, env: { LOGIN_MAX_ATTEMPTS: '3', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '5', LOGIN_WINDOW_SECONDS: '60' } });
    const org = new OrgFixtures(t);
    unit = await org.unit({});
    user = await org.user('operator', unit);
  });
  afterAll(async () => t?.close());

  it('answers 429 after too many failures for a username, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.http().post('/api/v1/auth/login').send({ username: user.username, password: 'wrong-password' })).status).toBe(401);
    }
    const blocked = await t.http().post('/api/v1/auth/login').send({ username: user.username, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toContain('登录失败次数过多');
  });

  it('also limits one address across usernames, at a higher limit', async () => {
    const other = await new OrgFixtures(t).user('operator', unit);
    // Two more failures from this address (3 so far) reach its limit of 5.
    for (let i = 0; i < 2; i++) await t.http().post('/api/v1/auth/login').send({ username: `nobody-${i}`, password: 'x' });
    expect((await t.http().post('/api/v1/auth/login').send({ username: other.username, password: other.password })).status).toBe(429);
  });
});
