import type { ActivityType } from '@uptake/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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
];

/** COPY CSV: quoted fields are literal text, an unquoted empty field is NULL. */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return typeof value === 'number' ? String(value) : `"${value.replace(/"/g, '""')}"`;
}

function toCsvLine(event: NormalisedEvent): string {
  return (
    [
      event.externalId,
      event.occurredAt.toISOString(),
      event.actorPseudonym,
      event.type,
      event.groupExternalId,
      event.threadExternalId,
      event.targetPseudonym,
      event.contentLength,
      event.count ?? 1,
      event.fromReport === true,
    ]
      .map(csvField)
      .join(',') + '\n'
  );
}

/** Runs `work` in one transaction on `client`. */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Writes one batch of events: COPY into a temporary staging table, then one INSERT ... SELECT that
 * resolves people and groups and skips events already stored (unique organisation+source+external id),
 * except usage report counts (`fromReport`), whose stored count a corrected one replaces (0 removes it).
 * Run it inside a transaction (see `inTransaction`), so a re-delivered batch never duplicates and a
 * failed one leaves nothing. People seen for the first time in activity get a stub row.
 */
export async function writeEventBatch(
  client: PoolClient,
  scope: { organisationId: string; sourceId: string },
  events: readonly NormalisedEvent[],
): Promise<BatchResult> {
  if (events.length === 0) return { inserted: 0, updated: 0, duplicates: 0, firstAt: null, lastAt: null };
  // n: the order read, so the first of two records with the same external id in a batch is the one kept.
  await client.query(`
      CREATE TEMP TABLE IF NOT EXISTS staging_events (
        external_id text, occurred_at timestamptz, actor_pseudonym text, type activity_type,
        group_external_id text, thread_external_id text, target_pseudonym text, content_length integer,
        count integer, from_report boolean, n bigint GENERATED ALWAYS AS IDENTITY
      ) ON COMMIT DELETE ROWS`);
  await pipeline(
    Readable.from(events.map(toCsvLine)),
    client.query(
      copyFrom(`COPY staging_events (${STAGING_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
    ),
  );
  await client.query(
    `INSERT INTO people (organisation_id, pseudonym)
       SELECT $1, pseudonym FROM (
         SELECT actor_pseudonym AS pseudonym FROM staging_events WHERE actor_pseudonym IS NOT NULL AND count > 0
         UNION SELECT target_pseudonym FROM staging_events WHERE target_pseudonym IS NOT NULL AND count > 0
       ) seen
       ON CONFLICT (organisation_id, pseudonym) DO NOTHING`,
    [scope.organisationId],
  );
  // A republished usage report withdrew a count (0): the stored one goes. Only report counts can be withdrawn.
  const withdrawn = await client.query<{ withdrawn: number; first_at: Date | null; last_at: Date | null }>(
    `WITH withdrawn AS (
         DELETE FROM activity_events e USING staging_events s
         WHERE s.count = 0 AND s.from_report AND e.organisation_id = $1 AND e.source_id = $2
           AND e.external_id = s.external_id AND e.from_report
         RETURNING e.occurred_at)
       SELECT count(*)::int AS withdrawn, min(occurred_at) AS first_at, max(occurred_at) AS last_at FROM withdrawn`,
    [scope.organisationId, scope.sourceId],
  );
  // New events are inserted; a report count read again with another value replaces the stored one (xmax is 0
  // only for a row this statement inserted); anything else already stored is a duplicate.
  const written = await client.query<{
    inserted: number;
    updated: number;
    first_at: Date | null;
    last_at: Date | null;
  }>(
    `WITH written AS (
         INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                      thread_external_id, target_actor_id, content_length, count, from_report)
         SELECT DISTINCT ON (s.external_id) $1, $2, s.external_id, s.occurred_at, actor.id, s.type, g.id,
                s.thread_external_id, target.id, s.content_length, s.count, s.from_report
         FROM staging_events s
         LEFT JOIN people actor ON actor.organisation_id = $1 AND actor.pseudonym = s.actor_pseudonym
         LEFT JOIN people target ON target.organisation_id = $1 AND target.pseudonym = s.target_pseudonym
         LEFT JOIN groups g ON g.organisation_id = $1 AND g.source_id = $2 AND g.external_id = s.group_external_id
         WHERE s.count > 0 AND (s.actor_pseudonym IS NULL OR actor.id IS NOT NULL)
         ORDER BY s.external_id, s.n
         ON CONFLICT (organisation_id, source_id, external_id) DO UPDATE SET count = EXCLUDED.count
           WHERE activity_events.from_report AND EXCLUDED.from_report AND activity_events.count <> EXCLUDED.count
         RETURNING occurred_at, xmax = 0 AS inserted)
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
              min(occurred_at) AS first_at, max(occurred_at) AS last_at
       FROM written`,
    [scope.organisationId, scope.sourceId],
  );
  // Staging rows are deleted at commit; a caller writing several batches in one transaction needs them gone now.
  await client.query('TRUNCATE staging_events');
  const removed = withdrawn.rows[0];
  const { inserted, updated, first_at, last_at } = written.rows[0];
  const counts = events.filter((event) => (event.count ?? 1) > 0).length;
  return {
    inserted,
    updated: updated + removed.withdrawn,
    duplicates: counts - inserted - updated,
    firstAt: earliest(first_at, removed.first_at),
    lastAt: latest(last_at, removed.last_at),
  };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  return a === null || (b !== null && b < a) ? b : a;
}

function latest(a: Date | null, b: Date | null): Date | null {
  return a === null || (b !== null && b > a) ? b : a;
}
