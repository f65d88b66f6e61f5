import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { ChecklistsProcessor } from '../../src/checklists/checklists.processor';
import { FixedClock } from '../../src/common/clock';
import { QueueName } from '../../src/queue/queues';
import { OrgFixtures } from '../support/org-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

describe('checklist worker', () => {
  let t: TestApp;
  // 2026 is the last year with calendar data: next week reaches 2027.
  const clock = new FixedClock(new Date('2026-12-28T02:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { APP_ROLE: 'worker' } });
  });
  afterAll(async () => t?.close());

  it('registers its job schedulers in the configured time zone, ids without colons', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Checklists));
    // Registered in the background once the worker starts (it never waits for Redis to start).
    await waitFor(async () => (await queue.getJobSchedulersCount()) === 3, 10_000, 'the checklist schedulers');
    const schedulers = await queue.getJobSchedulers();
    const byId = Object.fromEntries(schedulers.map((s) => [s.key, s]));
    expect(byId['checklists-generate-nightly']).toMatchObject({ pattern: '5 0 * * *', tz: 'Asia/Shanghai', name: 'generate' });
    expect(byId['checklists-evaluate-quarter-hourly']).toMatchObject({ pattern: '*/15 * * * *', name: 'evaluate' });
    expect(byId['checklists-evaluate-day-end']).toMatchObject({ pattern: '10 0 * * *' });
    for (const s of schedulers) expect(s.key).not.toContain(':');
  });

  it('generates today and tomorrow even when next week reaches a year without calendar data', async () => {
    const org = new OrgFixtures(t);
    const unit = await org.unit({ kind: 'government', level: 'county' });
    const res = await t.http().post('/api/v1/channels').auth(await t.adminToken(), { type: 'bearer' }).send({ unitId: unit.id, kind: 'website', name: '某县政府网' });
    const result = await t.app.get(ChecklistsProcessor).generateAhead();
    expect(result.created).toBeGreaterThan(0);
    const days = await t.dataSource.query('SELECT period_start FROM checklist_item WHERE channel_id = ? ORDER BY period_start', [res.body.id]);
    expect(days.map((d: { period_start: string }) => d.period_start)).toEqual(['2026-12-28', '2026-12-29']);
  });
});
