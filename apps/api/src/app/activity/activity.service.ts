import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DailyActivitySeries } from '@uptake/contracts';
import { organisationDisclosure, queryDailyActivity } from '@uptake/kpi';
import type { DataSource } from 'typeorm';
import { DateBounds } from '../common/date-bounds';
import { OrganisationsService } from '../organisations/organisations.service';

@Injectable()
export class ActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly bounds: DateBounds,
  ) {}

  async daily(organisationId: string, range: { from?: string; to?: string }): Promise<DailyActivitySeries> {
    const organisation = await this.organisations.get(organisationId);
    const { from, to } = await this.bounds.resolveRange(range, () => this.lastActiveDay(organisationId));
    return queryDailyActivity(
      this.dataSource,
      organisationId,
      { from, to },
      organisationDisclosure(organisation),
    );
  }

  /** The demo data and imported history lie in the past: default to where the data is (clamped by DateBounds). */
  private async lastActiveDay(organisationId: string): Promise<string | null> {
    const [row]: { day: string | null }[] = await this.dataSource.query(
      `SELECT to_char(max(occurred_at) AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS day
       FROM organisations o LEFT JOIN activity_events e ON e.organisation_id = o.id
       WHERE o.id = $1 GROUP BY o.time_zone`,
      [organisationId],
    );
    return row?.day ?? null;
  }
}
