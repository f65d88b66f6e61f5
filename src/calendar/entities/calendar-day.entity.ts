import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DayKind } from '../working-days';

/** One local day of China's working-day calendar; a year is present only as all its days. */
@Entity('calendar_day')
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DayKind;

  @Column({ type: 'varchar', length: 50, nullable: true })
  name: string | null;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
