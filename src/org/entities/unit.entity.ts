import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const UNIT_KINDS = ['government', 'management_committee', 'department', 'township', 'village', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_LEVELS = ['city', 'county', 'township', 'village'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

@Entity('unit')
export class UnitEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_unit_code', { unique: true })
  @Column({ length: 64 })
  code: string;

  @Column({ length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  shortName: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: UnitKind;

  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  /** `/1/5/23/`: the ids from the root to this unit; a subtree is a path prefix. */
  @Column({ length: 255 })
  path: string;

  @Column({ type: 'json' })
  contactEmails: string[];

  @Column({ default: true })
  active: boolean;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
