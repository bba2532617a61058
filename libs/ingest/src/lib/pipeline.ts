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
import { inTransaction, writeEventBatch, type NormalisedEvent } from './event-writer';
import { pseudonymise } from './pseudonymise';

export interface IngestScope {
  organisationId: string;
  sourceId: string;
  /** When set, counts, checkpoint and affected days are committed on the run with each batch. */
  syncRunId?: string;
}

export interface IngestCounts {
  /** Activity records read (valid ones). */
  read: number;
  inserted: number;
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
  affectedFrom: Date | null;
  affectedTo: Date | null;
}

export interface IngestOptions {
  /** Records per transaction (flushed at the next checkpoint once reached). Default 5,000. */
  batchSize?: number;
  /** The state the read started from; checkpoints are merged into it. */
  initialState?: ConnectorState;
  /** Location file for problems that do not name one (the uploaded file's name). */
  fileName?: string;
  /** Called after each committed batch with the running totals. */
  onCommit?: (result: IngestResult) => void | Promise<void>;
}

const ZERO: IngestCounts = {
  read: 0,
  inserted: 0,
  duplicates: 0,
  quarantined: 0,
  usage: 0,
  directory: 0,
  people: 0,
  orgUnits: 0,
  groups: 0,
};

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
  const queryRunner = dataSource.createQueryRunner();
  const client = (await queryRunner.connect()) as PoolClient;
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

    const totals: IngestResult = {
      ...ZERO,
      state: { ...(options.initialState ?? {}) },
      affectedFrom: null,
      affectedTo: null,
    };
    let batch = new PendingBatch();
    let pendingState: ConnectorState = { ...totals.state };

    const flush = async () => {
      if (batch.isEmpty() && sameState(pendingState, totals.state)) return;
      const committed = await inTransaction(client, () =>
        writeBatch(client, scope, batch, pendingState, pseudonym),
      );
      addCounts(totals, committed);
      totals.state = pendingState;
      batch = new PendingBatch();
      await options.onCommit?.({ ...totals });
    };

    for await (const message of messages) {
      switch (message.kind) {
        case 'checkpoint':
          pendingState = { ...pendingState, [message.stream]: message.state };
          if (batch.size >= batchSize) await flush();
          continue;
        case 'invalid':
          batch.problems.push(withFile(message.problem, options.fileName));
          break;
        default: {
          const problem = checkRecord(message);
          if (problem) batch.problems.push(withFile(problem, options.fileName));
          else batch.add(message);
        }
      }
      if (batch.size >= 4 * batchSize) await flush();
    }
    await flush();
    return totals;
  } finally {
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

  add(message: Exclude<ConnectorMessage, { kind: 'checkpoint' | 'invalid' }>): void {
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

/** Writes one batch in dependency order, then its counts and checkpoint on the run (same transaction). */
async function writeBatch(
  client: PoolClient,
  scope: IngestScope,
  batch: PendingBatch,
  state: ConnectorState,
  pseudonym: (identity: string) => string,
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
      actorPseudonym: pseudonym(activity.actorExternalId),
      type: activity.type,
      groupExternalId: activity.groupExternalId,
      threadExternalId: activity.threadExternalId,
      targetPseudonym: orNull(activity.targetExternalId),
      contentLength: activity.contentLength,
      count: activity.count,
    })),
  );
  const usage = await upsertUsage(
    client,
    scope,
    batch.usage.map((figure) => ({ ...figure, personExternalId: pseudonym(figure.personExternalId) })),
  );
  await quarantine(client, scope, batch.problems);

  const counts: BatchCounts = {
    read: batch.activities.length,
    inserted: events.inserted,
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
  if (scope.syncRunId) await recordOnRun(client, scope, counts, state);
  return counts;
}

async function recordOnRun(
  client: PoolClient,
  scope: IngestScope,
  counts: BatchCounts,
  state: ConnectorState,
): Promise<void> {
  await client.query(
    `UPDATE sync_runs SET
       records_read = records_read + $3, records_inserted = records_inserted + $4,
       records_duplicate = records_duplicate + $5, records_quarantined = records_quarantined + $6,
       records_usage = records_usage + $7, records_directory = records_directory + $8,
       checkpoint = $9::jsonb,
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
    ],
  );
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
      problems.map((p) => p.location.file ?? null),
      problems.map((p) => p.location.line ?? null),
      problems.map((p) => p.location.field ?? null),
      problems.map((p) => truncate(p.location.recordId)),
      problems.map((p) => truncate(p.reason, 1_000)),
    ],
  );
}

function truncate(text: string | undefined, max = 200): string | null {
  if (text === undefined) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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
