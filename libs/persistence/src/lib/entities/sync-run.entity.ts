import type { RunWarning, SyncRunStatus, SyncRunTrigger } from '@uptake/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

// The API contract owns the lists; re-exported for the worker and the stores.
export { SYNC_RUN_STATUSES, type SyncRunStatus, type SyncRunTrigger } from '@uptake/contracts';

export interface SyncRunInput {
  fileName: string;
  size: number;
  spoolPath: string;
}

/** bigint counters come back from pg as strings; expose them as numbers (counts stay far below 2^53). */
const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
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

  /** Usage report counts a republished report corrected or withdrew. */
  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsUpdated: number;

  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsQuarantined: number;

  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsUsage: number;

  /** Org units and people upserted from a directory source. */
  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  recordsDirectory: number;

  @Column('text', { nullable: true })
  error: string | null;

  /** What the run wants its maintainer to know besides bad records (at most MAX_RUN_WARNINGS, aggregated). */
  @Column('jsonb', { default: () => "'[]'::jsonb" })
  warnings: RunWarning[];

  /** Merged checkpoints of what this run has committed: a restarted attempt resumes from here. */
  @Column('jsonb', { nullable: true })
  checkpoint: Record<string, unknown> | null;

  /** The file a file-based run reads. The spool path never leaves the server. */
  @Column('jsonb', { nullable: true })
  input: SyncRunInput | null;

  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  progressDone: number | null;

  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  progressTotal: number | null;

  /** Attempts started (a worker crash or a retry starts another one). */
  @Column('integer', { default: 0 })
  attempts: number;

  /** Span of event times this run stored: what post-ingest recomputation refreshes. */
  @Column('timestamptz', { nullable: true })
  affectedFrom: Date | null;

  @Column('timestamptz', { nullable: true })
  affectedTo: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A record a connector could not read: where it is and why, never its content (it may hold message text). */
@Entity({ name: 'quarantined_records' })
export class QuarantinedRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  sourceId: string;

  @Column('uuid', { nullable: true })
  syncRunId: string | null;

  @Column('text', { nullable: true })
  file: string | null;

  @Column('integer', { nullable: true })
  line: number | null;

  @Column('text', { nullable: true })
  field: string | null;

  @Column('text', { nullable: true })
  recordId: string | null;

  @Column('text')
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
