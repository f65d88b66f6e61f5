import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One admin-editable setting (see rectification-settings.ts for the keys and defaults). */
@Entity('rectification_setting')
export class RectificationSettingEntity {
  @PrimaryColumn({ length: 64 })
  settingKey: string;

  @Column({ type: 'json' })
  value: unknown;

  @Column({ type: 'int', nullable: true })
  updatedBy: number | null;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
