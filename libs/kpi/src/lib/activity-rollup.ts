import type { DataSource } from 'typeorm';

/**
 * Recomputes the daily rollup (per person, group and type, days in the organisation's time zone) for the
 * days between two instants, from raw events. Delete + insert in one transaction: readers see the old
 * or the new figures, never a half-refreshed day. Run after every ingest for the days it touched.
 */
const BOUNDS = `
  WITH bounds AS (
    SELECT o.time_zone,
           ($2::timestamptz AT TIME ZONE o.time_zone)::date AS first_day,
           ($3::timestamptz AT TIME ZONE o.time_zone)::date AS last_day
    FROM organisations o WHERE o.id = $1
  )`;

export const CLEAR_ACTIVITY_DAILY_SQL = `${BOUNDS}
  DELETE FROM activity_daily d USING bounds b
  WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day`;

export const REFRESH_ACTIVITY_DAILY_SQL = `${BOUNDS}
  INSERT INTO activity_daily (organisation_id, day, person_id, group_id, type, events, content_length)
  SELECT $1, (e.occurred_at AT TIME ZONE b.time_zone)::date, e.actor_id, e.group_id, e.type,
         sum(e.count), coalesce(sum(e.content_length), 0)
  FROM activity_events e, bounds b
  WHERE e.organisation_id = $1
    AND e.occurred_at >= b.first_day::timestamp AT TIME ZONE b.time_zone
    AND e.occurred_at < (b.last_day + 1)::timestamp AT TIME ZONE b.time_zone
  GROUP BY 2, 3, 4, 5`;

export interface RollupRefresh {
  rows: number;
  durationMs: number;
}

export async function refreshActivityDaily(
  dataSource: DataSource,
  organisationId: string,
  range: { from: Date | string; to: Date | string },
): Promise<RollupRefresh> {
  const started = performance.now();
  const rows = await dataSource.transaction(async (manager) => {
    const parameters = [organisationId, range.from, range.to];
    // Refreshes of one organisation (from several workers) queue up instead of racing on the same days.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rollup:' || $1, 0))`, [
      organisationId,
    ]);
    await manager.query(CLEAR_ACTIVITY_DAILY_SQL, parameters);
    const result = await manager.query(REFRESH_ACTIVITY_DAILY_SQL, parameters);
    // TypeORM returns [rows, affected] for data-modifying queries on postgres.
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  });
  return { rows, durationMs: performance.now() - started };
}
