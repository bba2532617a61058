import { DEFAULT_TIME_WINDOW, type TimeWindow } from '@uptake/config';
import type { RunWarning } from '@uptake/contracts';
import {
  checkRecord,
  type ActivityRecord,
  type ConnectorMessage,
  type ConnectorState,
  type GroupRecord,
  type OrgUnitRecord,
  type PersonRecord,
  type RecordProblem,
  type UsageRecord,
} from '@uptake/connector-sdk';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { upsertGroups, upsertOrgUnits, upsertPeople, upsertUsage } from './directory-writer';
import {
  inTransaction,
  newWriterCache,
  writeEventBatch,
  type NormalisedEvent,
  type WriterCache,
} from './event-writer';
import { pseudonymise } from './pseudonymise';
import { combineWarnings, readWarnings, WarningSet } from './run-warnings';
import { outsideTimeWindow } from './time-window-check';

export interface IngestScope {
  organisationId: string;
  sourceId: string;
  /** When set, counts, checkpoint and affected days are committed on the run with each batch. */
  syncRunId?: string;
}

export interface IngestCounts {
  /** Activity records read (valid ones; a withdrawn report count, 0, is not activity). */
  read: number;
  inserted: number;
  /** Usage report counts corrected (replaced or withdrawn) by a republished report. */
  updated: number;
  duplicates: number;
  quarantined: number;
  usage: number;
  /** Org units and people upserted. */
  directory: number;
  people: number;
  orgUnits: number;
  groups: number;
}

export interface IngestResult extends IngestCounts {
  /** State after the last committed batch: where the next read of the source starts. */
  state: ConnectorState;
  /** The run's warnings as committed (those of earlier attempts of the run included). */
  warnings: RunWarning[];
  affectedFrom: Date | null;
  affectedTo: Date | null;
}

export interface IngestOptions {
  /** Records per transaction (flushed at the next checkpoint once reached). Default 5,000. */
  batchSize?: number;
  /**
   * Commit batches without waiting for the WAL flush. Default: when the run is recorded (`syncRunId`), whose
   * checkpoint commits with each batch; false forces synchronous commits (the ingest bench compares both).
   */
  asynchronousCommit?: boolean;
  /** The state the read started from; checkpoints are merged into it. */
  initialState?: ConnectorState;
  /** Location file for problems that do not name one (the uploaded file's name). */
  fileName?: string;
  /** Called after each committed batch with the running totals. */
  onCommit?: (result: IngestResult) => void | Promise<void>;
  /** Dates accepted (the config's `timeWindow`); records dated outside are quarantined. */
  timeWindow?: TimeWindow;
  /** The clock the window is measured against (tests pin it). */
  now?: () => Date;
  /**
   * The read's abort signal: a read that ended because it was aborted is incomplete, so the warnings it
   * yielded after its last checkpoint are left to the attempt that resumes it (which yields them again).
   */
  signal?: AbortSignal;
}

const ZERO: IngestCounts = {
  read: 0,
  inserted: 0,
  updated: 0,
  duplicates: 0,
  quarantined: 0,
  usage: 0,
  directory: 0,
  people: 0,
  orgUnits: 0,
  groups: 0,
};

/** Records read between two turns of the event loop while a batch is being written. */
const YIELD_EVERY = 64;

/** Pseudonyms are cached per ingest; the cache is dropped when it grows past this (memory stays bounded). */
const PSEUDONYM_CACHE_LIMIT = 200_000;

/**
 * The one way records reach Postgres: validate, pseudonymise, write in batches (one transaction per
 * batch, together with the run's counts and checkpoint), quarantine bad records and go on.
 *
 * A batch is flushed at the first checkpoint after `batchSize` records, so a committed checkpoint always
 * covers exactly what was committed with it, and a crashed run resumes from it without losing or
 * duplicating anything (re-read records are skipped by the unique key). A connector that yields no
 * checkpoint for long is flushed anyway at 4 x batchSize, keeping memory bounded; its state then lags.
 */
export async function ingest(
  dataSource: DataSource,
  scope: IngestScope,
  messages: AsyncIterable<ConnectorMessage>,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const batchSize = options.batchSize ?? 5_000;
  const timeWindow = options.timeWindow ?? DEFAULT_TIME_WINDOW;
  const now = options.now ?? (() => new Date());
  const queryRunner = dataSource.createQueryRunner();
  const client = (await queryRunner.connect()) as PoolClient;
  // The batch being written while the next one is read: one connection, so writes stay in order.
  let writing: Promise<void> | null = null;
  try {
    const key = await organisationKey(client, scope.organisationId);
    const pseudonyms = new Map<string, string>();
    const pseudonym = (identity: string): string => {
      let value = pseudonyms.get(identity);
      if (value === undefined) {
        if (pseudonyms.size >= PSEUDONYM_CACHE_LIMIT) pseudonyms.clear();
        value = pseudonymise(key, identity);
        pseudonyms.set(identity, value);
      }
      return value;
    };

    const warnings = new RunWarnings(scope.syncRunId ? await runWarnings(client, scope) : []);
    const totals: IngestResult = {
      ...ZERO,
      state: { ...(options.initialState ?? {}) },
      warnings: warnings.committed,
      affectedFrom: null,
      affectedTo: null,
    };
    const cache: WriterCache = newWriterCache();
    let batch = new PendingBatch();
    let pendingState: ConnectorState = { ...totals.state };
    // The state and warnings of the last batch handed to the writer (committed or being written).
    let queuedState: ConnectorState = totals.state;
    const written = async () => {
      const pending = writing;
      writing = null;
      if (pending) await pending;
    };

    /** Hands the batch read so far to the writer, after the previous one committed; `wait`: until it commits. */
    const flush = async (wait: boolean) => {
      const runWarnings = warnings.toCommit();
      if (batch.isEmpty() && sameState(pendingState, queuedState) && !warnings.changed(runWarnings)) {
        if (wait) await written();
        return;
      }
      const toWrite = batch;
      const state = pendingState;
      batch = new PendingBatch();
      queuedState = state;
      warnings.commit(runWarnings);
      await written();
      const write = async () => {
        // Months the batch brings (a 2019 backfill) are created in their own short transaction, not under the batch's.
        await cache.months.ensure(
          client,
          toWrite.activities.map((activity) => activity.occurredAt),
        );
        // Asynchronous commit when the batch's checkpoint commits on the run with it (syncRunId): a database
        // crash that loses the last batches loses their checkpoint with them, and the resumed run reads them
        // again from the checkpoint before (idempotent: the unique key skips what survived). The run's outcome
        // is committed synchronously (the worker's finish), which flushes the WAL of every batch before it, and
        // nothing the read consumed is deleted before that.
        const committed = await inTransaction(
          client,
          () => writeBatch(client, scope, toWrite, state, runWarnings, pseudonym, cache),
          { asynchronousCommit: options.asynchronousCommit ?? scope.syncRunId !== undefined },
        );
        addCounts(totals, committed);
        totals.state = state;
        totals.warnings = runWarnings;
        await options.onCommit?.({ ...totals });
      };
      writing = write();
      // Seen when the next batch is handed over or the read ends; not an unhandled rejection meanwhile.
      writing.catch(() => undefined);
      if (wait) await written();
    };

    let sinceYield = 0;
    for await (const message of messages) {
      // While a batch is being written, the read gives the event loop a turn every few records, so the writer's
      // replies from Postgres are taken up at once instead of after the connector's next chunk (a read chunk of a
      // few hundred rows is milliseconds of work, and a batch is a dozen round trips).
      if (writing !== null && ++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      switch (message.kind) {
        case 'checkpoint':
          pendingState = { ...pendingState, [message.stream]: message.state };
          warnings.checkpoint();
          if (batch.size >= batchSize) await flush(false);
          continue;
        case 'warning':
          warnings.add(message.warning);
          continue;
        case 'invalid':
          batch.problems.push(withFile(message.problem, options.fileName));
          break;
        default: {
          const problem = checkRecord(message) ?? outsideTimeWindow(message, timeWindow, now());
          if (problem) batch.problems.push(withFile(problem, options.fileName));
          else batch.add(message);
        }
      }
      if (batch.size >= 4 * batchSize) await flush(false);
    }
    // A complete read covers every warning it yielded.
    if (!options.signal?.aborted) warnings.checkpoint();
    await flush(true);
    return totals;
  } finally {
    // A read that failed while a batch was being written: that batch commits (or not) before the connection goes.
    // (`writing` is assigned inside the closures above, which the compiler's narrowing does not see.)
    const pending = writing as Promise<void> | null;
    await pending?.catch(() => undefined);
    await queryRunner.release();
  }
}

class PendingBatch {
  orgUnits: OrgUnitRecord[] = [];
  people: PersonRecord[] = [];
  groups: GroupRecord[] = [];
  activities: ActivityRecord[] = [];
  usage: UsageRecord[] = [];
  problems: RecordProblem[] = [];

  get size(): number {
    return (
      this.orgUnits.length +
      this.people.length +
      this.groups.length +
      this.activities.length +
      this.usage.length +
      this.problems.length
    );
  }

  isEmpty(): boolean {
    return this.size === 0;
  }

  add(message: Exclude<ConnectorMessage, { kind: 'checkpoint' | 'invalid' | 'warning' }>): void {
    switch (message.kind) {
      case 'orgUnit':
        return void this.orgUnits.push(message.record);
      case 'person':
        return void this.people.push(message.record);
      case 'group':
        return void this.groups.push(message.record);
      case 'activity':
        return void this.activities.push(message.record);
      case 'usage':
        return void this.usage.push(message.record);
    }
  }
}

interface BatchCounts extends IngestCounts {
  firstAt: Date | null;
  lastAt: Date | null;
}

/** Writes one batch in dependency order, then its counts, checkpoint and warnings on the run (same transaction). */
async function writeBatch(
  client: PoolClient,
  scope: IngestScope,
  batch: PendingBatch,
  state: ConnectorState,
  warnings: readonly RunWarning[],
  pseudonym: (identity: string) => string,
  cache: WriterCache,
): Promise<BatchCounts> {
  const orNull = (identity: string | null) => (identity === null ? null : pseudonym(identity));
  await upsertOrgUnits(client, scope.organisationId, batch.orgUnits);
  await upsertPeople(
    client,
    scope.organisationId,
    batch.people.map((person) => ({
      ...person,
      externalId: pseudonym(person.externalId),
      managerExternalId: orNull(person.managerExternalId),
    })),
  );
  await upsertGroups(
    client,
    scope,
    batch.groups.map((group) => ({
      ...group,
      memberExternalIds: group.memberExternalIds?.map(pseudonym) ?? null,
    })),
  );
  const events = await writeEventBatch(
    client,
    scope,
    batch.activities.map((activity): NormalisedEvent => ({
      externalId: activity.externalId,
      occurredAt: activity.occurredAt,
      actorPseudonym: orNull(activity.actorExternalId),
      type: activity.type,
      groupExternalId: activity.groupExternalId,
      threadExternalId: activity.threadExternalId,
      targetPseudonym: orNull(activity.targetExternalId),
      contentLength: activity.contentLength,
      count: activity.count,
      fromReport: activity.fromReport === true,
    })),
    cache,
  );
  const usage = await upsertUsage(
    client,
    scope,
    batch.usage.map((figure) => ({ ...figure, personExternalId: pseudonym(figure.personExternalId) })),
  );
  await quarantine(client, scope, batch.problems);

  const counts: BatchCounts = {
    read: batch.activities.filter((activity) => activity.count > 0).length,
    inserted: events.inserted,
    updated: events.updated,
    duplicates: events.duplicates,
    quarantined: batch.problems.length,
    usage,
    directory: batch.orgUnits.length + batch.people.length,
    people: batch.people.length,
    orgUnits: batch.orgUnits.length,
    groups: batch.groups.length,
    firstAt: events.firstAt,
    lastAt: events.lastAt,
  };
  if (scope.syncRunId) await recordOnRun(client, scope, counts, state, warnings);
  return counts;
}

async function recordOnRun(
  client: PoolClient,
  scope: IngestScope,
  counts: BatchCounts,
  state: ConnectorState,
  warnings: readonly RunWarning[],
): Promise<void> {
  await client.query(
    `UPDATE sync_runs SET
       records_read = records_read + $3, records_inserted = records_inserted + $4,
       records_duplicate = records_duplicate + $5, records_quarantined = records_quarantined + $6,
       records_usage = records_usage + $7, records_directory = records_directory + $8,
       checkpoint = $9::jsonb, warnings = $12::jsonb, records_updated = records_updated + $13,
       affected_from = LEAST(affected_from, $10::timestamptz), affected_to = GREATEST(affected_to, $11::timestamptz)
     WHERE organisation_id = $1 AND id = $2`,
    [
      scope.organisationId,
      scope.syncRunId,
      counts.read,
      counts.inserted,
      counts.duplicates,
      counts.quarantined,
      counts.usage,
      counts.directory,
      JSON.stringify(state),
      counts.firstAt,
      counts.lastAt,
      JSON.stringify(warnings),
      counts.updated,
    ],
  );
}

async function runWarnings(client: PoolClient, scope: IngestScope): Promise<RunWarning[]> {
  const result = await client.query<{ warnings: unknown }>(
    'SELECT warnings FROM sync_runs WHERE organisation_id = $1 AND id = $2',
    [scope.organisationId, scope.syncRunId],
  );
  return readWarnings(result.rows[0]?.warnings);
}

/**
 * An attempt's warnings against what the run committed before it: the preamble (before the read's first
 * checkpoint) and the rest, of which only what a checkpoint covers is committed with a batch (a resumed read
 * yields the uncovered rest again).
 */
class RunWarnings {
  private readonly preamble = new WarningSet();
  private readonly covered = new WarningSet();
  private pending: RunWarning[] = [];
  private seenCheckpoint = false;
  private last: string;

  constructor(readonly committed: RunWarning[]) {
    this.last = JSON.stringify(committed);
  }

  add(warning: RunWarning): void {
    if (this.seenCheckpoint) this.pending.push(warning);
    else this.preamble.add(warning);
  }

  checkpoint(): void {
    this.seenCheckpoint = true;
    for (const warning of this.pending) this.covered.add(warning);
    this.pending = [];
  }

  toCommit(): RunWarning[] {
    return combineWarnings(this.committed, this.preamble, this.covered);
  }

  changed(warnings: RunWarning[]): boolean {
    return JSON.stringify(warnings) !== this.last;
  }

  commit(warnings: RunWarning[]): RunWarning[] {
    this.last = JSON.stringify(warnings);
    return warnings;
  }
}

/** Stores where and why, never the record itself (it may contain message text or names). */
async function quarantine(client: PoolClient, scope: IngestScope, problems: readonly RecordProblem[]) {
  if (problems.length === 0) return;
  await client.query(
    `INSERT INTO quarantined_records (organisation_id, source_id, sync_run_id, file, line, field, record_id, reason)
     SELECT $1, $2, $3, p.file, p.line, p.field, p.record_id, p.reason
     FROM unnest($4::text[], $5::int[], $6::text[], $7::text[], $8::text[]) AS p(file, line, field, record_id, reason)`,
    [
      scope.organisationId,
      scope.sourceId,
      scope.syncRunId ?? null,
      problems.map((p) => truncate(p.location.file, 1_000)),
      problems.map((p) => storableLine(p.location.line)),
      problems.map((p) => truncate(p.location.field)),
      problems.map((p) => truncate(p.location.recordId)),
      problems.map((p) => truncate(p.reason, 1_000)),
    ],
  );
}

/** A line number the `integer` column can hold (a connector's bad arithmetic must not fail the batch). */
function storableLine(line: number | undefined): number | null {
  return line !== undefined && Number.isSafeInteger(line) && line >= 0 && line <= 2_147_483_647 ? line : null;
}

/**
 * Shortened, and storable whatever the source held: a NUL (Postgres text refuses it) or a lone surrogate
 * in a record id would otherwise fail the batch that quarantines the record.
 */
function truncate(text: string | undefined, max = 200): string | null {
  if (text === undefined) return null;
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return short.replaceAll('\u0000', '\uFFFD').toWellFormed();
}

function withFile(problem: RecordProblem, fileName: string | undefined): RecordProblem {
  if (problem.location.file || !fileName) return problem;
  return { ...problem, location: { ...problem.location, file: fileName } };
}

function addCounts(totals: IngestResult, batch: BatchCounts): void {
  for (const key of Object.keys(ZERO) as (keyof IngestCounts)[]) totals[key] += batch[key];
  if (batch.firstAt && (!totals.affectedFrom || batch.firstAt < totals.affectedFrom)) {
    totals.affectedFrom = batch.firstAt;
  }
  if (batch.lastAt && (!totals.affectedTo || batch.lastAt > totals.affectedTo)) {
    totals.affectedTo = batch.lastAt;
  }
}

function sameState(a: ConnectorState, b: ConnectorState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function organisationKey(client: PoolClient, organisationId: string): Promise<Buffer> {
  const result = await client.query<{ pseudonym_key: Buffer }>(
    'SELECT pseudonym_key FROM organisations WHERE id = $1',
    [organisationId],
  );
  if (result.rowCount === 0) throw new Error(`organisation ${organisationId} does not exist`);
  return result.rows[0].pseudonym_key;
}
