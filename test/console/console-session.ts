import { TestApp } from '../support/test-app';

/** A browser-like session for page tests: cookies kept, the CSRF token read from the page. */
export class PageSession {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly t: TestApp) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { headers: Record<string, unknown> }): void {
    const set = res.headers['set-cookie'] as string[] | undefined;
    for (const line of set ?? []) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string) {
    const res = await this.t.http().get(path).set('Cookie', this.cookieHeader()).redirects(0);
    this.keep(res);
    const token = /name="csrf-token" content="([^"]+)"/.exec(res.text ?? '');
    if (token) this.csrf = token[1];
    return res;
  }

  async post(path: string, form: Record<string, string>, withToken = true) {
    const res = await this.t
      .http()
      .post(path)
      .set('Cookie', this.cookieHeader())
      .type('form')
      .send(withToken ? { _csrf: this.csrf, ...form } : form)
      .redirects(0);
    this.keep(res);
    return res;
  }

  /** A multipart form post (file uploads; without a file, fields only), with the CSRF token in a form field as the page sends it. */
  async upload(path: string, fields: Record<string, string>, file?: { field: string; content: Buffer; name: string }) {
    let req = this.t.http().post(path).set('Cookie', this.cookieHeader()).redirects(0).field('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await (file ? req.attach(file.field, file.content, file.name) : req);
    this.keep(res);
    return res;
  }

  async login(username: string, password: string): Promise<void> {
    const page = await this.get('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await this.post('/login', { username, password, _csrf: token, next: '/' }, false);
    if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.text.slice(0, 300)}`);
    await this.get('/');
  }
}
