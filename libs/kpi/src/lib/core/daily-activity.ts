import type { DailyActivityPoint, DailyActivitySeries } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { ACTIVE_TYPES, sqlTypes } from './activity-definition';
import { kOf, publishMagnitude, type DisclosureRule } from '../disclosure/cell-key';
import { periodsBetween } from './periods';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';

export interface DailyActivityRow {
  day: string;
  activePeople: number;
  events: number;
  /** Cell key of the active people and the most events one of them had (cell-key method); absent: exact. */
  key?: number;
  topEvents?: number;
}

/** Every ISO date from `from` to `to` inclusive (bounded like every calendar loop: see periods.ts). */
export function daysBetween(from: string, to: string): string[] {
  return periodsBetween(from, to, 'day').map((period) => period.start);
}

/** Pure part: fills days without activity with zeros and withholds days below k. */
export function dailyActivitySeries(
  organisationId: string,
  range: { from: string; to: string },
  rows: readonly DailyActivityRow[],
  rule: DisclosureRule,
): DailyActivitySeries {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const points = daysBetween(range.from, range.to).map((day): DailyActivityPoint => {
    const row = byDay.get(day) ?? { day, activePeople: 0, events: 0 };
    if (isSuppressed(row.activePeople, rule))
      return { day, activePeople: null, events: null, suppressed: suppressionReason(rule) };
    const cell = { count: row.activePeople, key: Number(row.key ?? 0) };
    return {
      day,
      activePeople: protect(cell, rule),
      events: Math.round(publishMagnitude(row.events, Number(row.topEvents ?? 0), cell, rule)),
    };
  });
  return { organisationId, from: range.from, to: range.to, minGroupSize: kOf(rule), points };
}

/**
 * Days are cut in the organisation's time zone; only activity that counts (activity-definition.ts: not joins).
 * Reads raw events until the rollups of the KPI engine exist.
 */
export const DAILY_ACTIVITY_SQL = `
  WITH per_person AS (
    SELECT (e.occurred_at AT TIME ZONE o.time_zone)::date AS day, e.actor_id, count(*) AS events
    FROM activity_events e
    JOIN organisations o ON o.id = e.organisation_id
    WHERE e.organisation_id = $1
      AND e.occurred_at >= ($2::date)::timestamp AT TIME ZONE o.time_zone
      AND e.occurred_at < ($3::date + 1)::timestamp AT TIME ZONE o.time_zone
      AND e.actor_id IS NOT NULL AND e.type IN (${sqlTypes(ACTIVE_TYPES)})
    GROUP BY 1, 2)
  SELECT to_char(x.day, 'YYYY-MM-DD') AS day, count(*)::int AS "activePeople", sum(x.events)::int AS events,
         (sum(p.record_key) % 4294967296)::float8 AS key, max(x.events)::int AS "topEvents"
  FROM per_person x
  JOIN people p ON p.organisation_id = $1 AND p.id = x.actor_id
  GROUP BY x.day
  ORDER BY x.day`;

export async function queryDailyActivity(
  dataSource: DataSource,
  organisationId: string,
  range: { from: string; to: string },
  rule: DisclosureRule,
): Promise<DailyActivitySeries> {
  const rows: DailyActivityRow[] = await dataSource.query(DAILY_ACTIVITY_SQL, [
    organisationId,
    range.from,
    range.to,
  ]);
  return dailyActivitySeries(organisationId, range, rows, rule);
}
