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
 */
export class EvaluationWindows1764140000600 implements MigrationInterface {
  name = 'EvaluationWindows1764140000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE publication ADD KEY ix_publication_date_channel_at (local_date, channel_id, published_at)');
    await q.query(
      'ALTER TABLE checklist_item DROP KEY ix_item_open, ADD KEY ix_item_open (final, subject_type, period_start, window_start, period_end)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE checklist_item DROP KEY ix_item_open, ADD KEY ix_item_open (final, period_start)');
    await q.query('ALTER TABLE publication DROP KEY ix_publication_date_channel_at');
  }
}
