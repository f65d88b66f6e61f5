import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One unit's disclosure figures (政务公开数据统计) for one local month `YYYY-MM`. */
@Entity('disclosure_stat')
export class DisclosureStatEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  unitId: number;

  @Column({ type: 'char', length: 7 })
  month: string;

  /** 累计总条数 / 主动公开总数: everything published up to the end of the month. */
  @Column({ type: 'int', unsigned: true })
  cumulativeTotal: number;

  /** 本月发布数 / 其中本月公开数. */
  @Column({ type: 'int', unsigned: true })
  monthCount: number;

  /** 本月依申请公开数: reported by county governments; NULL where the unit reports none. */
  @Column({ type: 'int', unsigned: true, nullable: true })
  applicationCount: number | null;

  @Column()
  importedBy: number;

  @Column({ type: 'datetime', precision: 3 })
  importedAt: Date;
}
