import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDayRecord } from './working-days';

@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findAllDays(): Promise<CalendarDayRecord[]> {
    return this.dataSource.query('SELECT date, kind, name FROM calendar_day ORDER BY date');
  }

  async findDaysBetween(from: string, to: string): Promise<CalendarDayRecord[]> {
    return this.dataSource.query('SELECT date, kind, name FROM calendar_day WHERE date BETWEEN ? AND ? ORDER BY date', [from, to]);
  }

  async findYearDays(year: number, manager?: EntityManager): Promise<CalendarDayRecord[]> {
    return (manager ?? this.dataSource.manager).query('SELECT date, kind, name FROM calendar_day WHERE date BETWEEN ? AND ? ORDER BY date', [`${year}-01-01`, `${year}-12-31`]);
  }

  /** Changes whenever a day is added or changed; instances poll it to pick up edits. */
  async findFingerprint(): Promise<string> {
    const [row] = await this.dataSource.query('SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM calendar_day');
    return `${row.n}:${row.at ? new Date(row.at).getTime() : 0}`;
  }

  async updateDay(manager: EntityManager, day: CalendarDayRecord): Promise<void> {
    await manager.query('UPDATE calendar_day SET kind = ?, name = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE date = ?', [day.kind, day.name ?? null, day.date]);
  }

  async replaceYear(manager: EntityManager, year: number, days: CalendarDayRecord[]): Promise<void> {
    await manager.query('DELETE FROM calendar_day WHERE date BETWEEN ? AND ?', [`${year}-01-01`, `${year}-12-31`]);
    await manager.query(`INSERT INTO calendar_day (date, kind, name) VALUES ${days.map(() => '(?, ?, ?)').join(', ')}`, days.flatMap((d) => [d.date, d.kind, d.name ?? null]));
  }
}
