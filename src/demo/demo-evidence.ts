import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { addDays, isoWeekday, mondayOf, startOfLocalDay } from '../common/time/local-date';
import { ChecklistsService } from '../checklists/checklists.service';
import { holidayRosterPeriods } from '../checklists/periods';
import { Clock } from '../common/clock';
import { toPublicationRow } from '../evidence/publication-rows';
import { RequirementsService } from '../requirements/requirements.service';
import { DEMO_CODE_PREFIX, DEMO_FILES, demoDataDir, readNamedChannels } from './demo-data';

/**
 * The demo's evidence: 60 days (up to now) of publications for every 赣州 channel, some
 * 网民留言 and their replies, a few policy documents with their interpretations and the
 * holiday duty rosters, and the checklist items of those days. Nothing is judged here: the
 * replay (demo-replay.ts) evaluates the days one by one, and evaluation counts only what had
 * happened by its `asOf`, so evidence stamped later than a replayed day does not count for it.
 *
 * Most accounts keep their rules. The 13 accounts the July 2022 report names
 * (ganzhou-channels-named.csv) and about 5% of the others do not: some post too rarely, some
 * have fallen silent. Everything is derived from the channel code, the date and the first day
 * the demo was loaded, so loading again writes nothing new (deterministic external ids; INSERT
 * IGNORE / NOT EXISTS) and a later start adds only the days since the last one. The bulk rows go
 * in as multi-row INSERTs (about 1,000 channels × 74 days).
 */

export const DEMO_EVIDENCE_DAYS = 60;

export interface DemoEvidenceOptions {
  /** The local date the demo is "today"; default today by the app's clock. */
  today?: string;
  /** Days of history before today (default 60). */
  days?: number;
  /** Where the CSV files are; default the project's data/demo. */
  dataDir?: string;
}

export interface DemoEvidenceSummary {
  /** The first day with checklist items, and today. */
  from: string;
  to: string;
  publications: number;
  messages: number;
  replies: number;
  policyDocuments: number;
  attestations: number;
  generated: { created: number; existing: number };
}

type Habit = 'keeps' | 'sparse' | 'silent';

interface DemoChannel {
  id: number;
  code: string;
  kind: string;
  unit_id: number;
  unit_kind: string;
  unit_level: string;
}

const INSERT_CHUNK = 2000;

export async function loadDemoEvidence(app: INestApplication, options: DemoEvidenceOptions = {}): Promise<DemoEvidenceSummary> {
  const dataSource = app.get(DataSource);
  const calendarService = app.get(CalendarService);
  const checklists = app.get(ChecklistsService);
  const requirements = app.get(RequirementsService);
  const clock = app.get(Clock);
  const tz = calendarService.timeZone;
  const days = options.days ?? DEMO_EVIDENCE_DAYS;
  const now = clock.now();
  const today = options.today ?? calendarService.localDateOf(now);
  // Checklists start on a Monday so the first week is whole; publications start two weeks
  // earlier so the first days' 14-day silence windows are not judged on missing history.
  const from = mondayOf(addDays(today, -days));

  const channels: DemoChannel[] = await dataSource.query(
    `SELECT c.id, c.code, c.kind, c.unit_id, u.kind AS unit_kind, u.level AS unit_level
     FROM channel c JOIN unit u ON u.id = c.unit_id WHERE c.code LIKE ? AND c.active = 1 ORDER BY c.id`,
    [`${DEMO_CODE_PREFIX}%`],
  );
  // What an earlier start loaded: its first day anchors the story (who fell silent when, the
  // days of the messages and documents), its last day is loaded again (rows are idempotent)
  // because the publications of that day may have stopped at that start's "now".
  const [loaded] = await dataSource.query(
    `SELECT MIN(p.local_date) AS first, MAX(p.local_date) AS last FROM publication p JOIN channel c ON c.id = p.channel_id WHERE c.code LIKE ?`,
    [`${DEMO_CODE_PREFIX}%`],
  );
  const firstDay: string = loaded?.first ?? addDays(from, -14);
  const story = { start: addDays(firstDay, 14), silentSince: addDays(firstDay, 14 + days - 21) };
  const evidenceFrom = loaded?.last && loaded.last > addDays(from, -14) ? loaded.last : addDays(from, -14);
  const named = namedChannelCodes(options.dataDir);
  const calendar = await calendarService.calendar();
  const isWorkingDay = (date: string) => (calendar.hasYear(Number(date.slice(0, 4))) ? calendar.isWorkingDay(date) : isoWeekday(date) <= 5);

  // ---- publications ----
  let rows: unknown[][] = [];
  let publications = 0;
  const flush = async () => {
    if (!rows.length) return;
    const result = await dataSource.query(
      `INSERT IGNORE INTO publication (channel_id, published_at, local_date, title, url, external_id, dedupe_key) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
    publications += result.affectedRows ?? 0;
    rows = [];
  };
  for (const channel of channels) {
    const habit = habitOf(channel.code, named);
    for (let date = evidenceFrom; date <= today; date = addDays(date, 1)) {
      const random = seeded(`${channel.code}|${date}`);
      const count = postsOn(channel, habit, date, isWorkingDay(date), date < story.silentSince, random);
      for (let n = 0; n < count; n++) {
        const minutes = 8 * 60 + Math.floor(random() * 14 * 60);
        const publishedAt = new Date(startOfLocalDay(date, tz).getTime() + minutes * 60_000);
        if (publishedAt.getTime() > now.getTime()) continue;
        const externalId = `demo-${channel.code}-${date}-${n}`;
        rows.push(toPublicationRow(channel.id, publishedAt, { publishedAt: publishedAt.toISOString(), title: `${date} 工作动态（${n + 1}）`, externalId }, tz));
        if (rows.length >= INSERT_CHUNK) await flush();
      }
    }
  }
  await flush();

  // ---- 网民留言: most answered on time, some late, some not at all ----
  // Each is recorded when it arrives and its reply when it is sent, never ahead of now.
  const adminId = Number((await dataSource.query("SELECT id FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1"))[0]?.id ?? 0);
  const paramsOf = async (code: string) => (await requirements.get(code)).params as { days: number; count: 'working' | 'calendar' };
  const simple = await paramsOf('MESSAGE_SIMPLE_3_DAYS');
  const general = await paramsOf('MESSAGE_GENERAL_5_WORKDAYS');
  const interactive = channels.filter((c) => c.kind !== 'website' && ['government', 'department'].includes(c.unit_kind) && c.unit_level !== 'village');
  let messages = 0;
  let replies = 0;
  const random = seeded('messages');
  for (let i = 0; i < 80 && interactive.length; i++) {
    const channel = interactive[Math.floor(random() * interactive.length)];
    const date = addDays(story.start, Math.floor(random() * days));
    const receivedAt = new Date(startOfLocalDay(date, tz).getTime() + (8 * 60 + Math.floor(random() * 12 * 60)) * 60_000);
    const category = random() < 0.6 ? 'simple' : 'general';
    const fate = random();
    const share = random();
    const late = random();
    if (receivedAt > now) continue;
    const rule = category === 'simple' ? { code: 'MESSAGE_SIMPLE_3_DAYS', ...simple } : { code: 'MESSAGE_GENERAL_5_WORKDAYS', ...general };
    let deadline: { lastDay: string; dueAt: Date };
    try {
      deadline = await calendarService.deadline(receivedAt, rule.days, rule.count);
    } catch {
      continue; // the deadline reaches a year without calendar data: leave this one out
    }
    const span = deadline.dueAt.getTime() - receivedAt.getTime();
    const repliedAt =
      fate < 0.8 ? new Date(receivedAt.getTime() + span * (0.1 + share * 0.6)) : fate < 0.9 ? new Date(deadline.dueAt.getTime() + (1 + late * 3) * 86_400_000) : null;
    const externalId = `demo-msg-${i}`;
    const result = await dataSource.query(
      `INSERT IGNORE INTO message (channel_id, unit_id, category, requirement_code, subject, external_id, received_at, due_last_day, due_at, replied_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      [channel.id, channel.unit_id, category, rule.code, DEMO_SUBJECTS[i % DEMO_SUBJECTS.length], externalId, receivedAt, deadline.lastDay, deadline.dueAt, adminId || null],
    );
    messages += result.affectedRows ?? 0;
    if (repliedAt && repliedAt <= now) {
      const replied = await dataSource.query('UPDATE message SET replied_at = ? WHERE channel_id = ? AND external_id = ? AND replied_at IS NULL', [repliedAt, channel.id, externalId]);
      replies += replied.affectedRows ?? 0;
    }
  }

  // ---- policy documents: most interpreted and linked within 3 working days, two not ----
  let policyDocuments = 0;
  const issuers: { id: number; code: string; name: string }[] = await dataSource.query(
    "SELECT id, code, COALESCE(short_name, name) AS name FROM unit WHERE code LIKE ? AND kind IN ('government', 'department') AND level IN ('city', 'county') ORDER BY id LIMIT 10",
    [`${DEMO_CODE_PREFIX}%`],
  );
  const policy = (await requirements.get('POLICY_INTERPRETATION_LINKED')).params as { days: number; count: 'working' | 'calendar' };
  for (const [i, issuer] of issuers.entries()) {
    const publishedAt = new Date(startOfLocalDay(addDays(story.start, 5 + i * 5), tz).getTime() + 10 * 3_600_000);
    let deadline: { lastDay: string; dueAt: Date };
    try {
      deadline = await calendarService.deadline(publishedAt, policy.days, policy.count);
    } catch {
      continue;
    }
    const url = `https://www.ganzhou.gov.cn/demo/zcwj/${issuer.code.toLowerCase()}-${i}.html`;
    const linked = i % 5 !== 3;
    const verifiedAt = new Date(publishedAt.getTime() + 86_400_000);
    // Recorded once it has been checked, so no row carries a check that has not happened yet.
    if (verifiedAt > now) continue;
    const inserted = await dataSource.query(
      `INSERT INTO policy_document (unit_id, title, url, published_at, due_last_day, due_at, document_links_to_interpretation, interpretation_links_to_document, links_verified_at, last_checked_at, created_by)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM policy_document WHERE url = ?)`,
      [issuer.id, `${issuer.name}关于印发${DEMO_POLICY_TOPICS[i % DEMO_POLICY_TOPICS.length]}的通知`, url, publishedAt, deadline.lastDay, deadline.dueAt, linked ? 1 : 0, linked ? 1 : 0, linked ? verifiedAt : null, verifiedAt, adminId || null, url],
    );
    policyDocuments += inserted.affectedRows ?? 0;
    if (linked) {
      await dataSource.query(
        `INSERT INTO policy_interpretation (policy_document_id, title, url, published_at, created_by)
         SELECT d.id, CONCAT('图解：', d.title), REPLACE(d.url, '.html', '-jd.html'), ?, ? FROM policy_document d
         WHERE d.url = ? AND NOT EXISTS (SELECT 1 FROM policy_interpretation pi WHERE pi.policy_document_id = d.id)`,
        [verifiedAt, adminId || null, url],
      );
    }
  }

  // ---- duty rosters: about 85% of governments and departments file theirs the day before ----
  let attestations = 0;
  if (adminId) {
    for (const holiday of holidayRosterPeriods(story.start, today, calendar)) {
      const filedAt = new Date(startOfLocalDay(holiday.start, tz).getTime() + 15 * 3_600_000 - 86_400_000);
      if (filedAt > now) continue;
      const result = await dataSource.query(
        `INSERT INTO attestation (unit_id, requirement_code, holiday_name, holiday_start, note, filed_by, filed_at)
         SELECT u.id, 'HOLIDAY_DUTY_ROSTER', ?, ?, ?, ?, ? FROM unit u
         WHERE u.code LIKE ? AND u.kind IN ('government', 'management_committee', 'department') AND MOD(CRC32(u.code), 100) >= 15
           AND NOT EXISTS (SELECT 1 FROM attestation a WHERE a.unit_id = u.id AND a.requirement_code = 'HOLIDAY_DUTY_ROSTER' AND a.holiday_start = ?)`,
        [holiday.holidayName, holiday.holidayStart, `${holiday.holidayName}期间实行7×24小时值班，带班领导和值班人员已落实`, adminId, filedAt, `${DEMO_CODE_PREFIX}%`, holiday.holidayStart],
      );
      attestations += result.affectedRows ?? 0;
    }
  }

  const generated = await checklists.generate(from, today);
  return { from, to: today, publications, messages, replies, policyDocuments, attestations, generated };
}

/** The accounts the report names (not updated in time, etc.): all of them break their rules in the demo. */
function namedChannelCodes(dataDir?: string): Set<string> {
  return new Set(readNamedChannels(readFileSync(join(dataDir ?? demoDataDir(), DEMO_FILES.namedChannels))).map((c) => c.code));
}

/** Named accounts break their rules (信丰交通 posts once a week, as the report says); ~5% of the rest too. */
export function habitOf(code: string, named: Set<string>): Habit {
  const h = hash(code) % 100;
  if (named.has(code)) return code.endsWith('-WEB') || h % 2 === 0 || code === 'GZ-C04-D-JT-WX' ? 'sparse' : 'silent';
  if (h < 3) return 'sparse';
  if (h < 5) return 'silent';
  return 'keeps';
}

/** How many updates a channel makes on a day, by its rule and its habit. */
function postsOn(channel: DemoChannel, habit: Habit, date: string, workingDay: boolean, beforeSilence: boolean, random: () => number): number {
  const weekday = isoWeekday(date);
  if (habit === 'silent') return beforeSilence && random() < 0.3 ? 1 : 0; // fell silent three weeks before the demo was first loaded
  if (channel.kind === 'website') {
    if (habit === 'sparse') return random() < 0.6 ? 1 : 0;
    return 1 + (random() < 0.5 ? 1 : 0);
  }
  const governmentAccount = ['government', 'management_committee'].includes(channel.unit_kind) && ['city', 'county'].includes(channel.unit_level);
  if (habit === 'sparse') return weekday === 3 ? 1 : 0; // once a week: below the twice-weekly rule
  if (governmentAccount) return workingDay ? 1 + (random() < 0.4 ? 1 : 0) : random() < 0.2 ? 1 : 0;
  // Weekly accounts: Tuesday and Thursday, and now and then one more.
  return weekday === 2 || weekday === 4 ? 1 : random() < 0.1 ? 1 : 0;
}

export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A small deterministic generator (mulberry32) seeded by a string. */
function seeded(seed: string): () => number {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEMO_SUBJECTS = ['咨询社保卡办理地点', '反映小区路灯损坏', '咨询义务教育入学政策', '建议增加公交班次', '咨询不动产登记材料', '反映噪音扰民', '咨询医保异地报销', '反映道路积水'];
const DEMO_POLICY_TOPICS = ['促进消费若干措施', '优化营商环境实施方案', '稳就业工作方案', '农村人居环境整治方案', '城市更新行动方案'];
