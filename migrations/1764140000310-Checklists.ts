import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checklist items: one per (requirement, subject, period start), enforced by the unique key,
 * so generation is idempotent. `required` and `params` are copied from the requirement when
 * the item is generated: a later change to the catalogue applies to later periods only.
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
        due_at DATETIME(3) NOT NULL,
        finalize_at DATETIME(3) NOT NULL,
        required INT NOT NULL DEFAULT 1,
        params JSON NOT NULL,
        observed INT NOT NULL DEFAULT 0,
        status VARCHAR(16) NOT NULL DEFAULT 'pending',
        final TINYINT(1) NOT NULL DEFAULT 0,
        evaluated_at DATETIME(3) NULL,
        waived_by INT NULL,
        waived_at DATETIME(3) NULL,
        waive_reason VARCHAR(500) NULL,
        task_id INT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_item_period (requirement_code, subject_type, subject_id, period_start),
        KEY ix_item_unit_period (unit_id, period_start),
        KEY ix_item_channel_period (channel_id, period_start),
        KEY ix_item_open (final, due_at),
        KEY ix_item_status_period (status, period_start)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checklist_item');
  }
}
