import type { DailyActivityPoint, DailyActivitySeries } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { isSuppressed, suppressionReason } from './suppression';

export interface DailyActivityRow {
  day: string;
  activePeople: number;
  events: number;
}

/** Every ISO date from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let day = new Date(`${from}T00:00:00Z`);
    day <= new Date(`${to}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** Pure part: fills days without activity with zeros and withholds days below k. */
export function dailyActivitySeries(
  organisationId: string,
  range: { from: string; to: string },
  rows: readonly DailyActivityRow[],
  minGroupSize: number,
): DailyActivitySeries {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const points = daysBetween(range.from, range.to).map((day): DailyActivityPoint => {
    const row = byDay.get(day) ?? { day, activePeople: 0, events: 0 };
    return isSuppressed(row.activePeople, minGroupSize)
      ? { day, activePeople: null, events: null, suppressed: suppressionReason(minGroupSize) }
      : { day, activePeople: row.activePeople, events: row.events };
  });
  return { organisationId, from: range.from, to: range.to, minGroupSize, points };
}

/** Days are cut in the organisation's time zone. Reads raw events until the rollups of the KPI engine exist. */
export const DAILY_ACTIVITY_SQL = `
  SELECT to_char((e.occurred_at AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS day,
         count(DISTINCT e.actor_id)::int AS "activePeople",
         count(*)::int AS events
  FROM activity_events e
  JOIN organisations o ON o.id = e.organisation_id
  WHERE e.organisation_id = $1
    AND e.occurred_at >= ($2::date)::timestamp AT TIME ZONE o.time_zone
    AND e.occurred_at < ($3::date + 1)::timestamp AT TIME ZONE o.time_zone
  GROUP BY 1
  ORDER BY 1`;

export async function queryDailyActivity(
  dataSource: DataSource,
  organisationId: string,
  range: { from: string; to: string },
  minGroupSize: number,
): Promise<DailyActivitySeries> {
  const rows: DailyActivityRow[] = await dataSource.query(DAILY_ACTIVITY_SQL, [
    organisationId,
    range.from,
    range.to,
  ]);
  return dailyActivitySeries(organisationId, range, rows, minGroupSize);
}
