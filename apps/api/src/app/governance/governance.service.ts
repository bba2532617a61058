import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GovernanceReport } from '@uptake/contracts';
import { pseudonymise } from '@uptake/ingest';
import { isSuppressed, organisationDisclosure, protect, suppressionReason } from '@uptake/kpi';
import { UsageGuideline } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { DateBounds } from '../common/date-bounds';
import { OrganisationsService } from '../organisations/organisations.service';
import type {
  AcknowledgementsImportDto,
  AcknowledgementsResultDto,
  GuidelinesDto,
} from './dto/governance.dto';

/**
 * Usage guidelines of the social network and who acknowledged them. Acknowledgements are imported from an
 * LMS or intranet export; identities are pseudonymised with the organisation's key on arrival, exactly as
 * at ingest, so they match the directory's people without storing an e-mail.
 */
@Injectable()
export class GovernanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly bounds: DateBounds,
  ) {}

  async report(organisationId: string): Promise<GovernanceReport> {
    const k = organisationDisclosure(await this.organisations.get(organisationId));
    const guideline = await this.dataSource
      .getRepository(UsageGuideline)
      .findOne({ where: { organisationId }, order: { publishedOn: 'DESC', createdAt: 'DESC' } });
    const [counts]: {
      eligible: number;
      acknowledged: number;
      eligible_key: number;
      acknowledged_key: number;
    }[] = await this.dataSource.query(
      `SELECT count(*)::int AS eligible,
              count(a.person_id)::int AS acknowledged,
              (coalesce(sum(p.record_key), 0) % 4294967296)::float8 AS eligible_key,
              (coalesce(sum(p.record_key) FILTER (WHERE a.person_id IS NOT NULL), 0) % 4294967296)::float8
                AS acknowledged_key
       FROM people p
       LEFT JOIN guideline_acknowledgements a ON a.person_id = p.id AND a.guideline_id = $2
       WHERE p.organisation_id = $1 AND p.in_directory AND (p.end_date IS NULL OR p.end_date >= current_date)`,
      [organisationId, guideline?.id ?? null],
    );
    const hidden = isSuppressed(counts.eligible, k) || isSuppressed(counts.acknowledged, k);
    const eligible = protect({ count: counts.eligible, key: counts.eligible_key }, k);
    const acknowledged =
      hidden || !guideline ? null : protect({ count: counts.acknowledged, key: counts.acknowledged_key }, k);
    return {
      guidelines: guideline
        ? {
            version: guideline.version,
            title: guideline.title,
            publishedOn: guideline.publishedOn,
            url: guideline.url,
          }
        : null,
      eligible,
      acknowledged,
      share: acknowledged === null || !eligible ? null : Math.min(1, acknowledged / eligible),
      ...(hidden && guideline ? { suppressed: suppressionReason(k) } : {}),
    };
  }

  /** Publishes a version (or corrects the one with the same version number). */
  async publish(organisationId: string, input: GuidelinesDto): Promise<GovernanceReport> {
    this.bounds.assertPlanningDay('publishedOn', input.publishedOn);
    await this.organisations.get(organisationId);
    await this.dataSource.query(
      `INSERT INTO usage_guidelines (organisation_id, version, title, published_on, url)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, version)
       DO UPDATE SET title = EXCLUDED.title, published_on = EXCLUDED.published_on, url = EXCLUDED.url`,
      [organisationId, input.version, input.title, input.publishedOn, input.url ?? null],
    );
    return this.report(organisationId);
  }

  /** Stores acknowledgements of people Uptake knows; rows naming nobody known are counted, not kept. */
  async importAcknowledgements(
    organisationId: string,
    input: AcknowledgementsImportDto,
  ): Promise<AcknowledgementsResultDto> {
    const guideline = await this.dataSource
      .getRepository(UsageGuideline)
      .findOneBy({ organisationId, version: input.version });
    if (!guideline) {
      throw new NotFoundException(`Guidelines version '${input.version}' not found: publish it first`);
    }
    const [{ pseudonym_key: key }]: { pseudonym_key: Buffer }[] = await this.dataSource.query(
      'SELECT pseudonym_key FROM organisations WHERE id = $1',
      [organisationId],
    );
    const pseudonyms: string[] = [];
    const days: (string | null)[] = [];
    input.people.forEach((row, index) => {
      const identity = row.person.trim();
      if (!identity) throw new BadRequestException(`people[${index}].person must not be blank`);
      this.bounds.assertReportDay(`people[${index}].acknowledgedOn`, row.acknowledgedOn);
      pseudonyms.push(pseudonymise(key, identity));
      days.push(row.acknowledgedOn ?? null);
    });
    // One statement: match the rows to people, store one acknowledgement per person, count both.
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
      [guideline.id, organisationId, pseudonyms, days],
    );
    return {
      version: guideline.version,
      received: input.people.length,
      matched: counts.matched,
      unknown: input.people.length - counts.known_rows,
    };
  }
}
