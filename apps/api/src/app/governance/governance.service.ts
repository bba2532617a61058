import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  AcknowledgementsImport,
  AcknowledgementsResult,
  GovernanceReport,
  GuidelinesRequest,
} from '@uptake/contracts';
import { pseudonymise } from '@uptake/ingest';
import { isSuppressed, organisationDisclosure, protect, suppressionReason } from '@uptake/kpi';
import { OrganisationRepository, UsageGuidelineRepository } from '@uptake/persistence';
import { DateBounds } from '../common/date-bounds';
import { OrganisationsService } from '../organisations/organisations.service';

/**
 * Usage guidelines of the social network and who acknowledged them. Acknowledgements are imported from an
 * LMS or intranet export; identities are pseudonymised with the organisation's key on arrival, exactly as
 * at ingest, so they match the directory's people without storing an e-mail.
 */
@Injectable()
export class GovernanceService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly bounds: DateBounds,
    private readonly guidelines: UsageGuidelineRepository,
    private readonly organisationRows: OrganisationRepository,
  ) {}

  async report(organisationId: string): Promise<GovernanceReport> {
    const k = organisationDisclosure(await this.organisations.get(organisationId));
    const guideline = await this.guidelines.latest(organisationId);
    const counts = await this.guidelines.acknowledgementCounts(organisationId, guideline?.id ?? null);
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
  async publish(organisationId: string, input: GuidelinesRequest): Promise<GovernanceReport> {
    this.bounds.assertPlanningDay('publishedOn', input.publishedOn);
    await this.organisations.get(organisationId);
    await this.guidelines.publish(organisationId, { ...input, url: input.url ?? null });
    return this.report(organisationId);
  }

  /** Stores acknowledgements of people Uptake knows; rows naming nobody known are counted, not kept. */
  async importAcknowledgements(
    organisationId: string,
    input: AcknowledgementsImport,
  ): Promise<AcknowledgementsResult> {
    const guideline = await this.guidelines.byVersion(organisationId, input.version);
    if (!guideline) {
      throw new NotFoundException(`Guidelines version '${input.version}' not found: publish it first`);
    }
    const key = await this.organisationRows.pseudonymKey(organisationId);
    const pseudonyms: string[] = [];
    const days: (string | null)[] = [];
    input.people.forEach((row, index) => {
      const identity = row.person.trim();
      if (!identity) throw new BadRequestException(`people[${index}].person must not be blank`);
      this.bounds.assertReportDay(`people[${index}].acknowledgedOn`, row.acknowledgedOn);
      pseudonyms.push(pseudonymise(key, identity));
      days.push(row.acknowledgedOn ?? null);
    });
    const counts = await this.guidelines.storeAcknowledgements(guideline.id, organisationId, {
      pseudonyms,
      days,
    });
    return {
      version: guideline.version,
      received: input.people.length,
      matched: counts.matched,
      unknown: input.people.length - counts.known_rows,
    };
  }
}
