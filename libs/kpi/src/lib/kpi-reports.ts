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
import { latestReportDay } from '@uptake/config';
import type { DataSource } from 'typeorm';
import type { GoalKpi, WeeklyValue } from './business-goals';
import { diffusionReport, type DiffusionOptions } from './diffusion-report';
import {
  adoptionSeriesFromBits,
  churnFromBits,
  participationSeriesFromBits,
  participationSummaryFromBits,
  retentionCohortsFromBits,
} from './bits-kpis';
import {
  loadActivityBits,
  loadEventTotals,
  loadInteractions,
  loadMembers,
  loadNetworkPeople,
  loadPersonDays,
  loadUnitNames,
  lookbackStart,
  queryEngagement,
  queryUsagePerPerson,
  type Population,
} from './kpi-data';
import { brokers, champions } from './network';
import { EARLY_ADOPTER_SHARE, networkReport } from './network-report';
import { churnByUnit, personSummaries } from './people-kpis';
import { addDays, periodsBetween, weekStart } from './periods';
import { ReportCache } from './report-cache';
import type { Disclosure } from './disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from './suppression';

/**
 * Every KPI report for a resolved scope (range, granularity, population and k already checked): loads what the
 * KPI needs from the rollups and hands it to the pure functions. The API (requests) and the worker (gate
 * evaluation) both use it, so a gate sees exactly the figures the dashboard shows.
 */
export class KpiReports {
  private readonly cache: ReportCache;

  constructor(private readonly dataSource: DataSource) {
    this.cache = new ReportCache(dataSource);
  }

  async adoption(scope: KpiScope): Promise<AdoptionReport> {
    return this.cache.get(scope.organisationId, ['adoption', scope], () => this.computeAdoption(scope));
  }

  private async computeAdoption(scope: KpiScope): Promise<AdoptionReport> {
    const population = toPopulation(scope);
    const [members, bits] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to, { lastActiveDay: false }),
      loadActivityBits(this.dataSource, population, lookbackStart(scope.from), scope.to),
    ]);
    const periods = periodsBetween(scope.from, scope.to, scope.granularity);
    return { scope, points: adoptionSeriesFromBits(members, bits, periods, disclosureOfScope(scope)) };
  }

  async participation(scope: KpiScope): Promise<ParticipationReport> {
    return this.cache.get(scope.organisationId, ['participation', scope], () =>
      this.computeParticipation(scope),
    );
  }

  private async computeParticipation(scope: KpiScope): Promise<ParticipationReport> {
    const population = toPopulation(scope);
    const [members, bits, events] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to, { lastActiveDay: false }),
      loadActivityBits(this.dataSource, population, scope.from, scope.to),
      loadEventTotals(this.dataSource, population, scope.from, scope.to),
    ]);
    const periods = periodsBetween(scope.from, scope.to, scope.granularity);
    const range = { start: scope.from, end: scope.to };
    return {
      scope,
      points: participationSeriesFromBits(members, bits, periods, disclosureOfScope(scope)),
      ...participationSummaryFromBits(members, bits, events, range, disclosureOfScope(scope)),
      reference: { creators: 0.01, contributors: 0.09, rest: 0.9 },
    };
  }

  /**
   * Cached until the rollups or the directory change: the median time to first response sorts every
   * thread of the range (about 100k over 90 days at 10M events), which the day masks cannot avoid.
   */
  async engagement(scope: KpiScope): Promise<EngagementReport> {
    return this.cache.get(scope.organisationId, ['engagement', scope], async () => {
      const periods = periodsBetween(scope.from, scope.to, scope.granularity);
      return {
        scope,
        points: await queryEngagement(
          this.dataSource,
          toPopulation(scope),
          periods,
          disclosureOfScope(scope),
        ),
      };
    });
  }

  async retention(scope: KpiScope, silentWeeks: number): Promise<RetentionReport> {
    return this.cache.get(scope.organisationId, ['retention', scope, silentWeeks], () =>
      this.computeRetention(scope, silentWeeks),
    );
  }

  private async computeRetention(scope: KpiScope, silentWeeks: number): Promise<RetentionReport> {
    const population = toPopulation(scope);
    const range = { start: scope.from, end: scope.to };
    const [members, bits, names] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to, { lastActiveDay: false }),
      loadActivityBits(this.dataSource, population, addDays(scope.from, -silentWeeks * 7), scope.to),
      loadUnitNames(this.dataSource, scope.organisationId),
    ]);
    const rule = disclosureOfScope(scope);
    const { total, byUnit } = churnFromBits(members, bits, range, silentWeeks);
    const activated = protect(total.activated, rule);
    const stoppedHidden = activated === null || isSuppressed(total.triedAndStopped.count, rule);
    const triedAndStopped = stoppedHidden ? null : protect(total.triedAndStopped, rule);
    const reactivatedHidden = isSuppressed(total.reactivated.count, rule);
    return {
      scope,
      cohorts: retentionCohortsFromBits(members, bits, range, rule),
      silentWeeks,
      activated,
      triedAndStopped,
      triedAndStoppedRate:
        triedAndStopped === null || !activated ? null : Math.min(1, triedAndStopped / activated),
      reactivated: reactivatedHidden ? null : protect(total.reactivated, rule),
      byUnit: churnByUnit(byUnit, names, rule),
      ...(stoppedHidden || reactivatedHidden ? { suppressed: suppressionReason(rule) } : {}),
    };
  }

  /** Cached until the rollups or the directory change (the graph measures take a few hundred ms). */
  async network(scope: KpiScope): Promise<NetworkReport> {
    return this.cache.get(scope.organisationId, ['network', scope], () => this.computeNetwork(scope));
  }

  private async computeNetwork(scope: KpiScope): Promise<NetworkReport> {
    const population = toPopulation(scope);
    const [interactions, people, names] = await Promise.all([
      loadInteractions(this.dataSource, population, scope.from, scope.to),
      loadNetworkPeople(this.dataSource, population),
      loadUnitNames(this.dataSource, scope.organisationId),
    ]);
    return { scope, ...networkReport(interactions, people, names, disclosureOfScope(scope)) };
  }

  /**
   * Brokers and champions by pseudonym, for admins. Betweenness is computed on request: about a second
   * for a few thousand people.
   */
  async networkPeople(scope: KpiScope, top: number): Promise<NetworkPeopleReport> {
    return this.cache.get(scope.organisationId, ['network-people', scope, top], () =>
      this.computeNetworkPeople(scope, top),
    );
  }

  private async computeNetworkPeople(scope: KpiScope, top: number): Promise<NetworkPeopleReport> {
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

  /** Cached until the rollups or the directory change (the Bass fit and its bootstrap take ~200 ms). */
  async diffusion(scope: KpiScope, options: DiffusionOptions): Promise<DiffusionReport> {
    const key = ['diffusion', scope, options.targetShare, options.horizonWeeks, options.samples ?? null];
    return this.cache.get(scope.organisationId, key, async () => {
      const members = await loadMembers(this.dataSource, toPopulation(scope), scope.to, {
        lastActiveDay: false,
      });
      return { scope, ...diffusionReport(members, scope.to, disclosureOfScope(scope), options) };
    });
  }

  /** Per person, by pseudonym, for admins: persona, totals and active days over the range. */
  async people(scope: KpiScope, limit: number): Promise<PeopleReport> {
    const population = toPopulation(scope);
    const [members, days, pseudonyms] = await Promise.all([
      loadMembers(this.dataSource, population, scope.to),
      loadPersonDays(this.dataSource, population, scope.from, scope.to),
      this.pseudonyms(scope.organisationId),
    ]);
    const rows = personSummaries(members, days, { start: scope.from, end: scope.to });
    return {
      scope,
      total: rows.length,
      people: rows.slice(0, limit).map(({ personId, ...row }) => ({
        pseudonym: pseudonyms.get(personId) ?? personId,
        ...row,
      })),
    };
  }

  /**
   * A goal KPI per ISO week over `scope` (granularity forced to week), oldest first, with the weekly active
   * people of the last week (the value model's multiplier).
   */
  async weeklyGoalSeries(
    scope: KpiScope,
    kpi: GoalKpi,
  ): Promise<{ series: WeeklyValue[]; weeklyActive: number | null }> {
    const weekly: KpiScope = { ...scope, granularity: 'week' };
    const adoption = await this.adoption(weekly);
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
        const participation = await this.participation(weekly);
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
        const engagement = await this.engagement(weekly);
        return { series: at(engagement.points.map((p) => p.medianHoursToFirstResponse)), weeklyActive };
      }
      case 'emails_sent_per_person_per_week': {
        const periods = periodsBetween(weekly.from, weekly.to, 'week');
        const values = await queryUsagePerPerson(
          this.dataSource,
          toPopulation(weekly),
          'email.sent',
          periods,
          disclosureOfScope(weekly),
        );
        return { series: at(values), weeklyActive };
      }
    }
  }

  /**
   * The last day anyone of the organisation was active: imported history lies in the past, so ranges end
   * there. Never after tomorrow (UTC), so a far-future date stored before the time window existed cannot
   * make a default range that reaches it.
   */
  async lastActiveDay(organisationId: string, now = new Date()): Promise<string | null> {
    const [row]: { day: string | null }[] = await this.dataSource.query(
      `SELECT to_char(LEAST(max(last_day), $2::date), 'YYYY-MM-DD') AS day
       FROM person_activity WHERE organisation_id = $1 HAVING count(last_day) > 0`,
      [organisationId, latestReportDay(now)],
    );
    return row?.day ?? null;
  }

  private async pseudonyms(organisationId: string): Promise<Map<string, string>> {
    const rows: { id: string; pseudonym: string }[] = await this.dataSource.query(
      'SELECT id, pseudonym FROM people WHERE organisation_id = $1',
      [organisationId],
    );
    return new Map(rows.map((row) => [row.id, row.pseudonym]));
  }
}

/** The disclosure rule of a scope: its k, and cell-key perturbation unless the organisation turned it off. */
export function disclosureOfScope(scope: KpiScope): Disclosure {
  return { k: scope.minGroupSize, perturbation: scope.perturbation };
}

function toPopulation(scope: KpiScope): Population {
  return { organisationId: scope.organisationId, orgUnitId: scope.orgUnitId, groupId: scope.groupId };
}
