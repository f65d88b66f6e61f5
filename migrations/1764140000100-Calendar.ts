import { MigrationInterface, QueryRunner } from 'typeorm';
import { HOLIDAY_YEARS } from '../src/calendar/holiday-data';
import { buildYearDays } from '../src/calendar/working-days';

/** The working-day calendar, seeded with every year the project ships data for (see holiday-data.ts). */
export class Calendar1764140000100 implements MigrationInterface {
  name = 'Calendar1764140000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_day (
        date DATE NOT NULL,
        kind VARCHAR(16) NOT NULL,
        name VARCHAR(50) NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (date)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    for (const [year, notice] of Object.entries(HOLIDAY_YEARS)) {
      const days = buildYearDays(Number(year), notice.holidays, notice.makeupWorkdays);
      await q.query(`INSERT INTO calendar_day (date, kind, name) VALUES ${days.map(() => '(?, ?, ?)').join(', ')}`, days.flatMap((d) => [d.date, d.kind, d.name ?? null]));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_day');
  }
}
