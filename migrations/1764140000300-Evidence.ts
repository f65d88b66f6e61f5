import { MigrationInterface, QueryRunner } from 'typeorm';
import { BUILT_IN_REQUIREMENTS } from '../src/requirements/built-in-requirements';

/** The requirement catalogue (seeded) and the evidence the checklists are judged on. */
export class Evidence1764140000300 implements MigrationInterface {
  name = 'Evidence1764140000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE requirement (
        code VARCHAR(64) NOT NULL,
        title VARCHAR(200) NOT NULL,
        kind VARCHAR(32) NOT NULL,
        params JSON NOT NULL,
        applies_to JSON NOT NULL,
        problem_category VARCHAR(32) NOT NULL,
        source_document VARCHAR(500) NOT NULL,
        source_clause VARCHAR(500) NOT NULL,
        severity VARCHAR(16) NOT NULL,
        deduction_points DECIMAL(6,2) NOT NULL DEFAULT 0,
        enabled TINYINT(1) NOT NULL DEFAULT 1,
        built_in TINYINT(1) NOT NULL DEFAULT 1,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    for (const r of BUILT_IN_REQUIREMENTS) {
      await q.query(
        `INSERT INTO requirement (code, title, kind, params, applies_to, problem_category, source_document, source_clause, severity, deduction_points)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [r.code, r.title, r.kind, JSON.stringify(r.params), JSON.stringify(r.appliesTo), r.problemCategory, r.sourceDocument, r.sourceClause, r.severity, r.deductionPoints],
      );
    }

    // One row per update seen on a channel. local_date is the Asia/Shanghai (APP_TIMEZONE) date
    // of published_at, computed by the app at insert, so counting by local day is an index range.
    // dedupe_key is 'e:'+external_id or 'u:'+url (hashed when long); NULL when neither is known.
    await q.query(`
      CREATE TABLE publication (
        id BIGINT NOT NULL AUTO_INCREMENT,
        channel_id INT NOT NULL,
        published_at DATETIME(3) NOT NULL,
        local_date DATE NOT NULL,
        title VARCHAR(500) NULL,
        url VARCHAR(1000) NULL,
        external_id VARCHAR(191) NULL,
        dedupe_key VARCHAR(191) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_publication_dedupe (channel_id, dedupe_key),
        -- Evaluation counts a channel's publications by local day as of an instant (asOf): with
        -- published_at in the index the count is read from the index alone.
        KEY ix_publication_channel_date_at (channel_id, local_date, published_at),
        CONSTRAINT fk_publication_channel FOREIGN KEY (channel_id) REFERENCES channel (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE message (
        id BIGINT NOT NULL AUTO_INCREMENT,
        channel_id INT NOT NULL,
        unit_id INT NOT NULL,
        category VARCHAR(16) NOT NULL,
        requirement_code VARCHAR(64) NOT NULL,
        subject VARCHAR(500) NULL,
        external_id VARCHAR(191) NULL,
        received_at DATETIME(3) NOT NULL,
        due_last_day DATE NOT NULL,
        due_at DATETIME(3) NOT NULL,
        replied_at DATETIME(3) NULL,
        created_by INT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_message_external (channel_id, external_id),
        KEY ix_message_unit_due (unit_id, due_at),
        KEY ix_message_due_open (replied_at, due_at),
        CONSTRAINT fk_message_channel FOREIGN KEY (channel_id) REFERENCES channel (id),
        CONSTRAINT fk_message_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE policy_document (
        id BIGINT NOT NULL AUTO_INCREMENT,
        unit_id INT NOT NULL,
        title VARCHAR(500) NOT NULL,
        url VARCHAR(1000) NOT NULL,
        published_at DATETIME(3) NOT NULL,
        due_last_day DATE NOT NULL,
        due_at DATETIME(3) NOT NULL,
        document_links_to_interpretation TINYINT(1) NULL,
        interpretation_links_to_document TINYINT(1) NULL,
        links_verified_at DATETIME(3) NULL,
        last_checked_at DATETIME(3) NULL,
        last_check_error VARCHAR(1000) NULL,
        created_by INT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_policy_unit (unit_id, published_at),
        KEY ix_policy_unverified (links_verified_at, due_at),
        CONSTRAINT fk_policy_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE policy_interpretation (
        id BIGINT NOT NULL AUTO_INCREMENT,
        policy_document_id BIGINT NOT NULL,
        title VARCHAR(500) NOT NULL,
        url VARCHAR(1000) NOT NULL,
        published_at DATETIME(3) NOT NULL,
        created_by INT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_interpretation_document (policy_document_id),
        CONSTRAINT fk_interpretation_document FOREIGN KEY (policy_document_id) REFERENCES policy_document (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE attestation (
        id BIGINT NOT NULL AUTO_INCREMENT,
        unit_id INT NOT NULL,
        requirement_code VARCHAR(64) NOT NULL,
        holiday_name VARCHAR(50) NOT NULL,
        holiday_start DATE NOT NULL,
        note TEXT NOT NULL,
        file_name VARCHAR(255) NULL,
        file_mime VARCHAR(100) NULL,
        file_size INT NULL,
        file_sha256 CHAR(64) NULL,
        file_path VARCHAR(500) NULL,
        filed_by INT NOT NULL,
        filed_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_attestation_unit (unit_id, requirement_code, holiday_start),
        CONSTRAINT fk_attestation_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    // A publication CSV imported in the background (?async=true): the staged file, progress and
    // the result, visible to the user who started it. updated_at moves with every batch, so a
    // job whose process died is recognisable by a stale updated_at.
    await q.query(`
      CREATE TABLE import_job (
        id CHAR(32) NOT NULL,
        kind VARCHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL,
        created_by INT NOT NULL,
        file_path VARCHAR(500) NULL,
        rows_done INT NOT NULL DEFAULT 0,
        result JSON NULL,
        error VARCHAR(1000) NULL,
        created_at DATETIME(3) NOT NULL,
        started_at DATETIME(3) NULL,
        finished_at DATETIME(3) NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_import_job_user (created_by, created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['import_job', 'attestation', 'policy_interpretation', 'policy_document', 'message', 'publication', 'requirement']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
