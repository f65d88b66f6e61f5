import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checklist items: one per (requirement, subject, period start), enforced by the unique key,
 * so generation is idempotent. `required` and `params` are copied from the requirement when
 * the item is generated: a later change to the catalogue applies to later periods only.
 *
 * `window_start` is the first local day whose publications count (the period start, or for
 * the 14-day silence rule the first day of the window ending at period_end), so evaluation
 * counts `local_date BETWEEN window_start AND period_end` for every frequency rule alike.
 * `holiday_start` names the holiday a duty-roster item is for (attestation.holiday_start).
 * `miss_recorded_at` is set once a final miss has been handed to rectification, so a failed
 * hand-over is retried by the next evaluation and a done one is never repeated.
 * `unrecorded_miss` (1 or NULL) indexes exactly those final misses, and `final_miss` every final
 * miss (the monthly report's problems, read from ix_item_final_miss alone: a month's misses in
 * one range instead of every item of the month looked up unit by unit). Both are virtual
 * columns because an index over `status` itself would be rewritten by every pending→met of an
 * evaluation (about 15% of its cost); these change only when a miss becomes final or recorded.
 * Queries name the virtual column (MariaDB does not match `final = 1 AND status = 'missed'` to it).
 * `finalized_at` is the marker (clock instant) of the evaluation run that made the item final;
 * evaluation sets nothing else per run, so a re-run that changes no count or status writes no row.
 */
export class Checklists1764140000310 implements MigrationInterface {
  name = 'Checklists1764140000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checklist_item (
        id BIGINT NOT NULL AUTO_INCREMENT,
        requirement_code VARCHAR(64) NOT NULL,
        subject_type VARCHAR(16) NOT NULL,
        subject_id BIGINT NOT NULL,
        unit_id INT NOT NULL,
        channel_id INT NULL,
        period_start DATE NOT NULL,
        period_end DATE NOT NULL,
        window_start DATE NOT NULL,
        holiday_start DATE NULL,
        due_at DATETIME(3) NOT NULL,
        finalize_at DATETIME(3) NOT NULL,
        required INT NOT NULL DEFAULT 1,
        params JSON NOT NULL,
        observed INT NOT NULL DEFAULT 0,
        status VARCHAR(16) NOT NULL DEFAULT 'pending',
        final TINYINT(1) NOT NULL DEFAULT 0,
        finalized_at DATETIME(3) NULL,
        waived_by INT NULL,
        waived_at DATETIME(3) NULL,
        waive_reason VARCHAR(500) NULL,
        task_id INT NULL,
        miss_recorded_at DATETIME(3) NULL,
        final_miss TINYINT AS (IF(final = 1 AND status = 'missed', 1, NULL)) VIRTUAL,
        unrecorded_miss TINYINT AS (IF(final = 1 AND status = 'missed' AND miss_recorded_at IS NULL, 1, NULL)) VIRTUAL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_item_period (requirement_code, subject_type, subject_id, period_start),
        KEY ix_item_unit_period (unit_id, period_start),
        KEY ix_item_channel_period (channel_id, period_start),
        KEY ix_item_open (final, period_start),
        KEY ix_item_period_end (period_end, unit_id),
        KEY ix_item_final_miss (final_miss, period_start, unit_id, channel_id, requirement_code),
        KEY ix_item_unrecorded_miss (unrecorded_miss)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checklist_item');
  }
}
