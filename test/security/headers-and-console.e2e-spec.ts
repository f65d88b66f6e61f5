import { PageSession } from '../console/console-session';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

describe('security headers, the sign-in page and the upload form', () => {
  let t: TestApp;
  let org: OrgFixtures;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'http://duban.test' } });
    org = new OrgFixtures(t);
  });
  afterAll(async () => t?.close());

  async function signedIn(): Promise<PageSession> {
    const s = new PageSession(t);
    await s.login(TEST_ADMIN.username, TEST_ADMIN.password);
    return s;
  }

  describe('headers', () => {
    it('sends a strict CSP, nosniff, no framing and a referrer policy on pages, API answers, assets and errors', async () => {
      const s = await signedIn();
      const answers = {
        page: await s.get('/'),
        login: await t.http().get('/login'),
        api: await t.http().get('/api/v1/auth/me').auth(await t.adminToken(), { type: 'bearer' }),
        apiError: await t.http().get('/api/v1/units'),
        asset: await t.http().get('/assets/app.css'),
        notFound: await t.http().get('/api/v1/no-such-thing'),
        health: await t.http().get('/health'),
      };
      for (const [name, res] of Object.entries(answers)) {
        const csp = String(res.headers['content-security-policy'] ?? '');
        expect({ name, csp }).toEqual({ name, csp: expect.stringContaining("default-src 'self'") });
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect({ name, nosniff: res.headers['x-content-type-options'] }).toEqual({ name, nosniff: 'nosniff' });
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('forbids caching of pages and API answers, not of the stylesheet', async () => {
      const s = await signedIn();
      expect((await s.get('/')).headers['cache-control']).toBe('no-store');
      expect((await s.get('/console/tasks')).headers['cache-control']).toBe('no-store');
      expect((await t.http().get('/api/v1/auth/me').auth(await t.adminToken(), { type: 'bearer' })).headers['cache-control']).toBe('no-store');
      expect((await t.http().post('/api/v1/auth/login').send(TEST_ADMIN)).headers['cache-control']).toBe('no-store');
      expect((await t.http().get('/assets/app.css')).headers['cache-control']).not.toContain('no-store');
    });
  });

  describe('sign-in page', () => {
    async function signInWith(next: string, password = TEST_ADMIN.password) {
      const page = await t.http().get('/login');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
      const cookie = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
      return t.http().post('/login').set('Cookie', cookie).type('form').send({ username: TEST_ADMIN.username, password, _csrf: token, next }).redirects(0);
    }

    it('goes back only to a path on this site after signing in', async () => {
      for (const next of ['/\\evil.example/phish', '//evil.example/', 'https://evil.example/', '/\\/evil.example', ' /\\evil.example', 'javascript:alert(1)', '/login']) {
        const res = await signInWith(next);
        expect(res.status).toBe(303);
        const target = new URL(res.headers.location, 'http://duban.test');
        expect({ next, origin: target.origin }).toEqual({ next, origin: 'http://duban.test' });
        expect(target.pathname).toBe('/');
      }
      const kept = await signInWith('/console/tasks?status=open&overdue=true');
      expect(kept.headers.location).toBe('/console/tasks?status=open&overdue=true');
    });

    it('shows a sign-in error once', async () => {
      const res = await signInWith('/', 'wrong-password-1');
      expect(res.status).toBe(401);
      expect(res.text.split('用户名或密码错误').length - 1).toBe(1);
    });
  });

  describe('the rectification upload form', () => {
    it('carries its CSRF token in the body, and a token in the URL is refused', async () => {
      const unit = await org.unit({ kind: 'government', level: 'county' });
      const finding = await t
        .http()
        .post('/api/v1/findings')
        .auth(await t.adminToken(), { type: 'bearer' })
        .send({ unitId: unit.id, category: 'typo', source: 'city_check', description: '错别字', foundAt: '2022-09-01T10:00:00+08:00' });
      const taskId = finding.body.taskId;
      const s = await signedIn();
      const page = await s.get(`/console/tasks/${taskId}`);
      const form = /<form[^>]*enctype="multipart\/form-data"[^>]*>/.exec(page.text)![0];
      expect(form).not.toContain('_csrf');
      const inUrl = await t
        .http()
        .post(`/console/tasks/${taskId}/submit?_csrf=${encodeURIComponent(s.csrf)}`)
        .set('Cookie', s.cookieHeader())
        .field('note', '链接里的令牌')
        .redirects(0);
      expect(inUrl.status).toBe(403);
      const task = await t.http().get(`/api/v1/tasks/${taskId}`).auth(await t.adminToken(), { type: 'bearer' });
      expect(task.body.status).toBe('open');
      const inBody = await s.upload(`/console/tasks/${taskId}/submit`, { note: '正文里的令牌' }, { field: 'files', content: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'a.pdf' });
      expect(inBody.status).toBe(303);
      const after = await t.http().get(`/api/v1/tasks/${taskId}`).auth(await t.adminToken(), { type: 'bearer' });
      expect(after.body.status).toBe('submitted');
    });
  });
});
