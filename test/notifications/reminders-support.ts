import { FixedClock } from '../../src/common/clock';
import { parseInstant } from '../../src/common/time/local-date';
import { TestApp } from '../support/test-app';

export const TZ = 'Asia/Shanghai';
export const at = (local: string) => parseInstant(local, TZ)!;
/** 24:00 local of a due day (DESIGN.md "Time"). */
export const dueAtEndOf = (day: string) => new Date(at(day).getTime() + 86_400_000);

/**
 * Rows of other modules' tables, written with SQL as their modules would (the tables exist by
 * migration; their services are built in parallel). Columns follow the migrations exactly, so
 * the tests stay valid when those services land.
 */
export class ReminderFixtures {
  constructor(private readonly t: TestApp) {}

  async task(unitId: number, dueDay: string, fields: { title?: string; status?: string } = {}): Promise<number> {
    const result = await this.t.dataSource.query(
      "INSERT INTO task (title, unit_id, source, category, status, due_at, opened_at) VALUES (?, ?, 'finding', 'other', ?, ?, ?)",
      [fields.title ?? `整改任务 ${this.t.uid()}`, unitId, fields.status ?? 'open', dueAtEndOf(dueDay), at('2022-09-01 10:00')],
    );
    return Number(result.insertId);
  }

  async channel(unitId: number, kind: string, name: string): Promise<number> {
    const res = await this.t
      .http()
      .post('/api/v1/channels')
      .auth(await this.t.adminToken(), { type: 'bearer' })
      .send({ unitId, kind, name, url: kind === 'website' ? `https://${this.t.uid().toLowerCase()}.example.gov.cn/` : undefined });
    if (res.status !== 201) throw new Error(`create channel: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async message(channelId: number, unitId: number, receivedAt: string, dueDay: string, subject: string): Promise<number> {
    const result = await this.t.dataSource.query(
      "INSERT INTO message (channel_id, unit_id, category, requirement_code, subject, received_at, due_last_day, due_at) VALUES (?, ?, 'general', 'MESSAGE_GENERAL_5_WORKDAYS', ?, ?, ?, ?)",
      [channelId, unitId, subject, at(receivedAt), dueDay, dueAtEndOf(dueDay)],
    );
    return Number(result.insertId);
  }

  async item(f: { requirement: string; unitId: number; channelId: number; start: string; end: string; status?: string; observed?: number; required?: number; final?: boolean }): Promise<number> {
    const result = await this.t.dataSource.query(
      `INSERT INTO checklist_item (requirement_code, subject_type, subject_id, unit_id, channel_id, period_start, period_end, window_start, due_at, finalize_at, required, params, observed, status, final)
       VALUES (?, 'channel', ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
      [f.requirement, f.channelId, f.unitId, f.channelId, f.start, f.end, f.start, dueAtEndOf(f.end), dueAtEndOf(f.end), f.required ?? 1, f.observed ?? 0, f.status ?? 'pending', f.final ? 1 : 0],
    );
    return Number(result.insertId);
  }

  async rows(where: string, params: unknown[]): Promise<any[]> {
    return this.t.dataSource.query(`SELECT * FROM notification WHERE ${where} ORDER BY id`, params);
  }
}

export async function runReminders(t: TestApp, clock: FixedClock, asOf: string) {
  clock.set(at(asOf));
  const res = await t.http().post('/api/v1/reminders/run').auth(await t.adminToken(), { type: 'bearer' }).send({ asOf });
  if (res.status !== 200) throw new Error(`run reminders: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { planned: number; queued: number; byKind: Record<string, number> };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
