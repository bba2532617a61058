import { ROLLUP_STATEMENTS } from '@uptake/kpi';

/**
 * The SQL of EventRetention. The cutoff of an organisation is the start of the month `event_retention_months`
 * before the current one, both in the organisation's time zone: rollups are days and months of that zone, so a
 * local cutoff removes whole rollup days and months (a UTC one would cut a local day in two). The current
 * time is a parameter, so tests can move the clock.
 */
function cutoffDay(now: string): string {
  return `(date_trunc('month', ${now}::timestamptz AT TIME ZONE o.time_zone)
           - make_interval(months => o.event_retention_months::int))`;
}
function cutoff(now: string): string {
  return `(${cutoffDay(now)} AT TIME ZONE o.time_zone)`;
}

/** $1 now: every organisation with a policy and its cutoff (an instant). */
export const POLICIES = `
  SELECT o.id AS "organisationId", ${cutoff('$1')} AS cutoff
  FROM organisations o WHERE o.event_retention_months IS NOT NULL
  ORDER BY o.id`;

/**
 * $1 organisation, $2 now: its cutoff, read again in each short transaction (a policy changed or removed
 * meanwhile is followed). FOR KEY SHARE makes a concurrent settings change (FOR UPDATE) wait for the batch.
 */
export const POLICY_OF = `
  SELECT ${cutoff('$2')} AS cutoff, ${cutoffDay('$2')}::date::text AS "cutoffDay"
  FROM organisations o WHERE o.id = $1 AND o.event_retention_months IS NOT NULL
  FOR KEY SHARE`;

/**
 * The partition holding the organisation's oldest expired event ($1 organisation, $2 cutoff): a merge of the
 * partitions' (organisation_id, occurred_at) indexes, one row. None when nothing is left to delete.
 */
export const OLDEST_EXPIRED = `
  SELECT e.tableoid::regclass::text AS partition, e.occurred_at AS "occurredAt"
  FROM activity_events e WHERE e.organisation_id = $1 AND e.occurred_at < $2
  ORDER BY e.occurred_at LIMIT 1`;

/**
 * One batch ($1 organisation, $2 cutoff, $3 size) in one partition, oldest first: the rows are found through the
 * partition's (organisation_id, occurred_at) index and deleted by their row address (a TID scan), so a batch
 * costs its own rows, not a scan of everything still expired. The conditions are repeated so that a row
 * updated meanwhile (a new version elsewhere) is deleted only if it still qualifies.
 */
export function deleteBatch(partition: string): string {
  return `
    WITH deleted AS (
      DELETE FROM ${partition} e
      WHERE e.ctid = ANY (ARRAY(SELECT x.ctid FROM ${partition} x
                                WHERE x.organisation_id = $1 AND x.occurred_at < $2
                                ORDER BY x.occurred_at LIMIT $3))
        AND e.organisation_id = $1 AND e.occurred_at < $2
      RETURNING 1)
    SELECT count(*)::int AS deleted FROM deleted`;
}

/**
 * $1 organisation, $2 cutoff, $3 cutoff day: the first local day whose rollups must stay. Before it, the
 * organisation has no events left: the cutoff day when every expired event is gone, else the first day of
 * the month of the oldest one left (batches go oldest first, so earlier months are complete). A partly
 * deleted month keeps its rollups until the batches have finished it: person_month is per month.
 */
export const ROLLUPS_KEPT_FROM = `
  SELECT least($3::date,
               (SELECT date_trunc('month', e.occurred_at AT TIME ZONE o.time_zone)::date
                FROM activity_events e WHERE e.organisation_id = $1 AND e.occurred_at < $2
                ORDER BY e.occurred_at LIMIT 1))::text AS "keptFrom"
  FROM organisations o WHERE o.id = $1`;

/** $1 organisation: the first local day any rollup of the organisation has (null without rollups). */
export const OLDEST_ROLLUP_DAY = `
  SELECT least((SELECT min(day) FROM activity_daily WHERE organisation_id = $1),
               (SELECT min(day) FROM unattributed_daily WHERE organisation_id = $1),
               (SELECT min(day) FROM person_daily WHERE organisation_id = $1),
               (SELECT min(day) FROM interaction_daily WHERE organisation_id = $1),
               (SELECT min(month) FROM person_month WHERE organisation_id = $1),
               (SELECT min(month) FROM group_person_month WHERE organisation_id = $1),
               (SELECT min(root_day) FROM thread_rollup WHERE organisation_id = $1))::text AS "oldest"`;

/** A statement of the rollup refresh (libs/kpi), found by how it starts: reused, not copied. */
function refreshStatement(start: string): string {
  const statement = ROLLUP_STATEMENTS.find((s) => s.trimStart().startsWith(start));
  if (!statement) throw new Error(`rollup refresh statement "${start}" not found in ROLLUP_STATEMENTS`);
  return statement;
}

/**
 * Removes the organisation's rollups of the local days before $2 (a month start), in order, in one transaction
 * (under the rollup lock). Day and month tables are deleted by range. person_activity (first and last active
 * day, first join) is rebuilt for the people whose span began earlier, with the refresh's own statement over
 * `touched_people`. Threads rooted earlier are rebuilt from the events left with the refresh's statement over
 * `touched_threads`: one whose responses all went disappears, one answered after the cutoff becomes a thread
 * without its (deleted) root, exactly what a refresh from scratch would make of the remaining events.
 */
export const CLEAR_ROLLUPS_BEFORE: readonly string[] = [
  `DELETE FROM activity_daily WHERE organisation_id = $1 AND day < $2::date`,
  `DELETE FROM unattributed_daily WHERE organisation_id = $1 AND day < $2::date`,
  `DELETE FROM person_daily WHERE organisation_id = $1 AND day < $2::date`,
  `DELETE FROM interaction_daily WHERE organisation_id = $1 AND day < $2::date`,
  `DELETE FROM person_month WHERE organisation_id = $1 AND month < $2::date`,
  `DELETE FROM group_person_month WHERE organisation_id = $1 AND month < $2::date`,
  `CREATE TEMP TABLE touched_people ON COMMIT DROP AS
   SELECT person_id FROM person_activity
   WHERE organisation_id = $1 AND (first_day < $2::date OR first_joined_day < $2::date)`,
  `DELETE FROM person_activity a USING touched_people t WHERE a.organisation_id = $1 AND a.person_id = t.person_id`,
  refreshStatement('INSERT INTO person_activity'),
  `CREATE TEMP TABLE touched_threads ON COMMIT DROP AS
   SELECT source_id, thread_key FROM thread_rollup WHERE organisation_id = $1 AND root_day < $2::date`,
  `ANALYZE touched_threads`,
  refreshStatement('DELETE FROM thread_rollup t USING touched_threads'),
  refreshStatement('INSERT INTO thread_rollup'),
  // Cached reports and snapshots are keyed by this version (as after a refresh): they go stale with the commit.
  `INSERT INTO kpi_rollup_versions (organisation_id, version) VALUES ($1, 1)
   ON CONFLICT (organisation_id) DO UPDATE SET version = kpi_rollup_versions.version + 1, refreshed_at = now()`,
];

/**
 * Month partitions (named by activity_events_ensure_partitions, `activity_events_YYYY_MM`, one UTC month each)
 * that end on or before $1 (the latest cutoff of any policy: no partition around now or ahead qualifies).
 */
export const MONTH_PARTITIONS_BEFORE = `
  SELECT c.relname AS name, quote_ident(c.relname) AS quoted,
         (to_date(substring(c.relname FROM 17 FOR 7), 'YYYY_MM') + interval '1 month')::timestamp
           AT TIME ZONE 'UTC' AS "endsAt"
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'activity_events'::regclass AND c.relname ~ '^activity_events_[0-9]{4}_[0-9]{2}$'
    AND (to_date(substring(c.relname FROM 17 FOR 7), 'YYYY_MM') + interval '1 month')::timestamp
          AT TIME ZONE 'UTC' <= $1
  ORDER BY c.relname`;

/**
 * The organisations with rows in a partition, by a loose index scan (one index probe per organisation, not a
 * scan of the month), each with whether all its rows there are expired: its cutoff ($2 now) is at or after the
 * partition's end ($1). Locks the organisations' rows FOR KEY SHARE, so a settings change waits for the drop.
 */
export function organisationsIn(partition: string): string {
  return `
    WITH RECURSIVE present AS (
      (SELECT organisation_id FROM ${partition} ORDER BY organisation_id LIMIT 1)
      UNION ALL
      SELECT (SELECT p.organisation_id FROM ${partition} p WHERE p.organisation_id > present.organisation_id
              ORDER BY p.organisation_id LIMIT 1)
      FROM present WHERE present.organisation_id IS NOT NULL)
    SELECT x.organisation_id AS "organisationId",
           coalesce((SELECT ${cutoff('$2')} >= $1::timestamptz
                     FROM organisations o WHERE o.id = x.organisation_id AND o.event_retention_months IS NOT NULL
                     FOR KEY SHARE), false) AS expired
    FROM present x WHERE x.organisation_id IS NOT NULL`;
}
