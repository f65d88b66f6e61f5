import { JwtService } from '@nestjs/jwt';
import { PageSession } from '../console/console-session';
import { OrgFixtures, TestUnit } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

// The fallback secret the app used to sign with when JWT_SECRET was unset: it is in the
// repository's history, so anyone could forge a token with it.
const PUBLISHED_SECRET = 'duban-development-secret-change-me';

describe('tokens: no published secret, revocation, well-formed claims', () => {
  let t: TestApp;
  let org: OrgFixtures;
  let unit: TestUnit;

  beforeAll(async () => {
    t = await createTestApp();
    org = new OrgFixtures(t);
    unit = await org.unit({});
  });
  afterAll(async () => t?.close());

  const me = (token: string) => t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' });

  describe('the signing secret (JWT_SECRET unset)', () => {
    it('refuses a token signed with the published development secret', async () => {
      const admin = (await me(await t.adminToken())).body;
      const forged = new JwtService({ secret: PUBLISHED_SECRET }).sign({ sub: admin.id, role: 'admin', unitId: admin.unitId }, { expiresIn: '1h' });
      const res = await me(forged);
      expect(res.status).toBe(401);
    });

    it('generates one secret that every instance on the database shares', async () => {
      const other = await createTestApp({ databaseUrl: t.config.databaseUrl });
      try {
        const token = await other.login(TEST_ADMIN.username, TEST_ADMIN.password);
        expect((await me(token)).status).toBe(200);
        expect((await other.http().get('/api/v1/auth/me').auth(await t.adminToken(), { type: 'bearer' })).status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });

  describe('revocation', () => {
    it('signing out revokes the bearer token, and only that one', async () => {
      const user = await org.user('operator', unit);
      const second = await t.login(user.username, user.password);
      const out = await t.http().post('/api/v1/auth/logout').auth(user.token, { type: 'bearer' });
      expect(out.status).toBe(204);
      expect((await me(user.token)).status).toBe(401);
      expect((await me(second)).status).toBe(200);
    });

    it('signing out everywhere revokes every token of the user and no one else’s', async () => {
      const user = await org.user('operator', unit);
      const bystander = await org.user('operator', unit);
      const second = await t.login(user.username, user.password);
      const out = await t.http().post('/api/v1/auth/logout-everywhere').auth(second, { type: 'bearer' });
      expect(out.status).toBe(204);
      expect((await me(user.token)).status).toBe(401);
      expect((await me(second)).status).toBe(401);
      expect((await me(bystander.token)).status).toBe(200);
      expect((await me(await t.login(user.username, user.password))).status).toBe(200);
    });

    it('a password reset by an admin revokes the user’s tokens and console session', async () => {
      const user = await org.user('operator', unit);
      const page = new PageSession(t);
      await page.login(user.username, user.password);
      expect((await page.get('/')).status).toBe(200);
      const reset = await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .auth(await t.adminToken(), { type: 'bearer' })
        .send({ password: 'Another-pass-42' });
      expect(reset.status).toBe(200);
      expect((await me(user.token)).status).toBe(401);
      const after = await page.get('/');
      expect(after.status).toBe(303);
      expect(after.headers.location).toMatch(/^\/login/);
      expect((await me(await t.login(user.username, 'Another-pass-42'))).status).toBe(200);
    });

    it('a role change and a deactivation revoke the user’s tokens', async () => {
      const promoted = await org.user('operator', unit);
      const role = await t.http().patch(`/api/v1/users/${promoted.id}`).auth(await t.adminToken(), { type: 'bearer' }).send({ role: 'supervisor' });
      expect(role.status).toBe(200);
      expect((await me(promoted.token)).status).toBe(401);

      const leaving = await org.user('operator', unit);
      expect((await t.http().delete(`/api/v1/users/${leaving.id}`).auth(await t.adminToken(), { type: 'bearer' })).status).toBe(200);
      expect((await me(leaving.token)).status).toBe(401);
    });

    it('signing out of the console revokes the cookie, even if it is replayed', async () => {
      const user = await org.user('operator', unit);
      const page = new PageSession(t);
      await page.login(user.username, user.password);
      const stolen = page.cookieHeader();
      const out = await page.post('/logout', {});
      expect(out.status).toBe(303);
      const replay = await t.http().get('/').set('Cookie', stolen).redirects(0);
      expect(replay.status).toBe(303);
      expect(replay.headers.location).toMatch(/^\/login/);
    });
  });
});

describe('tokens: claims a valid signature does not make acceptable', () => {
  const SECRET = 'a-test-secret-of-at-least-32-bytes-0123456789';
  let t: TestApp;
  let org: OrgFixtures;

  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_SECRET: SECRET } });
    org = new OrgFixtures(t);
  });
  afterAll(async () => t?.close());

  it('answers 401, not 500, for a token whose sub is not a number', async () => {
    const token = new JwtService({ secret: SECRET }).sign({ sub: 'abc', role: 'admin', unitId: 1 }, { expiresIn: '1h' });
    const res = await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/令牌/);
  });

  it('refuses a token without an expiry, even with otherwise valid claims', async () => {
    const user = await org.user('operator', await org.unit({}));
    const claims = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString());
    delete claims.exp;
    delete claims.iat;
    const forever = new JwtService({ secret: SECRET }).sign(claims);
    expect(JSON.parse(Buffer.from(forever.split('.')[1], 'base64url').toString()).exp).toBeUndefined();
    expect((await t.http().get('/api/v1/auth/me').auth(user.token, { type: 'bearer' })).status).toBe(200);
    const res = await t.http().get('/api/v1/auth/me').auth(forever, { type: 'bearer' });
    expect(res.status).toBe(401);
  });
});
