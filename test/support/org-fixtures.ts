import { Role } from '../../src/common/actor';
import { TestApp } from './test-app';

export interface TestUnit {
  id: number;
  code: string;
  name: string;
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
  token: string;
}

/** Creates units and users through the API as the admin, with codes unique to the test. */
export class OrgFixtures {
  constructor(private readonly t: TestApp) {}

  async unit(fields: { code?: string; name?: string; shortName?: string; kind?: string; level?: string; parent?: TestUnit; contactEmails?: string[] }): Promise<TestUnit> {
    const code = fields.code ?? this.t.uid();
    const res = await this.t
      .http()
      .post('/api/v1/units')
      .auth(await this.t.adminToken(), { type: 'bearer' })
      .send({
        code,
        name: fields.name ?? `单位${code}`,
        shortName: fields.shortName,
        kind: fields.kind ?? 'government',
        level: fields.level ?? 'county',
        parentCode: fields.parent?.code,
        contactEmails: fields.contactEmails,
      });
    if (res.status !== 201) throw new Error(`create unit: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, code, name: res.body.name };
  }

  async user(role: Role, unit: TestUnit, fields: { email?: string } = {}): Promise<TestUser> {
    const username = `${role}-${this.t.uid()}`.toLowerCase();
    const password = 'pass-word-123';
    const res = await this.t
      .http()
      .post('/api/v1/users')
      .auth(await this.t.adminToken(), { type: 'bearer' })
      .send({ username, password, displayName: `测试${role}`, email: fields.email ?? `${username}@example.gov.cn`, role, unitId: unit.id });
    if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, username, password, token: await this.t.login(username, password) };
  }

  /** A small city: city → county A (dept, township), county B (dept); a supervisor of A; operators. */
  async city() {
    const city = await this.unit({ kind: 'government', level: 'city', name: '测试市人民政府' });
    const countyA = await this.unit({ parent: city, kind: 'government', level: 'county', name: '甲县人民政府' });
    const deptA = await this.unit({ parent: countyA, kind: 'department', level: 'county', name: '甲县交通运输局' });
    const townA = await this.unit({ parent: countyA, kind: 'township', level: 'township', name: '甲县某镇' });
    const countyB = await this.unit({ parent: city, kind: 'government', level: 'county', name: '乙县人民政府' });
    const deptB = await this.unit({ parent: countyB, kind: 'department', level: 'county', name: '乙县交通运输局' });
    return { city, countyA, deptA, townA, countyB, deptB };
  }
}
