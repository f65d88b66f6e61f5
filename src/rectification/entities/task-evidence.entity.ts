import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A link or a stored file handed in with a submission. Files are named by their SHA-256. */
@Entity('task_evidence')
export class TaskEvidenceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  taskId: number;

  @Column({ type: 'bigint' })
  transitionId: number;

  @Column({ type: 'varchar', length: 8 })
  kind: 'url' | 'file';

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  mime: string | null;

  @Column({ type: 'int', nullable: true })
  size: number | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  /** Relative to the upload directory. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  storagePath: string | null;

  @Column()
  uploadedBy: number;

  @Column({ type: 'datetime', precision: 3 })
  uploadedAt: Date;
}
