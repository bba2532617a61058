import type {
  BestCasesReport,
  CommunitiesReport,
  CommunityDetail,
  CommunitySort,
  KnowledgeFlowReport,
  AdoptionReport,
  DiffusionReport,
  EngagementReport,
  FirstPostReport,
  KpiScope,
  LifecycleReport,
  NetworkPeopleReport,
  NetworkReport,
  PeopleReport,
  ParticipationReport,
  PersonasReport,
  RetentionReport,
} from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { queryAdoptionReport } from './adoption/adoption-query';
import { queryBestCases } from './best-cases/best-cases-query';
import { queryCommunitiesReport, queryCommunityDetail } from './communities/communities-query';
import { queryKnowledgeFlowReport } from './knowledge-flow/knowledge-flow-query';
import { loadLastActiveDay } from './core/members';
import { periodsBetween, weekStart } from './core/periods';
import { disclosureOfScope, toPopulation } from './core/population';
import { ReportCache, type CacheLookup } from './core/report-cache';
import { ReportSnapshots } from './core/report-snapshots';
import { queryDiffusionReport } from './diffusion/diffusion-query';
import type { DiffusionOptions } from './diffusion/diffusion-report';
import { queryEngagementReport } from './engagement/engagement-query';
import { queryFirstPostReport } from './first-post/first-post-query';
import type { GoalKpi, WeeklyValue } from './goals/business-goals';
import { queryUsagePerPerson } from './goals/usage-per-person';
import { queryLifecycleReport } from './lifecycle/lifecycle-query';
import { queryNetworkPeopleReport, queryNetworkReport } from './network/network-query';
import { queryParticipationReport } from './participation/participation-query';
import { queryPeopleReport } from './people/people-query';
import { queryPersonasReport } from './personas/personas-query';
import { queryRetentionReport } from './retention/retention-query';

export interface KpiReportsOptions {
  /**
   * Told of every report cache lookup, hit or miss (the API counts them for its metrics). A callback rather
   * than a metrics client here, so the KPI engine stays free of how a process reports.
   */
  onCacheLookup?: (result: CacheLookup) => void;
  /**
   * Answers shared through the `kpi_report_snapshots` table. 'read-write' (the worker): what it computes, above
   * all what it precomputes after a refresh, is stored for every process. 'read' (the API): stored answers of
   * the current state are served, and nothing is written, so a GET never writes (what the API computes stays
   * in its own memory). Off by default, so a test or script that changes rollups by hand without a refresh
   * still gets fresh figures from a new instance.
   */
  sharedSnapshots?: 'read' | 'read-write';
  /** A shared snapshot could not be read or written (the answer is computed, or not shared): for the log. */
  onSnapshotError?: (error: unknown) => void;
}

/**
 * Every KPI report for a resolved scope (range, granularity, population and k already checked): each KPI
 * family's query loads what it needs from the rollups and hands it to its pure functions; this class caches
 * the results. The API (requests) and the worker (gate evaluation) both use it, so a gate sees exactly the
 * figures the dashboard shows.
 */
export class KpiReports {
  private readonly cache: ReportCache;

  constructor(
    private readonly dataSource: DataSource,
    options: KpiReportsOptions = {},
  ) {
    this.cache = new ReportCache(dataSource, undefined, {
      onLookup: options.onCacheLookup,
      snapshots: options.sharedSnapshots ? new ReportSnapshots(dataSource) : undefined,
      writeSnapshots: options.sharedSnapshots === 'read-write',
      onSnapshotError: options.onSnapshotError,
    });
  }

  /** Resolves when the answers computed so far are stored for other processes. */
  async snapshotsSettled(): Promise<void> {
    await this.cache.settled();
  }

  async adoption(scope: KpiScope): Promise<AdoptionReport> {
    return this.cache.get(scope.organisationId, ['adoption', scope], () =>
      queryAdoptionReport(this.dataSource, scope),
    );
  }

  async participation(scope: KpiScope): Promise<ParticipationReport> {
    return this.cache.get(scope.organisationId, ['participation', scope], () =>
      queryParticipationReport(this.dataSource, scope),
    );
  }

  /**
   * Cached until the rollups or the directory change: the median time to first response sorts every
   * thread of the range (about 100k over 90 days at 10M events), which the day masks cannot avoid.
   */
  async engagement(scope: KpiScope): Promise<EngagementReport> {
    return this.cache.get(scope.organisationId, ['engagement', scope], () =>
      queryEngagementReport(this.dataSource, scope),
    );
  }

  async retention(scope: KpiScope, silentWeeks: number): Promise<RetentionReport> {
    return this.cache.get(scope.organisationId, ['retention', scope, silentWeeks], () =>
      queryRetentionReport(this.dataSource, scope, silentWeeks),
    );
  }

  /** Cached until the rollups or the directory change (the graph measures take a few hundred ms). */
  async network(scope: KpiScope): Promise<NetworkReport> {
    return this.cache.get(scope.organisationId, ['network', scope], () =>
      queryNetworkReport(this.dataSource, scope),
    );
  }

  /**
   * Brokers and champions by pseudonym, for admins. Betweenness is computed on request: about a second
   * for a few thousand people.
   */
  async networkPeople(scope: KpiScope, top: number): Promise<NetworkPeopleReport> {
    return this.cache.get(scope.organisationId, ['network-people', scope, top], () =>
      queryNetworkPeopleReport(this.dataSource, scope, top),
    );
  }

  /** Cached until the rollups or the directory change (the Bass fit and its bootstrap take ~200 ms). */
  async diffusion(scope: KpiScope, options: DiffusionOptions): Promise<DiffusionReport> {
    const key = ['diffusion', scope, options.targetShare, options.horizonWeeks, options.samples ?? null];
    return this.cache.get(scope.organisationId, key, () =>
      queryDiffusionReport(this.dataSource, scope, options),
    );
  }

  /** Behaviour personas, habits and personas per top-level unit (shares only, never lists). */
  async personas(scope: KpiScope): Promise<PersonasReport> {
    return this.cache.get(scope.organisationId, ['personas', scope], () =>
      queryPersonasReport(this.dataSource, scope),
    );
  }

  /** New, retained, reactivated and dormant people per ISO week. */
  async lifecycle(scope: KpiScope): Promise<LifecycleReport> {
    return this.cache.get(scope.organisationId, ['lifecycle', scope], () =>
      queryLifecycleReport(this.dataSource, scope),
    );
  }

  /**
   * "Found nobody, stopped": newcomers' first posts answered within `responseHours` or not, and their
   * retention. The gate criterion first_post_answered_24h reads its weekly shares.
   */
  async firstPost(scope: KpiScope, responseHours: number): Promise<FirstPostReport> {
    return this.cache.get(scope.organisationId, ['first-post', scope, responseHours], () =>
      queryFirstPostReport(this.dataSource, scope, responseHours),
    );
  }

  /** Community health of every community (capped by `limit`), cached until the rollups or the directory change. */
  async communities(
    scope: KpiScope,
    options: { limit: number; sort: CommunitySort; viralThreshold: number },
  ): Promise<CommunitiesReport> {
    const key = ['communities', scope, options.limit, options.sort, options.viralThreshold];
    return this.cache.get(scope.organisationId, key, () =>
      queryCommunitiesReport(this.dataSource, scope, options),
    );
  }

  /** One community's health and detail; null when the group is not a community of the organisation. */
  async community(
    scope: KpiScope,
    groupId: string,
    options: { viralThreshold: number },
  ): Promise<CommunityDetail | null> {
    return this.cache.get(scope.organisationId, ['community', scope, groupId, options.viralThreshold], () =>
      queryCommunityDetail(this.dataSource, scope, groupId, options),
    );
  }

  /** Communities and org units ranked against the organisation (it computes every community's health). */
  async bestCases(
    scope: KpiScope,
    options: { kind: 'all' | 'community' | 'orgUnit'; top: number },
  ): Promise<BestCasesReport> {
    return this.cache.get(scope.organisationId, ['best-cases', scope, options.kind, options.top], () =>
      queryBestCases(this.dataSource, scope, options),
    );
  }

  /** Who answers whose threads, hidden expertise and leadership by level. */
  async knowledgeFlow(scope: KpiScope): Promise<KnowledgeFlowReport> {
    return this.cache.get(scope.organisationId, ['knowledge-flow', scope], () =>
      queryKnowledgeFlowReport(this.dataSource, scope),
    );
  }

  /** Per person, by pseudonym, for admins: persona, totals and active days over the range. */
  async people(scope: KpiScope, limit: number): Promise<PeopleReport> {
    return queryPeopleReport(this.dataSource, scope, limit);
  }

  /**
   * A goal KPI per ISO week over `scope` (granularity forced to week), oldest first, with the weekly active
   * people of the last week (the value model's multiplier). Read from the cached reports of the families.
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
   * there (never after tomorrow, UTC).
   */
  async lastActiveDay(organisationId: string, now = new Date()): Promise<string | null> {
    return loadLastActiveDay(this.dataSource, organisationId, now);
  }
}
