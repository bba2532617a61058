import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DailyActivitySeries } from '@uptake/contracts';
import { daysBetween, queryDailyActivity } from '@uptake/kpi';
import type { DataSource } from 'typeorm';
import { OrganisationsService } from '../organisations/organisations.service';

/** Longest range one request may ask for (a daily series of about three years). */
export const MAX_RANGE_DAYS = 1_100;
const DEFAULT_RANGE_DAYS = 90;

@Injectable()
export class ActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  async daily(organisationId: string, range: { from?: string; to?: string }): Promise<DailyActivitySeries> {
    const organisation = await this.organisations.get(organisationId);
    const to = range.to ?? (await this.lastActiveDay(organisationId));
    const from = range.from ?? shiftDays(to, -(DEFAULT_RANGE_DAYS - 1));
    if (from > to) throw new BadRequestException(`from (${from}) must not be after to (${to})`);
    if (daysBetween(from, to).length > MAX_RANGE_DAYS) {
      throw new BadRequestException(`the range ${from}..${to} is longer than ${MAX_RANGE_DAYS} days`);
    }
    return queryDailyActivity(this.dataSource, organisationId, { from, to }, organisation.minGroupSize);
  }

  /** The demo data and imported history lie in the past: default to where the data is, else today. */
  private async lastActiveDay(organisationId: string): Promise<string> {
    const [row]: { day: string | null }[] = await this.dataSource.query(
      `SELECT to_char(max(occurred_at) AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS day
       FROM organisations o LEFT JOIN activity_events e ON e.organisation_id = o.id
       WHERE o.id = $1 GROUP BY o.time_zone`,
      [organisationId],
    );
    return row?.day ?? new Date().toISOString().slice(0, 10);
  }
}

function shiftDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
