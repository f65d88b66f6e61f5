import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder outbox and its settings (DESIGN.md "Reminders"). Every email Duban decides to
 * send is a `notification` row first, written in the transaction that decided it; the send job
 * carries only the row id. `dedupe_key` (kind, subject, recipient, deadline or day or stage;
 * hashed when long) is unique, so planning again plans nothing new. Subject line and bodies
 * are rendered at planning, so a retry never re-decides or re-renders. `subject_due_at` is the
 * deadline the reminder speaks of: a reminder whose subject's deadline has since moved is stale.
 */
export class Notifications1764140000400 implements MigrationInterface {
  name = 'Notifications1764140000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id BIGINT NOT NULL AUTO_INCREMENT,
        kind VARCHAR(32) NOT NULL,
        dedupe_key VARCHAR(191) NOT NULL,
        recipient_email VARCHAR(254) NOT NULL,
        recipient_user_id INT NULL,
        unit_id INT NULL,
        subject_type VARCHAR(16) NOT NULL,
        subject_id BIGINT NOT NULL,
        subject_due_at DATETIME(3) NULL,
        subject_line VARCHAR(500) NOT NULL,
        body_text MEDIUMTEXT NOT NULL,
        body_html MEDIUMTEXT NOT NULL,
        status VARCHAR(20) NOT NULL DEFAULT 'pending',
        attempts INT NOT NULL DEFAULT 0,
        last_error VARCHAR(1000) NULL,
        planned_at DATETIME(3) NOT NULL,
        not_before DATETIME(3) NOT NULL,
        sent_at DATETIME(3) NULL,
        message_id VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_notification_dedupe (dedupe_key),
        KEY ix_notification_status_due (status, not_before),
        KEY ix_notification_status_updated (status, updated_at),
        KEY ix_notification_kind_status (kind, status),
        KEY ix_notification_subject (subject_type, subject_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE notification_setting (
        setting_key VARCHAR(64) NOT NULL,
        value JSON NOT NULL,
        updated_by INT NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (setting_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_setting');
    await q.query('DROP TABLE notification');
  }
}
