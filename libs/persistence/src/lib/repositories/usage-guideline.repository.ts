import type { DataSource } from 'typeorm';
import { UsageGuideline } from '../entities/rollout.entity';

/** Eligible people and those of them who acknowledged a guideline version, with the cell keys of both. */
export interface AcknowledgementCounts {
  eligible: number;
  acknowledged: number;
  eligible_key: number;
  acknowledged_key: number;
}

/** Usage guidelines and their acknowledgements. */
export class UsageGuidelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The version published last (by date, then by when it was stored). */
  latest(organisationId: string): Promise<UsageGuideline | null> {
    return this.dataSource
      .getRepository(UsageGuideline)
      .findOne({ where: { organisationId }, order: { publishedOn: 'DESC', createdAt: 'DESC' } });
  }

  byVersion(organisationId: string, version: string): Promise<UsageGuideline | null> {
    return this.dataSource.getRepository(UsageGuideline).findOneBy({ organisationId, version });
  }

  /** Over people in the directory who have not left; nobody acknowledged without a guideline. */
  async acknowledgementCounts(
    organisationId: string,
    guidelineId: string | null,
  ): Promise<AcknowledgementCounts> {
    const [counts]: AcknowledgementCounts[] = await this.dataSource.query(
      `SELECT count(*)::int AS eligible,
              count(a.person_id)::int AS acknowledged,
              (coalesce(sum(p.record_key), 0) % 4294967296)::float8 AS eligible_key,
              (coalesce(sum(p.record_key) FILTER (WHERE a.person_id IS NOT NULL), 0) % 4294967296)::float8
                AS acknowledged_key
       FROM people p
       LEFT JOIN guideline_acknowledgements a ON a.person_id = p.id AND a.guideline_id = $2
       WHERE p.organisation_id = $1 AND p.in_directory AND (p.end_date IS NULL OR p.end_date >= current_date)`,
      [organisationId, guidelineId],
    );
    return counts;
  }

  /** Publishes a version, or corrects the one with the same version number. */
  async publish(
    organisationId: string,
    guideline: { version: string; title: string; publishedOn: string; url: string | null },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO usage_guidelines (organisation_id, version, title, published_on, url)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, version)
       DO UPDATE SET title = EXCLUDED.title, published_on = EXCLUDED.published_on, url = EXCLUDED.url`,
      [organisationId, guideline.version, guideline.title, guideline.publishedOn, guideline.url],
    );
  }

  /**
   * In one statement: matches pseudonyms to people, stores one acknowledgement per person (the earliest day
   * given) and counts the rows that named someone known and the people stored.
   */
  async storeAcknowledgements(
    guidelineId: string,
    organisationId: string,
    rows: { pseudonyms: readonly string[]; days: readonly (string | null)[] },
  ): Promise<{ known_rows: number; matched: number }> {
    const [counts]: { known_rows: number; matched: number }[] = await this.dataSource.query(
      `WITH known AS (
         SELECT p.id AS person_id, row.day
         FROM unnest($3::text[], $4::date[]) AS row (pseudonym, day)
         JOIN people p ON p.organisation_id = $2 AND p.pseudonym = row.pseudonym
       ), stored AS (
         INSERT INTO guideline_acknowledgements (guideline_id, person_id, organisation_id, acknowledged_on)
         SELECT $1, person_id, $2, min(day) FROM known GROUP BY person_id
         ON CONFLICT (guideline_id, person_id) DO UPDATE SET acknowledged_on = EXCLUDED.acknowledged_on
         RETURNING person_id
       )
       SELECT (SELECT count(*)::int FROM known) AS known_rows, (SELECT count(*)::int FROM stored) AS matched`,
      [guidelineId, organisationId, rows.pseudonyms, rows.days],
    );
    return counts;
  }
}
