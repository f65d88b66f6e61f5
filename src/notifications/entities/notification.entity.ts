import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind, NotificationStatus, SubjectType } from '../notification-kinds';

/**
 * One email Duban decided to send (the outbox). Written in the transaction that decided it,
 * rendered then; the send job carries only `id`. See migrations/1764140000400-Notifications.ts.
 */
@Entity('notification')
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ length: 191 })
  dedupeKey: string;

  @Column({ length: 254 })
  recipientEmail: string;

  @Column({ type: 'int', nullable: true })
  recipientUserId: number | null;

  @Column({ type: 'int', nullable: true })
  unitId: number | null;

  @Column({ type: 'varchar', length: 16 })
  subjectType: SubjectType;

  @Column({ type: 'bigint' })
  subjectId: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  subjectDueAt: Date | null;

  @Column({ length: 500 })
  subjectLine: string;

  @Column({ type: 'mediumtext' })
  bodyText: string;

  @Column({ type: 'mediumtext' })
  bodyHtml: string;

  @Column({ type: 'varchar', length: 20 })
  status: NotificationStatus;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', precision: 3 })
  plannedAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  notBefore: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  messageId: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
