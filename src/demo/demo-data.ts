import { INestApplication } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ListChannelsQuery } from '../channels/channels.dto';
import { ChannelsService } from '../channels/channels.service';
import { CHANNEL_KINDS, ChannelKind } from '../channels/entities/channel.entity';
import { Actor, Role } from '../common/actor';
import { parseCsv } from '../common/csv';
import { DomainError } from '../common/errors';
import { validationMessages } from '../common/validation';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnitKind, UnitLevel } from '../org/entities/unit.entity';
import { ImportResult } from '../org/units.dto';
import { UnitsService } from '../org/units.service';
import { CreateUserDto, ListUsersQuery } from '../org/users.dto';
import { UsersService } from '../org/users.service';
import { DisclosureStatsService } from '../reports/disclosure-stats.service';
import { DisclosureImportResult } from '../reports/reports.dto';

/**
 * The demo: 赣州市 as its July 2022 政务公开月报 describes it. 72 units (data/demo/ganzhou-units.csv),
 * the 13 accounts the report names (ganzhou-channels-named.csv), and generated accounts so
 * the city has exactly the report's 58 websites and 921 new-media accounts, plus one user per
 * role. Everything goes through the app's own services, so the same validation, scope checks
 * and audit apply as through the API. Loading is idempotent: units and channels are imported
 * by code (a second load updates), users are skipped when their username exists.
 */

export const DEMO_PASSWORD_DEFAULT = 'duban-demo-1';

/** Every demo unit and channel code starts with this, so a shared database can tell them apart. */
export const DEMO_CODE_PREFIX = 'GZ';

/** The top unit of the demo: 赣州市人民政府. */
export const DEMO_ROOT_CODE = 'GZ';

export const DEMO_FILES = {
  units: 'ganzhou-units.csv',
  namedChannels: 'ganzhou-channels-named.csv',
  disclosure: 'ganzhou-disclosure-2022-07.csv',
} as const;

/**
 * What the report monitors (赣州市政务公开月报 2022-07, 基本情况): 58 government websites and 921
 * government new-media accounts: 701 WeChat, 95 Weibo, 3 apps and 122 others, which the demo
 * splits as 70 Douyin, 40 Toutiao and 12 other platforms.
 */
export const DEMO_CHANNEL_TARGETS: Record<ChannelKind, number> = {
  website: 58,
  wechat: 701,
  weibo: 95,
  app: 3,
  douyin: 70,
  toutiao: 40,
  other: 12,
};

export interface DemoUserSpec {
  username: string;
  role: Role;
  unitCode: string;
  displayName: string;
}

/** One user per role (the admin comes from ADMIN_USERNAME, created at start). */
export const DEMO_USERS: DemoUserSpec[] = [
  { username: 'supervisor.city', role: 'supervisor', unitCode: 'GZ', displayName: '赣州市政务公开办' },
  { username: 'supervisor.huichang', role: 'supervisor', unitCode: 'GZ-C16', displayName: '会昌县政务公开办' },
  // The unit that owns 信丰交通(微信订阅号), which the report lists as not updated in time.
  { username: 'operator.xinfeng-jt', role: 'operator', unitCode: 'GZ-C04-D-JT', displayName: '信丰县交通运输局信息员' },
  { username: 'inspector', role: 'inspector', unitCode: 'GZ', displayName: '政务公开检查员' },
];

export interface DemoOptions {
  /** The password of the demo users it creates (existing users keep theirs). */
  password?: string;
  /** Where the CSV files are; default: the project's data/demo. */
  dataDir?: string;
}

export interface DemoUser {
  username: string;
  role: Role;
  unitCode: string;
  unitName: string;
  /** false when the username already existed: its password was left alone. */
  created: boolean;
}

export interface DemoSummary {
  units: ImportResult & { rows: number };
  channels: ImportResult & { rows: number; byKind: Record<ChannelKind, number>; total: number };
  users: DemoUser[];
  /** The password given to the users created by this load. */
  password: string;
  disclosure: DisclosureImportResult;
}

/** data/demo, from src/demo (ts-jest) or dist/src/demo (the build), whichever exists. */
export function demoDataDir(): string {
  const candidates = [resolve(__dirname, '../../data/demo'), resolve(__dirname, '../../../data/demo')];
  const found = candidates.find((dir) => existsSync(join(dir, DEMO_FILES.units)));
  if (!found) throw new Error(`Demo data not found: expected ${DEMO_FILES.units} in one of ${candidates.join(', ')}`);
  return found;
}

export async function loadDemoData(app: INestApplication, options: DemoOptions = {}): Promise<DemoSummary> {
  const dir = options.dataDir ?? demoDataDir();
  const password = options.password ?? DEMO_PASSWORD_DEFAULT;
  const config = app.get<AppConfig>(APP_CONFIG);
  const unitsService = app.get(UnitsService);
  const channelsService = app.get(ChannelsService);
  const usersService = app.get(UsersService);
  const actor = await adminActor(config, usersService, unitsService);

  const unitsCsv = readFileSync(join(dir, DEMO_FILES.units));
  const units = readDemoUnits(unitsCsv);
  const unitResult = await unitsService.importCsv(actor, unitsCsv);

  const named = readNamedChannels(readFileSync(join(dir, DEMO_FILES.namedChannels)));
  const channels = [...named, ...planDemoChannels(units, named)];
  const channelResult = await channelsService.importCsv(actor, Buffer.from(toChannelCsv(channels), 'utf8'));

  const root = await unitsService.findByCode(DEMO_ROOT_CODE);
  if (!root) throw new Error(`Demo unit ${DEMO_ROOT_CODE} is missing after the import`);
  const byKind = {} as Record<ChannelKind, number>;
  for (const kind of CHANNEL_KINDS) {
    const page = await channelsService.list(actor, Object.assign(new ListChannelsQuery(), { unitId: root.id, includeSubunits: true, kind, pageSize: 1 }));
    byKind[kind] = page.total;
  }

  // The first admin was created before any unit existed, under a placeholder unit; in the
  // demo the admin belongs to the city, so the monthly report defaults to it.
  const [startUnit] = await unitsService.findByIds([actor.unitId]);
  if (startUnit?.code === 'ROOT' && startUnit.parentId === null) {
    await usersService.update(actor, actor.id, { unitId: root.id });
    await unitsService.update(actor, startUnit.id, { active: false });
    actor.unitId = root.id;
    actor.unitPath = root.path;
  }

  // The report's July 2022 disclosure figures, so the monthly report of 2022-07 has its tables.
  const disclosure = await app.get(DisclosureStatsService).importFile(actor, readFileSync(join(dir, DEMO_FILES.disclosure)));

  const users: DemoUser[] = [];
  const [adminUnit] = await unitsService.findByIds([actor.unitId]);
  users.push({ username: actor.username, role: 'admin', unitCode: adminUnit.code, unitName: adminUnit.name, created: false });
  for (const spec of DEMO_USERS) users.push(await ensureDemoUser(actor, usersService, unitsService, spec, password));

  return {
    units: { ...unitResult, rows: units.length },
    channels: { ...channelResult, rows: channels.length, byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0) },
    users,
    password,
    disclosure,
  };
}

/**
 * The admin the demo acts as: the one ADMIN_USERNAME created at start, else the first active
 * admin. Finding it takes a read through UsersService, which needs some caller; an admin-shaped
 * reader is used for that one list and for nothing that writes or is audited.
 */
export async function adminActor(config: AppConfig, users: UsersService, units: UnitsService): Promise<Actor> {
  const reader: Actor = { id: 0, username: 'demo-loader', role: 'admin', unitId: 0, unitPath: '/' };
  const admins = await users.list(reader, Object.assign(new ListUsersQuery(), { role: 'admin', active: true, pageSize: 500 }));
  const admin = admins.items.find((u) => u.username === config.adminUsername) ?? admins.items[0];
  if (!admin) throw new Error('No active admin to load the demo as: set ADMIN_USERNAME and ADMIN_PASSWORD so one is created at start');
  const [unit] = await units.findByIds([admin.unitId]);
  return { id: admin.id, username: admin.username, role: 'admin', unitId: admin.unitId, unitPath: unit.path };
}

export async function ensureDemoUser(actor: Actor, users: UsersService, units: UnitsService, spec: DemoUserSpec, password: string): Promise<DemoUser> {
  const unit = await units.findByCode(spec.unitCode);
  if (!unit) throw new Error(`Demo user ${spec.username}: unit ${spec.unitCode} is not in ${DEMO_FILES.units}`);
  const dto = plainToInstance(CreateUserDto, {
    username: spec.username,
    password,
    displayName: spec.displayName,
    email: `${spec.username}@example.gov.cn`,
    role: spec.role,
    unitId: unit.id,
  });
  // The services trust their callers; the API's validation pipe is not in this path, so check here.
  const problems = validationMessages(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length) throw new Error(`Demo user ${spec.username}: ${problems.join('; ')}`);
  const base = { username: spec.username, role: spec.role, unitCode: unit.code, unitName: unit.name };
  try {
    await users.create(actor, dto);
    return { ...base, created: true };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'USERNAME_TAKEN') return { ...base, created: false };
    throw error;
  }
}

export interface DemoUnitRow {
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  level: UnitLevel;
  parentCode: string | null;
}

export interface DemoChannelRow {
  code: string;
  unitCode: string;
  kind: ChannelKind;
  name: string;
  url: string;
  platformLabel: string;
}

export function readDemoUnits(csv: Buffer): DemoUnitRow[] {
  return parseCsv(csv, ['code', 'name', 'kind', 'level'], ['short_name', 'parent_code', 'contact_emails']).map(({ values }) => ({
    code: values.code,
    name: values.name,
    shortName: values.short_name || values.name,
    kind: values.kind as UnitKind,
    level: values.level as UnitLevel,
    parentCode: values.parent_code || null,
  }));
}

export function readNamedChannels(csv: Buffer): DemoChannelRow[] {
  return parseCsv(csv, ['code', 'unit_code', 'kind', 'name'], ['url', 'platform_label']).map(({ values }) => ({
    code: values.code,
    unitCode: values.unit_code,
    kind: values.kind as ChannelKind,
    name: values.name,
    url: values.url ?? '',
    platformLabel: values.platform_label ?? '',
  }));
}

export function toChannelCsv(rows: DemoChannelRow[]): string {
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = rows.map((r) => [r.code, r.unitCode, r.kind, r.name, r.url, r.platformLabel].map(cell).join(','));
  return ['code,unit_code,kind,name,url,platform_label', ...lines].join('\n') + '\n';
}

type Category = 'city' | 'committee' | 'county' | 'cityDepartment' | 'countyDepartment' | 'township' | 'other';
type Counts = Partial<Record<ChannelKind, number>>;

function categoryOf(unit: DemoUnitRow): Category {
  if (unit.kind === 'government' && unit.level === 'city') return 'city';
  if (unit.kind === 'government' && unit.level === 'county') return 'county';
  if (unit.kind === 'management_committee') return 'committee';
  if (unit.kind === 'department') return unit.level === 'city' ? 'cityDepartment' : 'countyDepartment';
  if (unit.level === 'township') return 'township';
  return 'other';
}

// Accounts per unit by category. County governments are left out: they take what remains of
// each kind's target, because in the demo they stand for the county departments, townships and
// streets that the tree does not list one by one.
const PER_CATEGORY: Record<Exclude<Category, 'county'>, Counts> = {
  city: { website: 1, wechat: 12, weibo: 3, douyin: 2, toutiao: 1, app: 1, other: 2 },
  committee: { website: 1, wechat: 10, weibo: 2, douyin: 1 },
  cityDepartment: { website: 1, wechat: 3 },
  countyDepartment: { wechat: 2 },
  township: { wechat: 1 },
  other: {},
};

// Departments whose work faces the public most keep accounts on more platforms; two counties
// and the city run the three apps.
const PER_UNIT: Record<string, Counts> = {
  'GZ-D03': { weibo: 1, douyin: 1 },
  'GZ-D06': { weibo: 2, douyin: 2, toutiao: 1 },
  'GZ-D08': { weibo: 1 },
  'GZ-D10': { weibo: 1 },
  'GZ-D12': { weibo: 1, douyin: 1 },
  'GZ-D14': { weibo: 1, douyin: 1 },
  'GZ-D18': { weibo: 1, douyin: 1 },
  'GZ-D19': { weibo: 1, douyin: 1, toutiao: 1 },
  'GZ-D20': { weibo: 1, douyin: 1, toutiao: 1 },
  'GZ-D25': { weibo: 1, douyin: 1 },
  'GZ-C09-D-RMT': { douyin: 2, toutiao: 1, other: 1 },
  'GZ-C16-D-GA': { douyin: 1 },
  'GZ-RJXQ-D-GA': { douyin: 1 },
  'GZ-C12': { app: 1 },
  'GZ-C15': { app: 1 },
};

// How accounts of a unit are called: its stem (赣州, 信丰, 赣州教育) plus a suffix, as in the report's
// 龙南发布, 信丰交通, 会昌公安. City departments go by the short forms people use.
const CITY_DEPARTMENT_STEMS: Record<string, string> = {
  'GZ-D01': '赣州政府办', 'GZ-D02': '赣州发改', 'GZ-D03': '赣州教育', 'GZ-D04': '赣州科技', 'GZ-D05': '赣州工信',
  'GZ-D06': '赣州公安', 'GZ-D07': '赣州民政', 'GZ-D08': '赣州司法', 'GZ-D09': '赣州财政', 'GZ-D10': '赣州人社',
  'GZ-D11': '赣州自然资源', 'GZ-D12': '赣州生态环境', 'GZ-D13': '赣州住建', 'GZ-D14': '赣州交通', 'GZ-D15': '赣州水利',
  'GZ-D16': '赣州农业农村', 'GZ-D17': '赣州商务', 'GZ-D18': '赣州文旅', 'GZ-D19': '赣州卫健', 'GZ-D20': '赣州应急',
  'GZ-D21': '赣州审计', 'GZ-D22': '赣州国资', 'GZ-D23': '赣州林业', 'GZ-D24': '赣州金融', 'GZ-D25': '赣州市场监管',
  'GZ-D26': '赣州体育', 'GZ-D27': '赣州统计', 'GZ-D28': '赣州人防', 'GZ-D29': '赣州乡村振兴', 'GZ-D30': '赣州医保',
  'GZ-D31': '赣州城管', 'GZ-D32': '赣州行政审批', 'GZ-D33': '赣南苏区振兴', 'GZ-D34': '赣州退役军人',
};
const COUNTY_DEPARTMENT_STEMS: Record<string, string> = {
  'GZ-C04-D-JT': '信丰交通',
  'GZ-C06-D-YB': '上犹医保',
  'GZ-C08-D-WL': '安远文旅',
  'GZ-RJXQ-D-GA': '蓉江新区公安',
};
const GOVERNMENT_SUFFIXES = ['发布', '政务服务', '政务公开', '融媒', '12345', '便民服务', '营商环境', '微政务', '在线', '资讯', '之声', '政务'];
const DEPARTMENT_THEMES = [
  '教育', '卫健', '公安', '交通', '人社', '市场监管', '应急', '生态环境', '自然资源', '住建', '水利', '农业农村', '商务', '文旅',
  '医保', '民政', '司法', '财政', '城管', '林业', '统计', '审计', '退役军人', '乡村振兴', '发改', '工信', '科技', '行政审批',
  '人防', '国资', '体育', '金融',
];
const DEPARTMENT_SUFFIXES = ['', '发布', '服务', '在线', '资讯', '之声'];
const CODE_SUFFIX: Record<ChannelKind, string> = { website: 'WEB', wechat: 'WX', weibo: 'WB', douyin: 'DY', toutiao: 'TT', app: 'APP', other: 'QT' };
const OTHER_PLATFORMS = ['快手', '微信视频号'];

const stripPlace = (short: string) => (short.length > 2 ? short.replace(/[县区市]$/, '') : short);

function stemOf(unit: DemoUnitRow, byCode: Map<string, DemoUnitRow>): string {
  const parent = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
  switch (categoryOf(unit)) {
    case 'city':
    case 'county':
      return stripPlace(unit.shortName);
    case 'committee':
      return unit.shortName.replace(/管委会$/, '');
    case 'cityDepartment':
      return CITY_DEPARTMENT_STEMS[unit.code] ?? `${parent ? stripPlace(parent.shortName) : ''}${unit.shortName.replace(/^市/, '').replace(/(委员会|办公室|局)$/, '')}`;
    case 'countyDepartment': {
      if (COUNTY_DEPARTMENT_STEMS[unit.code]) return COUNTY_DEPARTMENT_STEMS[unit.code];
      const place = parent?.shortName ?? '';
      const rest = unit.shortName.startsWith(place) ? unit.shortName.slice(place.length) : unit.shortName;
      return `${stripPlace(place)}${rest.replace(/(委员会|中心|分局|局|委)$/, '')}`;
    }
    case 'township':
    case 'other':
      // 上犹县梅水乡, as the report names a township's account.
      return `${parent?.shortName ?? ''}${unit.shortName}`;
  }
}

/** Names to give a unit's accounts, most likely first. */
function nameCandidates(unit: DemoUnitRow, stem: string, kind: ChannelKind): string[] {
  const category = categoryOf(unit);
  const government = category === 'city' || category === 'county' || category === 'committee';
  if (kind === 'website') {
    const site = government && category !== 'committee' ? `${unit.name}网` : `${unit.name}网站`;
    return [site, `${unit.shortName}政务服务网`, `${unit.shortName}政府信息公开网`];
  }
  if (kind === 'app') return [`掌上${stem}`, `${stem}发布`];
  if (!government) return DEPARTMENT_SUFFIXES.map((s) => `${stem}${s}`);
  // Service desks (政务服务, 12345) are WeChat service accounts; other platforms carry news.
  const suffixes = kind === 'wechat' ? GOVERNMENT_SUFFIXES : GOVERNMENT_SUFFIXES.filter((s) => !/服务|12345/.test(s));
  return [...suffixes.map((s) => `${stem}${s}`), ...(category === 'county' ? DEPARTMENT_THEMES.map((t) => `${stem}${t}`) : [])];
}

function platformLabel(kind: ChannelKind, name: string, index: number): string {
  switch (kind) {
    case 'website':
      return '网站';
    case 'wechat':
      return /服务|12345/.test(name) ? '微信服务号' : '微信订阅号';
    case 'weibo':
      return '微博';
    case 'douyin':
      return '抖音';
    case 'toutiao':
      return '今日头条';
    case 'app':
      return '移动客户端';
    case 'other':
      return OTHER_PLATFORMS[index % OTHER_PLATFORMS.length];
  }
}

/**
 * The generated accounts (not the named ones) that bring the city to DEMO_CHANNEL_TARGETS.
 * Deterministic: the same files give the same rows with the same codes, so a second load
 * updates instead of adding. Codes are `<unit code>-<WX|WB|…>-<nn>`, nn counting the unit's
 * accounts of that kind with its named ones first.
 */
export function planDemoChannels(units: DemoUnitRow[], named: DemoChannelRow[]): DemoChannelRow[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const namedCount = (unitCode: string, kind: ChannelKind) => named.filter((c) => c.unitCode === unitCode && c.kind === kind).length;
  const counties = units.filter((u) => categoryOf(u) === 'county');
  const stems = new Map(units.map((u) => [u.code, stemOf(u, byCode)]));

  // A name that belongs to another unit (its stem, or an account the report names) is not
  // given to a county government: 信丰交通 is the transport bureau's, not the county's.
  const reservedFor = (unit: DemoUnitRow) =>
    new Set([...units.filter((u) => u.code !== unit.code).map((u) => stems.get(u.code)!), ...named.filter((c) => c.unitCode !== unit.code).map((c) => c.name)]);

  const count = new Map<string, number>();
  const key = (unitCode: string, kind: ChannelKind) => `${unitCode}|${kind}`;
  for (const kind of CHANNEL_KINDS) {
    let remaining = DEMO_CHANNEL_TARGETS[kind];
    for (const unit of units) {
      const category = categoryOf(unit);
      const fixed = (category === 'county' ? 0 : (PER_CATEGORY[category][kind] ?? 0)) + (PER_UNIT[unit.code]?.[kind] ?? 0);
      const n = category === 'county' ? fixed : Math.max(fixed, namedCount(unit.code, kind));
      count.set(key(unit.code, kind), n);
      remaining -= n;
    }
    if (remaining < 0) throw new Error(`Demo plan: the units take more ${kind} accounts than the target ${DEMO_CHANNEL_TARGETS[kind]}`);
    // The rest goes to the county governments evenly, the first ones in file order taking one more.
    counties.forEach((county, i) => {
      const k = key(county.code, kind);
      const share = Math.floor(remaining / counties.length) + (i < remaining % counties.length ? 1 : 0);
      count.set(k, Math.max(count.get(k)! + share, namedCount(county.code, kind)));
    });
  }

  const rows: DemoChannelRow[] = [];
  for (const unit of units) {
    const stem = stems.get(unit.code)!;
    const reserved = categoryOf(unit) === 'county' ? reservedFor(unit) : new Set<string>();
    for (const kind of CHANNEL_KINDS) {
      const own = named.filter((c) => c.unitCode === unit.code && c.kind === kind);
      const wanted = count.get(key(unit.code, kind))! - own.length;
      const taken = new Set(own.map((c) => c.name));
      const names = nameCandidates(unit, stem, kind).filter((n) => !taken.has(n) && !reserved.has(n));
      for (let i = 0; i < wanted; i++) {
        const ordinal = own.length + i + 1;
        const name = names[i] ?? `${stem}政务${ordinal}`;
        const code = `${unit.code}-${CODE_SUFFIX[kind]}-${String(ordinal).padStart(2, '0')}`;
        rows.push({ code, unitCode: unit.code, kind, name, url: '', platformLabel: platformLabel(kind, name, ordinal - 1) });
      }
    }
  }

  const codes = new Set(named.map((c) => c.code));
  for (const row of rows) {
    if (codes.has(row.code)) throw new Error(`Demo plan: code ${row.code} is generated twice or is already a named account's`);
    codes.add(row.code);
  }
  for (const kind of CHANNEL_KINDS) {
    const total = rows.filter((r) => r.kind === kind).length + named.filter((c) => c.kind === kind).length;
    if (total !== DEMO_CHANNEL_TARGETS[kind]) throw new Error(`Demo plan: ${total} ${kind} accounts instead of ${DEMO_CHANNEL_TARGETS[kind]}`);
  }
  return rows;
}
