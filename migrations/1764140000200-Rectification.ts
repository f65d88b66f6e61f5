import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings and rectification tasks. `task.open_key` is set only while a task made from a
 * requirement is active (open, submitted, rejected); its unique index keeps at most one such
 * task per (requirement, channel), or per (requirement, unit) when there is no channel
 * (DESIGN.md "Checklist semantics"). NULLs do not collide, so closed tasks and finding tasks
 * are unconstrained. A stored generated column with a unique index works the same on MySQL 8
 * and MariaDB 10.11.
 */
export class Rectification1764140000200 implements MigrationInterface {
  name = 'Rectification1764140000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE finding (
        id INT NOT NULL AUTO_INCREMENT,
        unit_id INT NOT NULL,
        channel_id INT NULL,
        category VARCHAR(32) NOT NULL,
        source VARCHAR(32) NOT NULL,
        description TEXT NOT NULL,
        found_at DATETIME(3) NOT NULL,
        severity VARCHAR(16) NOT NULL,
        deduction_points DECIMAL(6,2) NOT NULL DEFAULT 0,
        created_by INT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_finding_unit_found (unit_id, found_at),
        KEY ix_finding_found (found_at),
        CONSTRAINT fk_finding_unit FOREIGN KEY (unit_id) REFERENCES unit (id),
        CONSTRAINT fk_finding_channel FOREIGN KEY (channel_id) REFERENCES channel (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE task (
        id INT NOT NULL AUTO_INCREMENT,
        title VARCHAR(500) NOT NULL,
        unit_id INT NOT NULL,
        channel_id INT NULL,
        requirement_code VARCHAR(64) NULL,
        finding_id INT NULL,
        source VARCHAR(16) NOT NULL,
        category VARCHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'open',
        due_at DATETIME(3) NOT NULL,
        opened_at DATETIME(3) NOT NULL,
        submitted_at DATETIME(3) NULL,
        first_submitted_at DATETIME(3) NULL,
        verified_at DATETIME(3) NULL,
        closed_at DATETIME(3) NULL,
        rework_count INT NOT NULL DEFAULT 0,
        occurrences INT NOT NULL DEFAULT 1,
        version INT NOT NULL DEFAULT 1,
        open_key VARCHAR(100) GENERATED ALWAYS AS (
          CASE WHEN status IN ('open', 'submitted', 'rejected') AND requirement_code IS NOT NULL
               THEN CONCAT(requirement_code, ':', IFNULL(CONCAT('c', channel_id), CONCAT('u', unit_id))) END
        ) STORED,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_task_open_key (open_key),
        KEY ix_task_unit_status_due (unit_id, status, due_at),
        KEY ix_task_status_due (status, due_at),
        KEY ix_task_finding (finding_id),
        KEY ix_task_closed (closed_at),
        CONSTRAINT fk_task_unit FOREIGN KEY (unit_id) REFERENCES unit (id),
        CONSTRAINT fk_task_channel FOREIGN KEY (channel_id) REFERENCES channel (id),
        CONSTRAINT fk_task_finding FOREIGN KEY (finding_id) REFERENCES finding (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE task_occurrence (
        id INT NOT NULL AUTO_INCREMENT,
        task_id INT NOT NULL,
        checklist_item_id INT NULL,
        period_start DATE NOT NULL,
        period_end DATE NOT NULL,
        detected_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_task_occurrence_item (checklist_item_id),
        KEY ix_task_occurrence_task (task_id, period_start),
        CONSTRAINT fk_task_occurrence_task FOREIGN KEY (task_id) REFERENCES task (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE task_transition (
        id BIGINT NOT NULL AUTO_INCREMENT,
        task_id INT NOT NULL,
        from_status VARCHAR(16) NULL,
        to_status VARCHAR(16) NOT NULL,
        actor_id INT NULL,
        actor_username VARCHAR(64) NOT NULL,
        at DATETIME(3) NOT NULL,
        comment TEXT NULL,
        PRIMARY KEY (id),
        KEY ix_task_transition_task (task_id, id),
        CONSTRAINT fk_task_transition_task FOREIGN KEY (task_id) REFERENCES task (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE task_evidence (
        id INT NOT NULL AUTO_INCREMENT,
        task_id INT NOT NULL,
        transition_id BIGINT NOT NULL,
        kind VARCHAR(8) NOT NULL,
        url VARCHAR(2000) NULL,
        file_name VARCHAR(255) NULL,
        mime VARCHAR(64) NULL,
        size INT NULL,
        sha256 CHAR(64) NULL,
        storage_path VARCHAR(255) NULL,
        uploaded_by INT NOT NULL,
        uploaded_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_task_evidence_task (task_id),
        CONSTRAINT fk_task_evidence_task FOREIGN KEY (task_id) REFERENCES task (id),
        CONSTRAINT fk_task_evidence_transition FOREIGN KEY (transition_id) REFERENCES task_transition (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE rectification_setting (
        setting_key VARCHAR(64) NOT NULL,
        value JSON NOT NULL,
        updated_by INT NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (setting_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rectification_setting');
    await q.query('DROP TABLE task_evidence');
    await q.query('DROP TABLE task_transition');
    await q.query('DROP TABLE task_occurrence');
    await q.query('DROP TABLE task');
    await q.query('DROP TABLE finding');
  }
}
