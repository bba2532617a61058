import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AdoptionReport,
  DiffusionReport,
  EngagementReport,
  KpiScope,
  NetworkPeopleReport,
  NetworkReport,
  PeopleReport,
  ParticipationReport,
  RetentionReport,
} from '@uptake/contracts';
import {
  addDays,
  adoptionSeries,
  personSummaries,
  diffusionReport,
  queryUsagePerPerson,
  weekStart,
  type GoalKpi,
  type WeeklyValue,
  brokers,
  champions,
  EARLY_ADOPTER_SHARE,
  loadInteractions,
  loadNetworkPeople,
  networkReport,
  churn,
  churnByUnit,
  isSuppressed,
  loadMembers,
  loadPersonDays,
  loadUnitNames,
  lookbackStart,
  participationSeries,
  participationSummary,
  periodsBetween,
  queryEngagement,
  retentionCohorts,
  suppressionReason,
  toDayNumber,
  type Population,
} from '@uptake/kpi';
import type { DataSource } from 'typeorm';
import { OrganisationsService } from '../organisations/organisations.service';
import type { KpiQuery, RetentionQuery } from './dto/kpi.query';

/** The filters of a KPI request (the query DTO, or the same fields from a goal). */
export type KpiFilter = Pick<KpiQuery, 'from' | 'to' | 'granularity' | 'orgUnitId' | 'groupId'>;

/** Longest range one request may ask for (about three years). */
export const MAX_RANGE_DAYS = 1_100;
const DEFAULT_RANGE_DAYS = 90;
/** Periods in one answer: days over three years would be a 1,100-point series, still fine for a chart. */
const MAX_PERIODS = 1_100;

/**
 * Loads what a KPI needs from the rollups and hands it to the pure functions of @uptake/kpi. Every query
 * is scoped to the organisation; org unit and group filters are checked to belong to it.
 */
@Injectable()
export class KpisService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  async adoption(organisationId: string, query: KpiFilter): Promise<AdoptionReport> {
    const scope = await this.scope(organisationId, query);
    const population = toPopulation(scope);
    const [members, days] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to),
      loadPersonDays(this.dataSource, population, lookbackStart(scope.from), scope.to),
    ]);
    const periods = periodsBetween(scope.from, scope.to, scope.granularity);
    return { scope, points: adoptionSeries(members, days, periods, scope.minGroupSize) };
  }

  async participation(organisationId: string, query: KpiFilter): Promise<ParticipationReport> {
    const scope = await this.scope(organisationId, query);
    const population = toPopulation(scope);
    const [members, days] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to),
      loadPersonDays(this.dataSource, population, scope.from, scope.to),
    ]);
    const periods = periodsBetween(scope.from, scope.to, scope.granularity);
    return {
      scope,
      points: participationSeries(members, days, periods, scope.minGroupSize),
      ...participationSummary(members, days, { start: scope.from, end: scope.to }, scope.minGroupSize),
      reference: { creators: 0.01, contributors: 0.09, rest: 0.9 },
    };
  }

  async engagement(organisationId: string, query: KpiFilter): Promise<EngagementReport> {
    const scope = await this.scope(organisationId, query);
    const periods = periodsBetween(scope.from, scope.to, scope.granularity);
    return {
      scope,
      points: await queryEngagement(this.dataSource, toPopulation(scope), periods, scope.minGroupSize),
    };
  }

  async retention(organisationId: string, query: RetentionQuery): Promise<RetentionReport> {
    const scope = await this.scope(organisationId, query);
    const population = toPopulation(scope);
    const range = { start: scope.from, end: scope.to };
    const [members, days, names] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to),
      loadPersonDays(this.dataSource, population, addDays(scope.from, -query.silentWeeks * 7), scope.to),
      loadUnitNames(this.dataSource, organisationId),
    ]);
    const k = scope.minGroupSize;
    const { total, byUnit } = churn(members, days, range, query.silentWeeks);
    const stoppedHidden = isSuppressed(total.activated, k) || isSuppressed(total.triedAndStopped, k);
    const reactivatedHidden = isSuppressed(total.reactivated, k);
    return {
      scope,
      cohorts: retentionCohorts(members, days, range, k),
      silentWeeks: query.silentWeeks,
      activated: isSuppressed(total.activated, k) ? null : total.activated,
      triedAndStopped: stoppedHidden ? null : total.triedAndStopped,
      triedAndStoppedRate:
        stoppedHidden || total.activated === 0 ? null : total.triedAndStopped / total.activated,
      reactivated: reactivatedHidden ? null : total.reactivated,
      byUnit: churnByUnit(byUnit, names, k),
      ...(stoppedHidden || reactivatedHidden ? { suppressed: suppressionReason(k) } : {}),
    };
  }

  async network(organisationId: string, query: KpiQuery): Promise<NetworkReport> {
    const scope = await this.scope(organisationId, query);
    const population = toPopulation(scope);
    const [interactions, people, names] = await Promise.all([
      loadInteractions(this.dataSource, population, scope.from, scope.to),
      loadNetworkPeople(this.dataSource, population),
      loadUnitNames(this.dataSource, organisationId),
    ]);
    return { scope, ...networkReport(interactions, people, names, scope.minGroupSize) };
  }

  /**
   * Brokers and champions by pseudonym, for admins. Betweenness is computed on request: about a second
   * for a few thousand people.
   */
  async networkPeople(organisationId: string, query: KpiQuery, top: number): Promise<NetworkPeopleReport> {
    const scope = await this.scope(organisationId, query);
    const population = toPopulation(scope);
    const [interactions, people] = await Promise.all([
      loadInteractions(this.dataSource, population, scope.from, scope.to),
      loadNetworkPeople(this.dataSource, population),
    ]);
    const person = (id: string) => people.get(id);
    return {
      scope,
      brokers: brokers(interactions, { top }).map((broker) => ({
        pseudonym: person(broker.person)?.pseudonym ?? broker.person,
        orgUnitId: person(broker.person)?.unit ?? null,
        betweenness: broker.betweenness,
        degree: broker.degree,
      })),
      champions: champions(interactions, people, { earlyShare: EARLY_ADOPTER_SHARE, top }).map(
        (champion) => ({
          pseudonym: person(champion.person)?.pseudonym ?? champion.person,
          orgUnitId: person(champion.person)?.unit ?? null,
          adoptedOn: champion.adoptedOn,
          reach: champion.reach,
          interactions: champion.interactions,
        }),
      ),
    };
  }

  async diffusion(
    organisationId: string,
    query: KpiQuery & { targetShare: number; horizonWeeks: number },
  ): Promise<DiffusionReport> {
    const scope = await this.scope(organisationId, query);
    const members = await loadMembers(this.dataSource, toPopulation(scope), scope.to);
    return {
      scope,
      ...diffusionReport(members, scope.to, scope.minGroupSize, {
        targetShare: query.targetShare,
        horizonWeeks: query.horizonWeeks,
      }),
    };
  }

  /** Per person, by pseudonym, for admins: persona, totals and active days over the range. */
  async people(organisationId: string, query: KpiQuery & { limit: number }): Promise<PeopleReport> {
    const scope = await this.scope(organisationId, query);
    const population = toPopulation(scope);
    const [members, days, pseudonyms] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to),
      loadPersonDays(this.dataSource, population, scope.from, scope.to),
      this.pseudonyms(organisationId),
    ]);
    const rows = personSummaries(members, days, { start: scope.from, end: scope.to });
    return {
      scope,
      total: rows.length,
      people: rows.slice(0, query.limit).map(({ personId, ...row }) => ({
        pseudonym: pseudonyms.get(personId) ?? personId,
        ...row,
      })),
    };
  }

  private async pseudonyms(organisationId: string): Promise<Map<string, string>> {
    const rows: { id: string; pseudonym: string }[] = await this.dataSource.query(
      'SELECT id, pseudonym FROM people WHERE organisation_id = $1',
      [organisationId],
    );
    return new Map(rows.map((row) => [row.id, row.pseudonym]));
  }

  /** The last `weeks` ISO weeks of a goal KPI for a population, oldest first, ending at the last active day. */
  async weeklyGoalSeries(
    organisationId: string,
    kpi: GoalKpi,
    filter: { orgUnitId: string | null; groupId: string | null },
    weeks = 12,
  ): Promise<{ series: WeeklyValue[]; weeklyActive: number | null }> {
    const to = await this.lastActiveDay(organisationId);
    const from = weekStart(addDays(to, -(weeks - 1) * 7));
    const query = { from, to, granularity: 'week' as const, ...dropNulls(filter) };
    const adoption = await this.adoption(organisationId, query);
    const weeklyActive = adoption.points.at(-1)?.weeklyActive ?? null;
    const at = (values: (number | null)[]): WeeklyValue[] =>
      adoption.points.map((point, index) => ({ week: weekStart(point.start), value: values[index] ?? null }));
    switch (kpi) {
      case 'adoption_rate':
        return { series: at(adoption.points.map((p) => p.adoptionRate)), weeklyActive };
      case 'weekly_active_rate':
        return {
          series: at(
            adoption.points.map((p) =>
              p.weeklyActive !== null && p.eligible ? p.weeklyActive / p.eligible : null,
            ),
          ),
          weeklyActive,
        };
      case 'contributor_share': {
        const participation = await this.participation(organisationId, query);
        return {
          series: at(
            participation.points.map((p) =>
              p.creators !== null && p.contributors !== null && p.eligible
                ? (p.creators + p.contributors) / p.eligible
                : null,
            ),
          ),
          weeklyActive,
        };
      }
      case 'median_hours_to_first_response': {
        const engagement = await this.engagement(organisationId, query);
        return { series: at(engagement.points.map((p) => p.medianHoursToFirstResponse)), weeklyActive };
      }
      case 'emails_sent_per_person_per_week': {
        const scope = await this.scope(organisationId, query);
        const periods = periodsBetween(scope.from, scope.to, 'week');
        const values = await queryUsagePerPerson(
          this.dataSource,
          toPopulation(scope),
          'email.sent',
          periods,
          scope.minGroupSize,
        );
        return { series: at(values), weeklyActive };
      }
    }
  }

  /** Resolves defaults (range ending on the last active day) and checks filters belong to the organisation. */
  private async scope(organisationId: string, query: KpiFilter): Promise<KpiScope> {
    const organisation = await this.organisations.get(organisationId);
    const to = query.to ?? (await this.lastActiveDay(organisationId));
    const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
    if (from > to) throw new BadRequestException(`from (${from}) must not be after to (${to})`);
    if (toDayNumber(to) - toDayNumber(from) + 1 > MAX_RANGE_DAYS) {
      throw new BadRequestException(`the range ${from}..${to} is longer than ${MAX_RANGE_DAYS} days`);
    }
    const granularity = query.granularity ?? 'week';
    if (periodsBetween(from, to, granularity).length > MAX_PERIODS) {
      throw new BadRequestException(`the range holds more than ${MAX_PERIODS} ${granularity}s`);
    }
    await this.assertFilterBelongs(organisationId, query);
    return {
      organisationId,
      from,
      to,
      granularity,
      orgUnitId: query.orgUnitId ?? null,
      groupId: query.groupId ?? null,
      minGroupSize: organisation.minGroupSize,
    };
  }

  /** Another organisation's unit or group is indistinguishable from one that does not exist. */
  /** An org unit or group filter must belong to the organisation (checked for KPI requests and goals). */
  async assertFilterBelongs(
    organisationId: string,
    filter: { orgUnitId?: string | null; groupId?: string | null },
  ): Promise<void> {
    if (filter.orgUnitId) await this.mustExist('org_units', organisationId, filter.orgUnitId, 'Org unit');
    if (filter.groupId) await this.mustExist('groups', organisationId, filter.groupId, 'Group');
  }

  private async mustExist(table: 'org_units' | 'groups', organisationId: string, id: string, label: string) {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM ${table} WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (rows.length === 0) throw new NotFoundException(`${label} ${id} not found`);
  }

  /** The demo data and imported history lie in the past: default to where the data is, else today. */
  private async lastActiveDay(organisationId: string): Promise<string> {
    const [row]: { day: string | null }[] = await this.dataSource.query(
      `SELECT to_char(max(last_day), 'YYYY-MM-DD') AS day FROM person_activity WHERE organisation_id = $1`,
      [organisationId],
    );
    return row?.day ?? new Date().toISOString().slice(0, 10);
  }
}

function dropNulls(filter: { orgUnitId: string | null; groupId: string | null }): {
  orgUnitId?: string;
  groupId?: string;
} {
  return {
    ...(filter.orgUnitId ? { orgUnitId: filter.orgUnitId } : {}),
    ...(filter.groupId ? { groupId: filter.groupId } : {}),
  };
}

function toPopulation(scope: KpiScope): Population {
  return { organisationId: scope.organisationId, orgUnitId: scope.orgUnitId, groupId: scope.groupId };
}
