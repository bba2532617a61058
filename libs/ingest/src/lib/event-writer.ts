import type { ActivityType } from '@uptake/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An event ready to store: people already pseudonymised, no message text. */
export interface NormalisedEvent {
  externalId: string;
  occurredAt: Date;
  actorPseudonym: string;
  type: ActivityType;
  groupExternalId: string | null;
  threadExternalId: string | null;
  targetPseudonym: string | null;
  contentLength: number | null;
  /** Interactions the event stands for (usage-report rows); 1 when omitted. */
  count?: number;
}

export interface BatchResult {
  inserted: number;
  duplicates: number;
  /** Earliest and latest time among the inserted events (null when nothing was inserted). */
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
];

/** COPY CSV: quoted fields are literal text, an unquoted empty field is NULL. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
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
 * resolves people and groups and skips events already stored (unique organisation+source+external id).
 * Run it inside a transaction (see `inTransaction`), so a re-delivered batch never duplicates and a
 * failed one leaves nothing. People seen for the first time in activity get a stub row.
 */
export async function writeEventBatch(
  client: PoolClient,
  scope: { organisationId: string; sourceId: string },
  events: readonly NormalisedEvent[],
): Promise<BatchResult> {
  if (events.length === 0) return { inserted: 0, duplicates: 0, firstAt: null, lastAt: null };
  await client.query(`
      CREATE TEMP TABLE IF NOT EXISTS staging_events (
        external_id text, occurred_at timestamptz, actor_pseudonym text, type activity_type,
        group_external_id text, thread_external_id text, target_pseudonym text, content_length integer,
        count integer
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
         SELECT actor_pseudonym AS pseudonym FROM staging_events
         UNION SELECT target_pseudonym FROM staging_events WHERE target_pseudonym IS NOT NULL
       ) seen
       ON CONFLICT (organisation_id, pseudonym) DO NOTHING`,
    [scope.organisationId],
  );
  const result = await client.query<{ inserted: number; first_at: Date | null; last_at: Date | null }>(
    `WITH inserted AS (
         INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                      thread_external_id, target_actor_id, content_length, count)
         SELECT $1, $2, s.external_id, s.occurred_at, actor.id, s.type, g.id, s.thread_external_id, target.id,
                s.content_length, s.count
         FROM staging_events s
         JOIN people actor ON actor.organisation_id = $1 AND actor.pseudonym = s.actor_pseudonym
         LEFT JOIN people target ON target.organisation_id = $1 AND target.pseudonym = s.target_pseudonym
         LEFT JOIN groups g ON g.organisation_id = $1 AND g.source_id = $2 AND g.external_id = s.group_external_id
         ON CONFLICT (organisation_id, source_id, external_id) DO NOTHING
         RETURNING occurred_at)
       SELECT count(*)::int AS inserted, min(occurred_at) AS first_at, max(occurred_at) AS last_at FROM inserted`,
    [scope.organisationId, scope.sourceId],
  );
  // Staging rows are deleted at commit; a caller writing several batches in one transaction needs them gone now.
  await client.query('TRUNCATE staging_events');
  const { inserted, first_at, last_at } = result.rows[0];
  return { inserted, duplicates: events.length - inserted, firstAt: first_at, lastAt: last_at };
}
