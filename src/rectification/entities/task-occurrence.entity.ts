import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One missed checklist item folded into an open task; the item id is unique, so recording is idempotent. */
@Entity('task_occurrence')
export class TaskOccurrenceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  taskId: number;

  @Column({ type: 'int', nullable: true, unique: true })
  checklistItemId: number | null;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'datetime', precision: 3 })
  detectedAt: Date;
}
