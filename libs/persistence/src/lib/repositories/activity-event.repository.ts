import type { DataSource } from 'typeorm';

/** Activity events, as the API reads them outside the KPI rollups. */
export class ActivityEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The organisation's last day with an event in its own time zone, or null without events. */
  async lastActiveDay(organisationId: string): Promise<string | null> {
    const [row]: { day: string | null }[] = await this.dataSource.query(
      `SELECT to_char(max(occurred_at) AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS day
       FROM organisations o LEFT JOIN activity_events e ON e.organisation_id = o.id
       WHERE o.id = $1 GROUP BY o.time_zone`,
      [organisationId],
    );
    return row?.day ?? null;
  }

  /** The first and last instant of a source's events (null without events): the days its removal changes. */
  async sourceSpan(organisationId: string, sourceId: string): Promise<{ first: Date; last: Date } | null> {
    const [span]: { first: Date | null; last: Date | null }[] = await this.dataSource.query(
      `SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM activity_events
       WHERE organisation_id = $1 AND source_id = $2`,
      [organisationId, sourceId],
    );
    return span?.first && span.last ? { first: span.first, last: span.last } : null;
  }
}
