import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { FindingCategory, FindingSource, Severity } from '../rectification-settings';

/** A problem found by an inspection or by Duban itself; each opens a rectification task. */
@Entity('finding')
export class FindingEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  unitId: number;

  @Column({ type: 'int', nullable: true })
  channelId: number | null;

  @Column({ type: 'varchar', length: 32 })
  category: FindingCategory;

  @Column({ type: 'varchar', length: 32 })
  source: FindingSource;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'datetime', precision: 3 })
  foundAt: Date;

  @Column({ type: 'varchar', length: 16 })
  severity: Severity;

  /** DECIMAL(6,2); mysql2 returns it as a string. */
  @Column({ type: 'decimal', precision: 6, scale: 2 })
  deductionPoints: string;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
