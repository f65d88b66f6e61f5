import { TestUnit } from '../support/org-fixtures';
import { TestApp } from '../support/test-app';

export interface TestChannel {
  id: number;
  code: string;
}

/** Channels through the API as the admin, with codes unique to the test. */
export async function createChannel(t: TestApp, unit: TestUnit, kind = 'wechat'): Promise<TestChannel> {
  const code = `${t.uid()}-${kind}`.toUpperCase();
  const res = await t
    .http()
    .post('/api/v1/channels')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({ code, unitId: unit.id, kind, name: `测试载体${code}`, ...(kind === 'website' ? { url: 'https://www.example.gov.cn' } : {}) });
  if (res.status !== 201) throw new Error(`create channel: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, code };
}

export const as = (t: TestApp, token: string) => ({
  get: (path: string) => t.http().get(`/api/v1${path}`).auth(token, { type: 'bearer' }),
  post: (path: string, body?: object) => t.http().post(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
  csv: (path: string, body: Buffer | string) => t.http().post(`/api/v1${path}`).auth(token, { type: 'bearer' }).set('Content-Type', 'text/csv').send(Buffer.from(body)),
});
