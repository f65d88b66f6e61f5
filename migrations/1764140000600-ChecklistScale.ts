import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation by window (issue 5, national scale). Open channel items share a handful of
 * counting windows ([window_start, period_end]: a day, a week, the 14 days of the silence
 * rule), so evaluation counts each window's publications once, per channel, and joins the
 * counts to the items, instead of one index dive per item.
 *
 * - `ix_publication_date_channel_at` makes a window's count a range over its days: its cost
 *   follows the publications in the window, not the channel's whole history.
 * - `ix_item_open` gains the subject type and the window, so the open windows and each
 *   window's items are read from the index alone.
 *
 * And the monthly report's roll-up reads one month of a table that holds years: `outcome` is
 * the status once it counts for a report (final, or waived; NULL while open), virtual so that
 * the many pending→met changes of an evaluation never touch its index, and
 * `ix_item_month (period_start, unit_id, outcome, channel_id)` answers the month's roll-up from
 * one range of the index alone.
 */
export class ChecklistScale1764140000600 implements MigrationInterface {
  name = 'ChecklistScale1764140000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE publication ADD KEY ix_publication_date_channel_at (local_date, channel_id, published_at)');
    await q.query(
      'ALTER TABLE checklist_item DROP KEY ix_item_open, ADD KEY ix_item_open (final, subject_type, period_start, window_start, period_end)',
    );
    await q.query("ALTER TABLE checklist_item ADD COLUMN outcome VARCHAR(16) AS (IF(final = 1 OR status = 'waived', status, NULL)) VIRTUAL");
    await q.query('ALTER TABLE checklist_item ADD KEY ix_item_month (period_start, unit_id, outcome, channel_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE checklist_item DROP KEY ix_item_month, DROP COLUMN outcome');
    await q.query('ALTER TABLE checklist_item DROP KEY ix_item_open, ADD KEY ix_item_open (final, period_start)');
    await q.query('ALTER TABLE publication DROP KEY ix_publication_date_channel_at');
  }
}
