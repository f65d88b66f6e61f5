import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what and when; rows are only ever inserted. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ length: 64 })
  actorUsername: string;

  @Column({ length: 64 })
  action: string;

  @Column({ length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'json', nullable: true })
  before: unknown;

  @Column({ type: 'json', nullable: true })
  after: unknown;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;
}
