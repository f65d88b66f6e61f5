import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764140000000 implements MigrationInterface {
  name = 'Foundation1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit (
        id INT NOT NULL AUTO_INCREMENT,
        code VARCHAR(64) NOT NULL,
        name VARCHAR(200) NOT NULL,
        short_name VARCHAR(100) NULL,
        kind VARCHAR(32) NOT NULL,
        level VARCHAR(16) NOT NULL,
        parent_id INT NULL,
        path VARCHAR(255) NOT NULL,
        contact_emails JSON NOT NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_unit_code (code),
        KEY ix_unit_path (path),
        KEY ix_unit_parent (parent_id),
        CONSTRAINT fk_unit_parent FOREIGN KEY (parent_id) REFERENCES unit (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE app_user (
        id INT NOT NULL AUTO_INCREMENT,
        username VARCHAR(64) NOT NULL,
        password_hash VARCHAR(255) NOT NULL,
        display_name VARCHAR(100) NOT NULL,
        email VARCHAR(254) NOT NULL,
        role VARCHAR(16) NOT NULL,
        unit_id INT NOT NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_user_username (username),
        KEY ix_user_unit_role (unit_id, role),
        CONSTRAINT fk_user_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE channel (
        id INT NOT NULL AUTO_INCREMENT,
        code VARCHAR(64) NOT NULL,
        unit_id INT NOT NULL,
        kind VARCHAR(16) NOT NULL,
        name VARCHAR(200) NOT NULL,
        url VARCHAR(1000) NULL,
        platform_label VARCHAR(50) NOT NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_channel_code (code),
        KEY ix_channel_unit_kind (unit_id, kind),
        CONSTRAINT fk_channel_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE audit_log (
        id BIGINT NOT NULL AUTO_INCREMENT,
        actor_id INT NULL,
        actor_username VARCHAR(64) NOT NULL,
        action VARCHAR(64) NOT NULL,
        entity_type VARCHAR(64) NOT NULL,
        entity_id VARCHAR(64) NULL,
        \`before\` JSON NULL,
        \`after\` JSON NULL,
        at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_audit_entity (entity_type, entity_id),
        KEY ix_audit_at (at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP TABLE channel');
    await q.query('DROP TABLE app_user');
    await q.query('DROP TABLE unit');
  }
}
