import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TaskStatus } from '../task-workflow';

/** Who moved a task from what to what, when and why. Rows are only ever inserted. */
@Entity('task_transition')
export class TaskTransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column()
  taskId: number;

  /** Null for the row that records the task being opened. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: TaskStatus | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus: TaskStatus;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ length: 64 })
  actorUsername: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
