import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One admin-editable reminder setting (see reminder-settings.ts for the keys and defaults). */
@Entity('notification_setting')
export class NotificationSettingEntity {
  @PrimaryColumn({ length: 64 })
  settingKey: string;

  @Column({ type: 'json' })
  value: unknown;

  @Column({ type: 'int', nullable: true })
  updatedBy: number | null;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
