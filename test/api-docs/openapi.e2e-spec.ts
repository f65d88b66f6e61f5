import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarErrorStatus } from '../../src/calendar/calendar.errors';
import { ChannelErrorStatus } from '../../src/channels/channels.errors';
import { ChecklistErrorStatus } from '../../src/checklists/checklists.errors';
import { FixedClock } from '../../src/common/clock';
import { CommonErrorStatus } from '../../src/common/errors';
import { EvidenceErrorStatus } from '../../src/evidence/evidence.errors';
import { NotificationsErrorStatus } from '../../src/notifications/notifications.errors';
import { OrgErrorStatus } from '../../src/org/org.errors';
import { RectificationErrorStatus } from '../../src/rectification/rectification.errors';
import { ReportErrorStatus } from '../../src/reports/reports.errors';
import { RequirementErrorStatus } from '../../src/requirements/requirements.errors';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { createChannel } from '../evidence/evidence-fixtures';

type Schema = Record<string, any>;
type Operation = { summary?: string; parameters?: unknown[]; requestBody?: unknown; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const STATUS_TABLES: Record<string, number>[] = [
  CommonErrorStatus,
  OrgErrorStatus,
  ChannelErrorStatus,
  CalendarErrorStatus,
  RequirementErrorStatus,
  ChecklistErrorStatus,
  EvidenceErrorStatus,
  RectificationErrorStatus,
  NotificationsErrorStatus,
  ReportErrorStatus,
];
const BINARY = { type: 'string', format: 'binary' };

/** Every operation of the document as `METHOD /path` with its object. */
function operations(doc: Doc): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m]] as [string, Operation]));
}

/** The codes an error response documents (the enum of its `code`). */
function codesOf(response: Operation['responses'][string]): string[] {
  const schema = response.content?.['application/json']?.schema;
  return (schema?.allOf ?? []).flatMap((part: Schema) => part.properties?.code?.enum ?? []);
}

/**
 * Checks a JSON value against an OpenAPI schema, strictly: an object may hold only the
 * documented properties (unless additionalProperties says otherwise) and must hold the
 * required ones. Returns what does not conform, each with its JSON path.
 */
function nonConformities(doc: Doc, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) return nonConformities(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], value, at);
  if (value === null) return schema.nullable ? [] : [`${at} is null but not nullable`];
  if (schema.allOf) return mergeAllOf(doc, schema.allOf, value, at);
  if (schema.oneOf) return schema.oneOf.some((s: Schema) => !nonConformities(doc, s, value, at).length) ? [] : [`${at} matches none of oneOf`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at} = ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  switch (schema.type) {
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at} is not an integer: ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at} is not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at} is not a boolean`];
    case 'string':
      if (typeof value !== 'string') return [`${at} is not a string: ${JSON.stringify(value)}`];
      return schema.format === 'date-time' && Number.isNaN(Date.parse(value)) ? [`${at} is not a date-time`] : [];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => nonConformities(doc, schema.items, v, `${at}[${i}]`)) : [`${at} is not an array`];
    case 'object':
    case undefined: {
      if (typeof value !== 'object' || Array.isArray(value)) return schema.type ? [`${at} is not an object`] : [];
      const record = value as Record<string, unknown>;
      const properties: Record<string, Schema> = schema.properties ?? {};
      const problems = (schema.required ?? []).filter((k: string) => !(k in record)).map((k: string) => `${at}.${k} is required but missing`);
      for (const [key, v] of Object.entries(record)) {
        if (properties[key]) problems.push(...nonConformities(doc, properties[key], v, `${at}.${key}`));
        else if (typeof schema.additionalProperties === 'object') problems.push(...nonConformities(doc, schema.additionalProperties, v, `${at}.${key}`));
        else if (!schema.additionalProperties && schema.properties) problems.push(`${at}.${key} is not documented`);
      }
      return problems;
    }
    default:
      return [`${at}: unknown schema type ${schema.type}`];
  }
}

function mergeAllOf(doc: Doc, parts: Schema[], value: unknown, at: string): string[] {
  const resolved = parts.map((p) => (p.$ref ? doc.components.schemas[p.$ref.replace('#/components/schemas/', '')] : p));
  const merged: Schema = { type: 'object', required: resolved.flatMap((p) => p.required ?? []), properties: {} };
  for (const part of resolved) {
    for (const [key, property] of Object.entries<Schema>(part.properties ?? {})) merged.properties[key] = { ...merged.properties[key], ...property };
  }
  return nonConformities(doc, merged, value, at);
}

/** The error codes the source throws, read from `new XError('CODE'` and the shared helpers. */
function codesThrownInSource(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      // The console answers pages, not the API; the demo loader has no HTTP surface.
      if (name !== 'console' && name !== 'demo') for (const code of codesThrownInSource(file)) codes.add(code);
      continue;
    }
    // x.errors.ts files declare the codes and the helpers; the others throw them.
    if (!name.endsWith('.ts') || name.endsWith('.spec.ts') || name.endsWith('errors.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new \w+Error\(\s*'([A-Z0-9_]+)'/g)) codes.add(match[1]);
    if (/\bbadRequest\(/.test(text)) codes.add('BAD_REQUEST');
    if (/\bnotFound\(/.test(text)) codes.add('NOT_FOUND');
    if (/throw new CalendarYearMissingError/.test(text)) codes.add('CALENDAR_YEAR_MISSING');
  }
  return codes;
}

describe('OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let doc: Doc;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date('2022-09-29T11:00:00+08:00')) });
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => t?.close());

  it('documents the whole API and nothing of the console', () => {
    const names = operations(doc).map(([name]) => name);
    expect(names.length).toBeGreaterThanOrEqual(60);
    expect(names).toEqual(expect.arrayContaining(['POST /api/v1/tasks/{id}/submit', 'GET /api/v1/reports/monthly', 'GET /health', 'POST /api/v1/auth/login']));
    expect(names.filter((n) => n.includes('/console') || n.endsWith(' /login'))).toEqual([]);
  });

  it('gives every operation a summary', () => {
    const missing = operations(doc).filter(([, op]) => !op.summary?.trim()).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('gives every operation a 2xx response with a schema (files as binary)', () => {
    const problems: string[] = [];
    for (const [name, op] of operations(doc)) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!success.length) problems.push(`${name}: no 2xx response`);
      for (const [status, response] of success) {
        const content = Object.entries(response.content ?? {});
        if (!content.length && status !== '204') problems.push(`${name} ${status}: no content`);
        for (const [type, media] of content) {
          if (type === 'application/json' ? !(media.schema?.$ref || media.schema?.type || media.schema?.allOf) : JSON.stringify(media.schema) !== JSON.stringify(BINARY)) {
            problems.push(`${name} ${status} ${type}: schema ${JSON.stringify(media.schema)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the errors of every operation: 401 behind a token, 400 on input, each with a schema', () => {
    const problems: string[] = [];
    for (const [name, op] of operations(doc)) {
      const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      if (!errors.length) problems.push(`${name}: no error response`);
      if (op.security?.length && !errors.includes('401')) problems.push(`${name}: no 401`);
      if ((op.parameters?.length || op.requestBody) && !errors.includes('400')) problems.push(`${name}: no 400`);
      for (const status of errors) if (!op.responses[status].content?.['application/json']?.schema) problems.push(`${name} ${status}: no schema`);
    }
    expect(problems).toEqual([]);
  });

  it('documents each error code with the status the API answers it with', () => {
    const problems: string[] = [];
    for (const [name, op] of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const code of codesOf(response)) {
          if (!STATUS_TABLES.some((table) => table[code] === Number(status))) problems.push(`${name}: ${code} under ${status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents every error code the API throws on some operation', () => {
    const documented = new Set(operations(doc).flatMap(([, op]) => Object.values(op.responses).flatMap(codesOf)));
    // Only API error codes: configuration errors stop the app at start and answer nothing.
    const apiCodes = new Set(STATUS_TABLES.flatMap((table) => Object.keys(table)));
    const thrown = [...codesThrownInSource(join(__dirname, '../../src'))].filter((code) => apiCodes.has(code)).sort();
    expect(thrown.length).toBeGreaterThan(40);
    expect(thrown.filter((code) => !documented.has(code))).toEqual([]);
  });

  describe('answers as documented', () => {
    /** Calls the API and checks the answer against the document: its status is documented and its body conforms. */
    async function conforms(method: 'get' | 'post' | 'put', template: string, path: string, token: string | null, body?: object) {
      let req = t.http()[method](path);
      if (token) req = req.auth(token, { type: 'bearer' });
      const res = await (body ? req.send(body) : req);
      const op = doc.paths[template]?.[method];
      expect(op).toBeDefined();
      const documented = op!.responses[String(res.status)];
      if (!documented) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}, which is not documented: ${JSON.stringify(res.body)}`);
      const schema = documented.content?.['application/json']?.schema;
      expect(schema).toBeDefined();
      expect(nonConformities(doc, schema!, res.body)).toEqual([]);
      return res;
    }

    it('for units, users, channels, findings, tasks, evidence, the calendar, dashboards, settings and errors', async () => {
      const org = new OrgFixtures(t);
      const admin = await t.adminToken();
      const { city, countyA, deptA } = await org.city();
      const operator = await org.user('operator', deptA);
      const channel = await createChannel(t, deptA, 'wechat');
      const v1 = '/api/v1';

      await conforms('post', `${v1}/auth/login`, `${v1}/auth/login`, null, { username: operator.username, password: operator.password });
      await conforms('post', `${v1}/auth/login`, `${v1}/auth/login`, null, { username: operator.username, password: 'wrong-password' });
      await conforms('get', `${v1}/auth/me`, `${v1}/auth/me`, operator.token);
      await conforms('get', `${v1}/units`, `${v1}/units?tree=true`, admin);
      await conforms('get', `${v1}/units`, `${v1}/units`, operator.token);
      await conforms('get', `${v1}/units/{id}`, `${v1}/units/${countyA.id}`, admin);
      await conforms('post', `${v1}/units`, `${v1}/units`, admin, { code: t.uid(), name: '甲县某局', kind: 'department', level: 'county', parentCode: countyA.code });
      await conforms('post', `${v1}/units`, `${v1}/units`, admin, { code: countyA.code, name: '重复', kind: 'department', level: 'county' });
      await conforms('get', `${v1}/users`, `${v1}/users?unitId=${deptA.id}`, admin);
      await conforms('get', `${v1}/users/{id}`, `${v1}/users/${operator.id}`, admin);
      await conforms('get', `${v1}/channels`, `${v1}/channels?unitId=${deptA.id}`, admin);
      await conforms('get', `${v1}/channels/{id}`, `${v1}/channels/${channel.id}`, operator.token);
      await conforms('get', `${v1}/channels/{id}`, `${v1}/channels/abc`, operator.token);
      await conforms('get', `${v1}/requirements`, `${v1}/requirements`, operator.token);
      await conforms('get', `${v1}/requirements/{code}`, `${v1}/requirements/WEBSITE_DAILY_UPDATE`, operator.token);
      await conforms('get', `${v1}/calendar/days`, `${v1}/calendar/days?from=2022-09-28&to=2022-10-09`, operator.token);
      await conforms('get', `${v1}/calendar/deadline`, `${v1}/calendar/deadline?from=2022-09-29T10:00:00%2B08:00&days=5`, operator.token);

      await conforms('post', `${v1}/publications`, `${v1}/publications`, operator.token, { items: [{ channelId: channel.id, publishedAt: '2022-09-28T10:00:00+08:00', url: 'https://mp.example/1' }] });
      await conforms('post', `${v1}/messages`, `${v1}/messages`, operator.token, { channelId: channel.id, category: 'general', receivedAt: '2022-09-29T10:00:00+08:00' });
      await conforms('get', `${v1}/messages`, `${v1}/messages?unitId=${deptA.id}`, operator.token);
      const document = await conforms('post', `${v1}/policy-documents`, `${v1}/policy-documents`, operator.token, {
        unitId: deptA.id,
        title: '关于某某的通知',
        url: 'https://www.example.gov.cn/zc/1.html',
        publishedAt: '2022-09-28T10:00:00+08:00',
      });
      await conforms('post', `${v1}/policy-documents/{id}/interpretations`, `${v1}/policy-documents/${document.body.id}/interpretations`, operator.token, {
        title: '解读',
        url: 'https://www.example.gov.cn/jd/1.html',
        publishedAt: '2022-09-29T10:00:00+08:00',
      });
      await conforms('get', `${v1}/policy-documents/{id}`, `${v1}/policy-documents/${document.body.id}`, operator.token);
      await conforms('get', `${v1}/policy-documents`, `${v1}/policy-documents?unitId=${deptA.id}`, operator.token);

      const finding = await conforms('post', `${v1}/findings`, `${v1}/findings`, admin, {
        unitId: deptA.id,
        channelId: channel.id,
        category: 'typo',
        description: '首页有错别字',
        foundAt: '2022-09-28T10:00:00+08:00',
        source: 'city_check',
      });
      await conforms('get', `${v1}/findings/{id}`, `${v1}/findings/${finding.body.id}`, operator.token);
      await conforms('get', `${v1}/tasks`, `${v1}/tasks?unitId=${countyA.id}&includeSubunits=true`, admin);
      await conforms('post', `${v1}/tasks/{id}/submit`, `${v1}/tasks/${finding.body.taskId}/submit`, operator.token, { note: '已改正', evidenceUrls: ['https://www.example.gov.cn/'] });
      await conforms('post', `${v1}/tasks/{id}/accept`, `${v1}/tasks/${finding.body.taskId}/accept`, operator.token, {});
      await conforms('post', `${v1}/tasks/{id}/accept`, `${v1}/tasks/${finding.body.taskId}/accept`, admin, {});
      await conforms('post', `${v1}/tasks/{id}/accept`, `${v1}/tasks/${finding.body.taskId}/accept`, admin, {});
      await conforms('get', `${v1}/tasks/{id}`, `${v1}/tasks/${finding.body.taskId}`, operator.token);
      await conforms('get', `${v1}/tasks/{id}`, `${v1}/tasks/999999999`, operator.token);

      await conforms('get', `${v1}/checklist-items`, `${v1}/checklist-items?unitId=${deptA.id}`, operator.token);
      await conforms('get', `${v1}/units/{id}/checklist`, `${v1}/units/${deptA.id}/checklist?date=2022-09-29`, operator.token);
      await conforms('get', `${v1}/dashboard/compliance`, `${v1}/dashboard/compliance?unitId=${city.id}&from=2022-09-01&to=2022-09-29`, admin);
      await conforms('get', `${v1}/dashboard/overdue`, `${v1}/dashboard/overdue?unitId=${city.id}`, admin);
      await conforms('get', `${v1}/dashboard/rectification-figures`, `${v1}/dashboard/rectification-figures?unitId=${city.id}&from=2022-09-01&to=2022-09-30`, admin);
      await conforms('get', `${v1}/reports/monthly`, `${v1}/reports/monthly?month=2022-09&unitId=${city.id}`, admin);
      await conforms('get', `${v1}/reports/monthly`, `${v1}/reports/monthly?month=2022-10&unitId=${city.id}`, admin);
      await conforms('get', `${v1}/rectification/settings`, `${v1}/rectification/settings`, operator.token);
      await conforms('get', `${v1}/reminders/settings`, `${v1}/reminders/settings`, admin);
      await conforms('get', `${v1}/reminders/settings`, `${v1}/reminders/settings`, operator.token);
      await conforms('get', `${v1}/notifications`, `${v1}/notifications`, admin);
      await conforms('get', `${v1}/audit-logs`, `${v1}/audit-logs?entityType=unit&entityId=${countyA.id}`, admin);
      await conforms('get', '/health', '/health', null);
      await conforms('get', `${v1}/tasks`, `${v1}/tasks`, null);
    });
  });
});
