import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disclosure statistics (政务公开数据统计), imported monthly per unit: one row per (unit,
 * month), so re-importing a month replaces that month's figures for the units in the file.
 * `month` is the local month `YYYY-MM`; `application_count` (本月依申请公开数) is reported by
 * county governments only, so it may be NULL.
 */
export class Reports1764140000500 implements MigrationInterface {
  name = 'Reports1764140000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disclosure_stat (
        id INT NOT NULL AUTO_INCREMENT,
        unit_id INT NOT NULL,
        month CHAR(7) NOT NULL,
        cumulative_total INT UNSIGNED NOT NULL,
        month_count INT UNSIGNED NOT NULL,
        application_count INT UNSIGNED NULL,
        imported_by INT NOT NULL,
        imported_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_disclosure_stat_unit_month (unit_id, month),
        KEY ix_disclosure_stat_month (month),
        CONSTRAINT fk_disclosure_stat_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE disclosure_stat');
  }
}
