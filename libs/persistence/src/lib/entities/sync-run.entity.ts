import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export type SyncRunTrigger = 'manual' | 'schedule' | 'upload' | 'webhook' | 'demo';

/** bigint counters come back from pg as strings; expose them as numbers (counts stay far below 2^53). */
const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

@Entity({ name: 'sync_runs' })
export class SyncRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  sourceId: string;

  @Column('text', { default: 'queued' })
  status: SyncRunStatus;

  @Column('text', { default: 'manual' })
  trigger: SyncRunTrigger;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsRead: number;

  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsInserted: number;

  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsDuplicate: number;

  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsQuarantined: number;

  @Column('text', { nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
