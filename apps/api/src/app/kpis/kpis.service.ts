import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  BestCasesQuery,
  BestCasesReport,
  CommunitiesQuery,
  CommunitiesReport,
  CommunityDetail,
  CommunityDetailQuery,
  FirstPostQuery,
  FirstPostReport,
  KnowledgeFlowReport,
  LifecycleReport,
  PersonasReport,
  AdoptionReport,
  DiffusionReport,
  EngagementReport,
  KpiQuery,
  KpiScope,
  NetworkPeopleReport,
  NetworkReport,
  PeopleReport,
  ParticipationReport,
  RetentionQuery,
  RetentionReport,
} from '@uptake/contracts';
import {
  addDays,
  KpiReports,
  kpiScope,
  loadPopulationSizes,
  organisationDisclosure,
  periodsBetween,
  populationRefusal,
  weekStart,
  type GoalKpi,
  type WeeklyValue,
} from '@uptake/kpi';
import { DirectoryRepository, RolloutPhase, type DirectoryTable } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { DateBounds } from '../common/date-bounds';
import { OrganisationsService } from '../organisations/organisations.service';

/** The filters of a KPI request (the query DTO, or the same fields from a goal). */
export type KpiFilter = Pick<KpiQuery, 'from' | 'to' | 'granularity' | 'orgUnitId' | 'groupId' | 'phaseId'>;

/** Periods in one answer: days over three years would be a 1,100-point series, still fine for a chart. */
const MAX_PERIODS = 1_100;

/**
 * Longest range per granularity: daily series over about three years, weekly over ten, monthly over twenty, so
 * an eight-year export can be read by month. The work of a request grows with people × days of the range
 * (activity bit sets), which stays small even for twenty years (a few hundred 32-bit words per person).
 */
export const MAX_RANGE_DAYS_BY_GRANULARITY = { day: 1_100, week: 3_660, month: 7_320 } as const;

/**
 * Turns a KPI request into a checked scope (defaults, range limits, filters that belong to the organisation,
 * the organisation's k) and asks @uptake/kpi's `KpiReports` for the figures.
 */
@Injectable()
export class KpisService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly bounds: DateBounds,
    private readonly reports: KpiReports,
    private readonly directory: DirectoryRepository,
  ) {}

  async adoption(organisationId: string, query: KpiFilter): Promise<AdoptionReport> {
    return this.reports.adoption(await this.scope(organisationId, query));
  }

  async participation(organisationId: string, query: KpiFilter): Promise<ParticipationReport> {
    return this.reports.participation(await this.scope(organisationId, query));
  }

  async engagement(organisationId: string, query: KpiFilter): Promise<EngagementReport> {
    return this.reports.engagement(await this.scope(organisationId, query));
  }

  async retention(organisationId: string, query: RetentionQuery): Promise<RetentionReport> {
    return this.reports.retention(await this.scope(organisationId, query), query.silentWeeks);
  }

  async network(organisationId: string, query: KpiQuery): Promise<NetworkReport> {
    return this.reports.network(await this.scope(organisationId, query));
  }

  async networkPeople(organisationId: string, query: KpiQuery, top: number): Promise<NetworkPeopleReport> {
    return this.reports.networkPeople(await this.scope(organisationId, query), top);
  }

  async diffusion(
    organisationId: string,
    query: KpiQuery & { targetShare: number; horizonWeeks: number },
  ): Promise<DiffusionReport> {
    return this.reports.diffusion(await this.scope(organisationId, query), query);
  }

  async people(organisationId: string, query: KpiQuery & { limit: number }): Promise<PeopleReport> {
    return this.reports.people(await this.scope(organisationId, query), query.limit);
  }

  async communities(organisationId: string, query: CommunitiesQuery): Promise<CommunitiesReport> {
    return this.reports.communities(await this.scope(organisationId, query), query);
  }

  /** 404 for a group that is not a community of the organisation (a cohort, another organisation's group). */
  async community(
    organisationId: string,
    groupId: string,
    query: CommunityDetailQuery,
  ): Promise<CommunityDetail> {
    const detail = await this.reports.community(await this.scope(organisationId, query), groupId, query);
    if (!detail) throw new NotFoundException(`Community ${groupId} not found`);
    return detail;
  }

  async bestCases(organisationId: string, query: BestCasesQuery): Promise<BestCasesReport> {
    return this.reports.bestCases(await this.scope(organisationId, query), query);
  }

  async personas(organisationId: string, query: KpiFilter): Promise<PersonasReport> {
    return this.reports.personas(await this.scope(organisationId, query));
  }

  async lifecycle(organisationId: string, query: KpiFilter): Promise<LifecycleReport> {
    return this.reports.lifecycle(await this.scope(organisationId, query));
  }

  async firstPost(organisationId: string, query: FirstPostQuery): Promise<FirstPostReport> {
    return this.reports.firstPost(await this.scope(organisationId, query), query.responseHours);
  }

  async knowledgeFlow(organisationId: string, query: KpiFilter): Promise<KnowledgeFlowReport> {
    return this.reports.knowledgeFlow(await this.scope(organisationId, query));
  }

  /** The last `weeks` ISO weeks of a goal KPI for a population, oldest first, ending at the last active day. */
  async weeklyGoalSeries(
    organisationId: string,
    kpi: GoalKpi,
    filter: { orgUnitId: string | null; groupId: string | null },
    weeks = 12,
  ): Promise<{ series: WeeklyValue[]; weeklyActive: number | null }> {
    const to = this.bounds.clampReportDay(await this.reports.lastActiveDay(organisationId));
    const monday = weekStart(addDays(to, -(weeks - 1) * 7));
    const from = monday < this.bounds.earliestDay ? this.bounds.earliestDay : monday;
    return this.weeklyGoalSeriesBetween(organisationId, kpi, filter, from, to);
  }

  /**
   * A goal KPI per ISO week from `from` to `to` (e.g. a baseline's pre-period, Monday..Sunday) for a
   * population, oldest first: the same checked scope as every KPI request (days in the window, filters of
   * the organisation, an addressable population).
   */
  async weeklyGoalSeriesBetween(
    organisationId: string,
    kpi: GoalKpi,
    filter: { orgUnitId: string | null; groupId: string | null },
    from: string,
    to: string,
  ): Promise<{ series: WeeklyValue[]; weeklyActive: number | null }> {
    const scope = await this.scope(organisationId, {
      from,
      to,
      granularity: 'week',
      ...(filter.orgUnitId ? { orgUnitId: filter.orgUnitId } : {}),
      ...(filter.groupId ? { groupId: filter.groupId } : {}),
    });
    return this.reports.weeklyGoalSeries(scope, kpi);
  }

  /** Resolves defaults (range ending on the last active day) and checks filters belong to the organisation. */
  private async scope(organisationId: string, query: KpiFilter): Promise<KpiScope> {
    const organisation = await this.organisations.get(organisationId);
    // Days inside the window (a 400 naming the field otherwise), at most the granularity's range apart.
    const granularity = query.granularity ?? 'week';
    const { from, to } = await this.bounds.resolveRange(
      query,
      () => this.reports.lastActiveDay(organisationId),
      MAX_RANGE_DAYS_BY_GRANULARITY[granularity],
    );
    if (periodsBetween(from, to, granularity).length > MAX_PERIODS) {
      throw new BadRequestException(`the range holds more than ${MAX_PERIODS} ${granularity}s`);
    }
    await this.assertFilterBelongs(organisationId, query);
    // Built as the worker builds the default scopes it precomputes, so both name the same report.
    const scope = kpiScope(
      organisationId,
      organisation,
      { from, to, granularity },
      {
        orgUnitId: query.orgUnitId ?? null,
        groupId: query.phaseId ? await this.phaseCohort(organisationId, query) : (query.groupId ?? null),
      },
    );
    await this.assertAddressable(scope);
    return scope;
  }

  /**
   * The minimum population and difference rules (see @uptake/kpi disclosure/addressable.ts): a filter whose
   * people are 1..k-1, or differ by 1..k-1 from the organisation, the parent unit or either side of a unit ∩
   * group filter, is refused: its figures minus another population's would be about those few people.
   */
  private async assertAddressable(scope: KpiScope): Promise<void> {
    if (!scope.orgUnitId && !scope.groupId) return;
    const refusal = populationRefusal(
      await loadPopulationSizes(this.dataSource, scope, scope.minGroupSize),
      organisationDisclosure({ minGroupSize: scope.minGroupSize, perturbation: scope.perturbation }),
    );
    if (refusal) {
      const filter = [scope.orgUnitId && 'org unit', scope.groupId && 'group or phase']
        .filter(Boolean)
        .join(' ∩ ');
      throw new BadRequestException(`This population (${filter}) cannot be reported on: ${refusal}`);
    }
  }

  /**
   * A rollout phase's people are its cohort group, stored when the phase is saved and at each gate evaluation.
   * A phase saved before that existed has none until the worker's next evaluation: 409, since a read never
   * writes (and the whole organisation's figures would be wrong for it).
   */
  private async phaseCohort(organisationId: string, query: KpiFilter): Promise<string> {
    if (query.groupId) throw new BadRequestException('groupId and phaseId cannot be combined: choose one');
    const phase = await this.dataSource
      .getRepository(RolloutPhase)
      .findOneBy({ id: query.phaseId, organisationId });
    if (!phase) throw new NotFoundException(`Rollout phase ${query.phaseId} not found`);
    if (phase.cohortGroupId) return phase.cohortGroupId;
    throw new ConflictException(
      `The people of rollout phase '${phase.name}' are not resolved yet: they are at its next gate evaluation (or when the phase is saved)`,
    );
  }

  /** An org unit or group filter must belong to the organisation (checked for KPI requests and goals). */
  async assertFilterBelongs(
    organisationId: string,
    filter: { orgUnitId?: string | null; groupId?: string | null },
  ): Promise<void> {
    if (filter.orgUnitId) await this.mustExist('org_units', organisationId, filter.orgUnitId, 'Org unit');
    if (filter.groupId) await this.mustExist('groups', organisationId, filter.groupId, 'Group');
  }

  /** Another organisation's unit or group is indistinguishable from one that does not exist. */
  private async mustExist(table: DirectoryTable, organisationId: string, id: string, label: string) {
    if (!(await this.directory.exists(table, organisationId, id))) {
      throw new NotFoundException(`${label} ${id} not found`);
    }
  }
}
