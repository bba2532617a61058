import type { EntityManager } from 'typeorm';

/** The first and last instant of an organisation's events (null without events): what a full refresh covers. */
export async function organisationEventSpan(
  manager: EntityManager,
  organisationId: string,
): Promise<{ first: Date; last: Date } | null> {
  const [span]: { first: Date | null; last: Date | null }[] = await manager.query(
    `SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM activity_events WHERE organisation_id = $1`,
    [organisationId],
  );
  return span?.first && span.last ? { first: span.first, last: span.last } : null;
}

/**
 * Whether Postgres knows the zone under exactly this name: the rollups convert with `AT TIME ZONE`, and its
 * time zone database may be older or newer than the one of Node's ICU.
 */
export async function isPostgresTimeZone(manager: EntityManager, timeZone: string): Promise<boolean> {
  const [row]: { known: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS known`,
    [timeZone],
  );
  return row?.known === true;
}

/**
 * How long the rest of this transaction waits for a lock before failing with lock_not_available (55P03).
 * `SET` takes no parameters: the type admits only a number of seconds, so nothing else reaches the SQL.
 */
export async function setLocalLockTimeout(manager: EntityManager, timeout: `${number}s`): Promise<void> {
  await manager.query(`SET LOCAL lock_timeout = '${timeout}'`);
}
