import type { ActivityType } from '@uptake/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EnsuredMonths, timeSpan } from './event-partitions';

/** An event ready to store: people already pseudonymised, no message text. */
export interface NormalisedEvent {
  externalId: string;
  occurredAt: Date;
  /** Null for volume without people (reactions a source counted but did not list). */
  actorPseudonym: string | null;
  type: ActivityType;
  groupExternalId: string | null;
  threadExternalId: string | null;
  targetPseudonym: string | null;
  contentLength: number | null;
  /** Interactions the event stands for (usage-report rows); 1 when omitted. 0 withdraws a report count. */
  count?: number;
  /** A usage report's count (person, day, kind): a new count replaces the stored one; never a thread. */
  fromReport?: boolean;
}

export interface BatchResult {
  inserted: number;
  /** Usage report counts replaced by a corrected count, or withdrawn (a count of 0). */
  updated: number;
  duplicates: number;
  /** Earliest and latest time among the inserted, updated and withdrawn events (null when none). */
  firstAt: Date | null;
  lastAt: Date | null;
}

const STAGING_COLUMNS = [
  'external_id',
  'occurred_at',
  'actor_pseudonym',
  'type',
  'group_external_id',
  'thread_external_id',
  'target_pseudonym',
  'content_length',
  'count',
  'from_report',
  'actor_id',
  'target_id',
];

/** COPY CSV text field: quoted, so it is literal text (an unquoted empty field would be NULL). */
function csvText(value: string | null): string {
  if (value === null) return '';
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** One staging row in STAGING_COLUMNS order, built as one template string (no per-field array: hot path). */
function stagingLine(event: NormalisedEvent, people: ReadonlyMap<string, string>): string {
  const actorId = event.actorPseudonym === null ? undefined : people.get(event.actorPseudonym);
  const targetId = event.targetPseudonym === null ? undefined : people.get(event.targetPseudonym);
  return (
    `${csvText(event.externalId)},${event.occurredAt.toISOString()},${csvText(event.actorPseudonym)},` +
    `${csvText(event.type)},${csvText(event.groupExternalId)},${csvText(event.threadExternalId)},` +
    `${csvText(event.targetPseudonym)},${event.contentLength ?? ''},${event.count ?? 1},` +
    `${event.fromReport === true ? 't' : 'f'},${actorId ?? ''},${targetId ?? ''}\n`
  );
}

/** The activity_events columns a direct COPY writes (the rest take their defaults). */
const EVENT_COLUMNS = [
  'organisation_id',
  'source_id',
  'external_id',
  'occurred_at',
  'actor_id',
  'type',
  'group_id',
  'thread_external_id',
  'target_actor_id',
  'content_length',
  'count',
];

/** One activity_events row in EVENT_COLUMNS order (not a report count: from_report keeps its default, false). */
function eventLine(
  scope: { organisationId: string; sourceId: string },
  event: NormalisedEvent,
  people: ReadonlyMap<string, string>,
  groups: ReadonlyMap<string, string>,
): string {
  const actorId = event.actorPseudonym === null ? undefined : people.get(event.actorPseudonym);
  const targetId = event.targetPseudonym === null ? undefined : people.get(event.targetPseudonym);
  const groupId = event.groupExternalId === null ? undefined : groups.get(event.groupExternalId);
  return (
    `${scope.organisationId},${scope.sourceId},${csvText(event.externalId)},${event.occurredAt.toISOString()},` +
    `${actorId ?? ''},${csvText(event.type)},${groupId ?? ''},${csvText(event.threadExternalId)},` +
    `${targetId ?? ''},${event.contentLength ?? ''},${event.count ?? 1}\n`
  );
}

/** Lines per COPY chunk (about 100 KB): a few socket writes per batch instead of one per row. */
const COPY_CHUNK_LINES = 512;

/** Rows as COPY chunks of COPY_CHUNK_LINES lines, built as the COPY stream asks for them. */
function* chunks<T>(rows: readonly T[], line: (row: T) => string): Generator<string> {
  for (let start = 0; start < rows.length; start += COPY_CHUNK_LINES) {
    let chunk = '';
    const end = Math.min(start + COPY_CHUNK_LINES, rows.length);
    for (let i = start; i < end; i++) chunk += line(rows[i]);
    yield chunk;
  }
}

/**
 * Connections whose session holds the staging table (a temporary table lives as long as its session). Cleared
 * when a transaction rolls back, since that may undo the table's creation.
 */
const staged = new WeakSet<PoolClient>();

/** What a writer of many batches keeps between them (one per ingest: nothing here outlives a run). */
export interface WriterCache {
  /** Ids of people by pseudonym, looked up or created by earlier batches (bounded: see ID_CACHE_LIMIT). */
  people: Map<string, string>;
  /** Ids of the source's groups by external id, looked up by earlier batches (bounded the same way). */
  groups: Map<string, string>;
  /** The months ensured so far (the pipeline ensures a batch's months before its transaction, here). */
  months: EnsuredMonths;
  /**
   * True after a batch met events already stored: batches are then merged (staging table, ON CONFLICT) until
   * one finds nothing stored, then copied directly again (see writeEventBatch).
   */
  merging: boolean;
}

export function newWriterCache(): WriterCache {
  return { people: new Map(), groups: new Map(), months: new EnsuredMonths(), merging: false };
}

/** People and group ids kept per writer; a map is cut back to the batch's own when it grows past this. */
const ID_CACHE_LIMIT = 200_000;

/**
 * Runs `work` in one transaction on `client`. `asynchronousCommit` commits without waiting for the WAL flush
 * (`SET LOCAL synchronous_commit = off`): only for work whose loss in a database crash is repaired by doing it
 * again (the pipeline's batches, which commit their checkpoint with them); a crash then loses the last
 * commits whole, never part of one.
 */
export async function inTransaction<T>(
  client: PoolClient,
  work: () => Promise<T>,
  options: { asynchronousCommit?: boolean } = {},
): Promise<T> {
  await client.query(options.asynchronousCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    staged.delete(client);
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Writes one batch of events, idempotently: the unique key (organisation, source, occurred_at, external id) holds
 * a record's own time, so a re-delivered record has the same key whatever batch or month it arrives in, and
 * anything already stored is a duplicate. Except usage report counts (`fromReport`), whose stored count a
 * corrected one replaces (0 removes it). People seen for the first time in activity get a stub row.
 *
 * Two ways, the same outcome (event-writer.int-spec compares them):
 * - _Copied directly_ (the usual case: a first import, the new part of a later one): people and groups resolved
 *   here, the batch's first record of each external id COPYed straight into activity_events under a savepoint.
 *   The unique key refuses the whole COPY if any record is already stored; the savepoint is rolled back and the
 *   batch is merged instead. Measured on 2M demo events this skips a staging COPY and the merge's speculative
 *   inserts (ON CONFLICT probes the key, then inserts): see the README's ingest figures.
 * - _Merged_: COPY into a temporary staging table, then one INSERT ... SELECT ... ON CONFLICT DO NOTHING. Used for
 *   batches with report counts, and after a batch met stored events (a resumed run re-reads a batch or two, an API
 *   source re-reads an overlap) until a merged batch finds nothing stored.
 *
 * Run it inside a transaction (see `inTransaction`, which also tells the writer when a rollback may have undone
 * its session's staging table), so a re-delivered batch never duplicates and a failed one leaves nothing.
 */
export async function writeEventBatch(
  client: PoolClient,
  scope: { organisationId: string; sourceId: string },
  events: readonly NormalisedEvent[],
  cache: WriterCache = newWriterCache(),
): Promise<BatchResult> {
  if (events.length === 0) return { inserted: 0, updated: 0, duplicates: 0, firstAt: null, lastAt: null };
  // The months of the batch exist before its rows are routed.
  await cache.months.ensure(
    client,
    events.map((event) => event.occurredAt),
  );
  // People are resolved before any COPY (stub rows for the new ones, then their ids by an index look-up on the
  // array of pseudonyms), so the merge joins no people: joined from the unanalysed staging table, the planner
  // trusted stale statistics of people (a first import adds thousands) and scanned them per staging row
  // (measured: 1.9 s of a 5,000-event batch). Sorted, so concurrent batches lock new people in one order.
  const people = await resolvePeople(client, scope.organisationId, events, cache.people);
  const kept = firstOfEachId(events, people);
  if (!cache.merging && !events.some((event) => event.fromReport === true)) {
    const copied = await copyDirectly(client, scope, events, kept, people, cache.groups);
    if (copied) return copied;
    cache.merging = true;
  }
  const merged = await mergeEventBatch(client, scope, events, people);
  // Nothing stored met (every first record of an external id went in): the next batch is copied directly again.
  if (merged.updated === 0 && merged.inserted === kept.length) cache.merging = false;
  return merged;
}

/**
 * The batch's records that a write keeps, in the order read: those that count, whose people resolved, the first
 * of each external id (what the merge's `DISTINCT ON (external_id) ... ORDER BY external_id, n` keeps).
 */
function firstOfEachId(
  events: readonly NormalisedEvent[],
  people: ReadonlyMap<string, string>,
): NormalisedEvent[] {
  const seen = new Set<string>();
  const kept: NormalisedEvent[] = [];
  for (const event of events) {
    if ((event.count ?? 1) <= 0 || seen.has(event.externalId)) continue;
    if (event.actorPseudonym !== null && !people.has(event.actorPseudonym)) continue;
    seen.add(event.externalId);
    kept.push(event);
  }
  return kept;
}

/** SQLSTATE of a unique key violation: the direct COPY met a record already stored. */
const UNIQUE_VIOLATION = '23505';

/**
 * The batch's `rows` (its firstOfEachId) COPYed straight into activity_events under a savepoint (no report counts
 * in it). Null when a record is already stored: the savepoint is rolled back, so the transaction is as before,
 * and the caller merges.
 */
async function copyDirectly(
  client: PoolClient,
  scope: { organisationId: string; sourceId: string },
  events: readonly NormalisedEvent[],
  rows: readonly NormalisedEvent[],
  people: ReadonlyMap<string, string>,
  knownGroups: Map<string, string>,
): Promise<BatchResult | null> {
  const groups = await resolveIds(
    knownGroups,
    rows.map((event) => event.groupExternalId),
    async (unknown) =>
      (
        await client.query<{ id: string; key: string }>(
          `SELECT id, external_id AS key FROM groups
           WHERE organisation_id = $1 AND source_id = $2 AND external_id = ANY($3::text[])`,
          [scope.organisationId, scope.sourceId, unknown],
        )
      ).rows,
  );
  await client.query('SAVEPOINT direct_copy');
  try {
    await pipeline(
      Readable.from(chunks(rows, (event) => eventLine(scope, event, people, groups))),
      client.query(
        copyFrom(`COPY activity_events (${EVENT_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
      ),
    );
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('ROLLBACK TO SAVEPOINT direct_copy');
    return null;
  }
  await client.query('RELEASE SAVEPOINT direct_copy');
  const span = timeSpan(rows.map((event) => event.occurredAt));
  const counts = events.filter((event) => (event.count ?? 1) > 0).length;
  return {
    inserted: rows.length,
    updated: 0,
    duplicates: counts - rows.length,
    firstAt: span?.first ?? null,
    lastAt: span?.last ?? null,
  };
}

/** Staging table, COPY, the report counts' updates and the merge's INSERT ... ON CONFLICT DO NOTHING. */
async function mergeEventBatch(
  client: PoolClient,
  scope: { organisationId: string; sourceId: string },
  events: readonly NormalisedEvent[],
  people: ReadonlyMap<string, string>,
): Promise<BatchResult> {
  // n: the order read, so the first of two records with the same external id in a batch is the one kept.
  // Created once per session (each statement is a round trip, which a batch of a few ms feels).
  if (!staged.has(client)) {
    await client.query(`
      CREATE TEMP TABLE IF NOT EXISTS staging_events (
        external_id text, occurred_at timestamptz, actor_pseudonym text, type activity_type,
        group_external_id text, thread_external_id text, target_pseudonym text, content_length integer,
        count integer, from_report boolean, actor_id uuid, target_id uuid, n bigint GENERATED ALWAYS AS IDENTITY
      ) ON COMMIT DELETE ROWS`);
    staged.add(client);
  }
  await pipeline(
    Readable.from(chunks(events, (event) => stagingLine(event, people))),
    client.query(
      copyFrom(`COPY staging_events (${STAGING_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
    ),
  );
  // A republished usage report withdrew a count (0): the stored one goes. Only report counts can be withdrawn.
  // Report rows are looked up by id in every partition: with the ids as an array the planner probes each
  // partition's key index, where a join with the (unanalysed) staging table may scan the partitions instead.
  const reportIds = [
    ...new Set(events.filter((event) => event.fromReport === true).map((event) => event.externalId)),
  ];
  const withdrawn =
    reportIds.length === 0
      ? NOTHING_CHANGED
      : await client.query<{ changed: number; first_at: Date | null; last_at: Date | null }>(
          `WITH withdrawn AS (
               DELETE FROM activity_events e USING staging_events s
               WHERE e.organisation_id = $1 AND e.source_id = $2 AND e.external_id = ANY($3::text[])
                 AND s.count = 0 AND s.from_report AND e.external_id = s.external_id AND e.from_report
               RETURNING e.occurred_at)
             SELECT count(*)::int AS changed, min(occurred_at) AS first_at, max(occurred_at) AS last_at FROM withdrawn`,
          [scope.organisationId, scope.sourceId, reportIds],
        );
  // A report count read again with another value replaces the stored one, found by its id alone: the month it was
  // first stored in may not be the time it is read with now. Only report rows are probed this way (a look-up in
  // each partition); other events are matched by the full key below.
  const corrected =
    reportIds.length === 0
      ? NOTHING_CHANGED
      : await client.query<{ changed: number; first_at: Date | null; last_at: Date | null }>(
          `WITH corrected AS (
               UPDATE activity_events e SET count = s.count
               FROM (SELECT DISTINCT ON (external_id) external_id, count FROM staging_events
                     WHERE from_report AND count > 0 ORDER BY external_id, n) s
               WHERE e.organisation_id = $1 AND e.source_id = $2 AND e.external_id = ANY($3::text[])
                 AND e.external_id = s.external_id AND e.from_report AND e.count <> s.count
               RETURNING e.occurred_at)
             SELECT count(*)::int AS changed, min(occurred_at) AS first_at, max(occurred_at) AS last_at FROM corrected`,
          [scope.organisationId, scope.sourceId, reportIds],
        );
  // New events are inserted. The unique key is (organisation, source, occurred_at, external id), the partition
  // column being the record's own time, so a re-delivered record conflicts with its stored copy in whatever month
  // it lies; anything already stored is a duplicate. A report row whose id is stored as a report row (corrected
  // just above, or unchanged) is a duplicate whatever its time; report rows are found by id in their own partial
  // index (activity_events_report_idx), as the two statements above find them.
  const written = await client.query<{ inserted: number; first_at: Date | null; last_at: Date | null }>(
    `WITH written AS (
         INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                      thread_external_id, target_actor_id, content_length, count, from_report)
         SELECT DISTINCT ON (s.external_id) $1, $2, s.external_id, s.occurred_at, s.actor_id, s.type, g.id,
                s.thread_external_id, s.target_id, s.content_length, s.count, s.from_report
         FROM staging_events s
         LEFT JOIN groups g ON g.organisation_id = $1 AND g.source_id = $2 AND g.external_id = s.group_external_id
         WHERE s.count > 0 AND (s.actor_pseudonym IS NULL OR s.actor_id IS NOT NULL)
           AND NOT (s.from_report AND EXISTS (
             SELECT 1 FROM activity_events e
             WHERE e.organisation_id = $1 AND e.source_id = $2 AND e.external_id = s.external_id AND e.from_report))
         ORDER BY s.external_id, s.n
         ON CONFLICT (organisation_id, source_id, external_id, occurred_at) DO NOTHING
         RETURNING occurred_at)
       SELECT count(*)::int AS inserted, min(occurred_at) AS first_at, max(occurred_at) AS last_at FROM written`,
    [scope.organisationId, scope.sourceId],
  );
  // Staging rows are deleted at commit; a caller writing several batches in one transaction needs them gone now.
  await client.query('TRUNCATE staging_events');
  const removed = withdrawn.rows[0];
  const changed = corrected.rows[0];
  const { inserted, first_at, last_at } = written.rows[0];
  const counts = events.filter((event) => (event.count ?? 1) > 0).length;
  return {
    inserted,
    updated: changed.changed + removed.changed,
    duplicates: counts - inserted - changed.changed,
    firstAt: earliest(earliest(first_at, changed.first_at), removed.first_at),
    lastAt: latest(latest(last_at, changed.last_at), removed.last_at),
  };
}

/**
 * Ids of the batch's people by pseudonym, creating stub rows for people seen for the first time in activity (only
 * from events that count: a withdrawn report count creates nobody). `known` holds the ids earlier batches of the
 * same writer resolved, so a batch of people seen before costs no statement. (A person erased while the run goes
 * on keeps a cached id: the batch then fails its reference check, and the run's next attempt starts afresh.)
 */
async function resolvePeople(
  client: PoolClient,
  organisationId: string,
  events: readonly NormalisedEvent[],
  known: Map<string, string>,
): Promise<ReadonlyMap<string, string>> {
  const pseudonyms = events.flatMap((event) => [event.actorPseudonym, event.targetPseudonym]);
  return resolveIds(known, pseudonyms, async (unknown) => {
    const unknownSet = new Set(unknown);
    const counted = new Set<string>();
    for (const event of events) {
      if ((event.count ?? 1) <= 0) continue;
      for (const pseudonym of [event.actorPseudonym, event.targetPseudonym])
        if (pseudonym !== null && unknownSet.has(pseudonym)) counted.add(pseudonym);
    }
    if (counted.size > 0) {
      await client.query(
        `INSERT INTO people (organisation_id, pseudonym) SELECT $1, unnest($2::text[])
         ON CONFLICT (organisation_id, pseudonym) DO NOTHING`,
        [organisationId, [...counted].sort()],
      );
    }
    const { rows } = await client.query<{ id: string; key: string }>(
      'SELECT id, pseudonym AS key FROM people WHERE organisation_id = $1 AND pseudonym = ANY($2::text[])',
      [organisationId, unknown],
    );
    return rows;
  });
}

/**
 * `known` with the ids of `keys` it lacked, looked up by `lookUp` (keys it does not find stay missing, and are
 * looked up again by the next batch). Bounded: past ID_CACHE_LIMIT the map keeps only the batch's own keys.
 */
async function resolveIds(
  known: Map<string, string>,
  keys: readonly (string | null)[],
  lookUp: (unknown: string[]) => Promise<readonly { id: string; key: string }[]>,
): Promise<ReadonlyMap<string, string>> {
  const unknown = new Set<string>();
  for (const key of keys) if (key !== null && !known.has(key)) unknown.add(key);
  if (unknown.size === 0) return known;
  const rows = await lookUp([...unknown]);
  if (known.size + rows.length > ID_CACHE_LIMIT) {
    // The batch's own ids are all it needs; earlier ones are looked up again when seen.
    const batchIds = new Map<string, string>();
    for (const key of keys) {
      const id = key === null ? undefined : known.get(key);
      if (id !== undefined) batchIds.set(key as string, id);
    }
    known.clear();
    for (const [key, id] of batchIds) known.set(key, id);
  }
  for (const row of rows) known.set(row.key, row.id);
  return known;
}

const NOTHING_CHANGED = { rows: [{ changed: 0, first_at: null, last_at: null }] } as const;

function earliest(a: Date | null, b: Date | null): Date | null {
  return a === null || (b !== null && b < a) ? b : a;
}

function latest(a: Date | null, b: Date | null): Date | null {
  return a === null || (b !== null && b > a) ? b : a;
}
