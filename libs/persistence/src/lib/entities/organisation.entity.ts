import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant: one company measuring its social network rollout. */
@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  slug: string;

  /** k: aggregates over fewer distinct people are suppressed. */
  @Column('integer', { default: 5 })
  minGroupSize: number;

  /** IANA zone used for day and week boundaries in KPIs. */
  @Column('text', { default: 'UTC' })
  timeZone: string;

  /** Secret of the keyed hash that pseudonymises person ids at ingest; never leaves the server. */
  @Column({ type: 'bytea', select: false, insert: false, update: false })
  pseudonymKey: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
