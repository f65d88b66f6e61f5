import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CHANNEL_KINDS = ['website', 'wechat', 'weibo', 'douyin', 'toutiao', 'app', 'other'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** How reports name a platform when a channel has no label of its own. */
export const DEFAULT_PLATFORM_LABELS: Record<ChannelKind, string> = {
  website: '网站',
  wechat: '微信公众号',
  weibo: '微博',
  douyin: '抖音',
  toutiao: '今日头条',
  app: '移动客户端',
  other: '其他',
};

@Entity('channel')
export class ChannelEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 64, unique: true })
  code: string;

  @Column()
  unitId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: ChannelKind;

  @Column({ length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  url: string | null;

  @Column({ length: 50 })
  platformLabel: string;

  @Column({ default: true })
  active: boolean;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
