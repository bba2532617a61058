import type { Locale } from '@uptake/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericAsNumber } from './numeric-column';

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

  /**
   * Cell-key perturbation of published counts (libs/kpi/src/lib/disclosure), on by default. Off, figures are
   * exact and only suppressed below k, which does not protect against differencing of overlapping queries.
   */
  @Column('boolean', { default: true })
  perturbation: boolean;

  /** IANA zone used for day and week boundaries in KPIs. */
  @Column('text', { default: 'UTC' })
  timeZone: string;

  /** Value model default of business goals that set none: working days a year. */
  @Column('smallint', { default: 220 })
  workingDaysPerYear: number;

  /** Value model default of business goals that set none: cost of an hour of work, in the goals' currency. */
  @Column('numeric', { precision: 7, scale: 2, default: 60, transformer: numericAsNumber })
  defaultHourlyCost: number;

  /** Language of members who chose none (dashboard, digests, alerts, exports). */
  @Column('text', { default: 'en' })
  defaultLocale: Locale;

  /**
   * Months of activity events kept before the current month (organisation time zone); null keeps everything.
   * The worker's EventRetention deletes older events and their rollups.
   */
  @Column('smallint', { nullable: true, default: null })
  eventRetentionMonths: number | null;

  /** Secret of the keyed hash that pseudonymises person ids at ingest; never leaves the server. */
  @Column({ type: 'bytea', select: false, insert: false, update: false })
  pseudonymKey: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
