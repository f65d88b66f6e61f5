import { DEMO_PASSWORD_DEFAULT } from '../../src/demo/demo-data';
import { OrgFixtures, TestUnit } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('password policy (等保 2.0)', () => {
  let t: TestApp;
  let unit: TestUnit;

  beforeAll(async () => {
    t = await createTestApp();
    unit = await new OrgFixtures(t).unit({});
  });
  afterAll(async () => t?.close());

  const create = async (username: string, password: string) =>
    t
      .http()
      .post('/api/v1/users')
      .auth(await t.adminToken(), { type: 'bearer' })
      .send({ username, password, displayName: '密码测试', email: `${username}@example.gov.cn`, role: 'operator', unitId: unit.id });

  it.each([
    ['too short', 'Ab1-defg'],
    ['only lower case and digits', 'abcdefgh1234'],
    ['in the list of common passwords', 'Aa123456789'],
    ['a common password with digits and symbols after it', 'Qwerty@123456'],
  ])('refuses a password that is %s, naming the rule in Chinese and writing nothing', async (_, password) => {
    const username = `pw-${t.uid()}`.toLowerCase();
    const res = await create(username, password);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('密码（password）');
    const list = await t.http().get(`/api/v1/users?unitId=${unit.id}`).auth(await t.adminToken(), { type: 'bearer' });
    expect(list.body.items.map((u: { username: string }) => u.username)).not.toContain(username);
  });

  it('refuses the username as the password', async () => {
    const username = `Zhang.San-${t.uid().slice(1, 5)}`;
    const res = await create(username.toLowerCase(), username);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('用户名');
  });

  it('accepts a password of ten characters with three kinds, and the demo password', async () => {
    expect((await create(`pw-${t.uid()}`.toLowerCase(), 'river-stone-8')).status).toBe(201);
    expect((await create(`pw-${t.uid()}`.toLowerCase(), DEMO_PASSWORD_DEFAULT)).status).toBe(201);
  });

  it('applies the same policy to a password change', async () => {
    const username = `pw-${t.uid()}`.toLowerCase();
    const created = await create(username, 'Good-horse-42');
    const weak = await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .auth(await t.adminToken(), { type: 'bearer' })
      .send({ password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body.message)).toContain('密码（password）');
    expect((await t.login(username, 'Good-horse-42')).length).toBeGreaterThan(20);
  });
});
