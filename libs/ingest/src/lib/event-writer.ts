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
}

export interface BatchResult {
  inserted: number;
  duplicates: number;
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
    ]
      .map(csvField)
      .join(',') + '\n'
  );
}

/**
 * Writes events in batches: COPY into a temporary staging table, then one INSERT ... SELECT that
 * resolves people and groups and skips events already stored (unique organisation+source+external id).
 * A batch is one transaction, so a re-delivered batch never duplicates and a failed one leaves nothing.
 * People seen for the first time in activity (before any directory import) get a stub row.
 */
export async function writeEventBatch(
  client: PoolClient,
  scope: { organisationId: string; sourceId: string },
  events: readonly NormalisedEvent[],
): Promise<BatchResult> {
  if (events.length === 0) return { inserted: 0, duplicates: 0 };
  await client.query('BEGIN');
  try {
    await client.query(`
      CREATE TEMP TABLE IF NOT EXISTS staging_events (
        external_id text, occurred_at timestamptz, actor_pseudonym text, type activity_type,
        group_external_id text, thread_external_id text, target_pseudonym text, content_length integer
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
    const result = await client.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                    thread_external_id, target_actor_id, content_length)
       SELECT $1, $2, s.external_id, s.occurred_at, actor.id, s.type, g.id, s.thread_external_id, target.id, s.content_length
       FROM staging_events s
       JOIN people actor ON actor.organisation_id = $1 AND actor.pseudonym = s.actor_pseudonym
       LEFT JOIN people target ON target.organisation_id = $1 AND target.pseudonym = s.target_pseudonym
       LEFT JOIN groups g ON g.organisation_id = $1 AND g.source_id = $2 AND g.external_id = s.group_external_id
       ON CONFLICT (organisation_id, source_id, external_id) DO NOTHING`,
      [scope.organisationId, scope.sourceId],
    );
    await client.query('COMMIT');
    const inserted = result.rowCount ?? 0;
    return { inserted, duplicates: events.length - inserted };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
