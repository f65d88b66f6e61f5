import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../../common/actor';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 64, unique: true })
  username: string;

  @Column({ length: 255, select: false })
  passwordHash: string;

  @Column({ length: 100 })
  displayName: string;

  @Column({ length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column()
  unitId: number;

  @Column({ default: true })
  active: boolean;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
