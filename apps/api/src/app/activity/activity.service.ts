import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DailyActivitySeries } from '@uptake/contracts';
import { organisationDisclosure, queryDailyActivity } from '@uptake/kpi';
import { ActivityEventRepository } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { DateBounds } from '../common/date-bounds';
import { OrganisationsService } from '../organisations/organisations.service';

@Injectable()
export class ActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly bounds: DateBounds,
    private readonly events: ActivityEventRepository,
  ) {}

  async daily(organisationId: string, range: { from?: string; to?: string }): Promise<DailyActivitySeries> {
    const organisation = await this.organisations.get(organisationId);
    // The demo data and imported history lie in the past: default to where the data is (clamped by DateBounds).
    const { from, to } = await this.bounds.resolveRange(range, () =>
      this.events.lastActiveDay(organisationId),
    );
    return queryDailyActivity(
      this.dataSource,
      organisationId,
      { from, to },
      organisationDisclosure(organisation),
    );
  }
}
