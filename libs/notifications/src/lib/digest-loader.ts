import { dayOf, latestReportDay } from '@uptake/config';
import {
  GATE_STATUSES,
  type DigestFrequency,
  type DigestSection,
  type GateStatus,
  type GoalKpi,
  type KpiHeadline,
  type KpiScope,
} from '@uptake/contracts';
import {
  addDays,
  goalProgress,
  KpiReports,
  loadPopulationSizes,
  organisationDisclosure,
  populationRefusal,
  weekStart,
} from '@uptake/kpi';
import {
  BusinessGoal,
  NotificationReadsRepository,
  type DigestOrganisationRow,
  type SourceHealthRow,
} from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { isStale } from './alert-conditions';
import {
  DIGEST_ROWS,
  type ChangeManagerDigest,
  type DigestData,
  type ExecutiveDigest,
  type MaintainerDigest,
} from './digest-data';

/** Weeks of the executive chart and the goal series. */
const DIGEST_WEEKS = 12;
/** A first post answered less often than this within 24 hours puts its unit in the change managers' list. */
const UNANSWERED_BELOW = 0.5;
/** Members per week a community must grow or shrink by to be named (5% a week). */
const COMMUNITY_GROWTH_MIN = 0.05;
/** A source's quarantined records in the digest's span at least this many times the span before it. */
const QUARANTINE_SPIKE_FACTOR = 2;
/** The staleness the maintainers' digest reports (the alert rule's defaults). */
const DIGEST_STALENESS = {
  kind: 'source_stale',
  sourceId: null,
  scheduleMultiple: 3,
  unscheduledHours: 48,
} as const;

function isGateStatus(value: unknown): value is GateStatus {
  return (GATE_STATUSES as readonly unknown[]).includes(value);
}

/** A population filter on a scope, or the whole organisation. */
export interface PopulationFilter {
  orgUnitId: string | null;
  groupId: string | null;
}

/**
 * Reads what digests and KPI alerts report, through the reports the API serves: KpiReports (k-protected,
 * cached per rollup version), the stored gate evaluations, the sync runs. Used by the API's preview and the
 * worker's scheduler alike, so a preview is what would be sent.
 */
export class DigestLoader {
  private readonly reads: NotificationReadsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: KpiReports,
  ) {
    this.reads = new NotificationReadsRepository(dataSource);
  }

  async load(
    organisationId: string,
    sections: readonly DigestSection[],
    period: { frequency: DigestFrequency; since: Date; now: Date },
  ): Promise<DigestData> {
    const organisation = await this.reads.organisation(organisationId);
    if (!organisation) throw new Error(`organisation ${organisationId} not found`);
    const asOf = await this.lastDay(organisationId, period.now);
    const data: DigestData = {
      organisation: {
        id: organisation.id,
        name: organisation.name,
        minGroupSize: organisation.minGroupSize,
        timeZone: organisation.timeZone,
      },
      frequency: period.frequency,
      asOf,
      since: period.since,
    };
    const scope = this.weeklyScope(organisation, addDays(weekStart(asOf), -(DIGEST_WEEKS - 1) * 7), asOf);
    if (sections.includes('executive')) data.executive = await this.executive(organisation, scope);
    if (sections.includes('change_manager'))
      data.changeManager = await this.changeManager(organisation, scope, period.since);
    if (sections.includes('connector_maintainer'))
      data.connectorMaintainer = await this.maintainer(organisation, period.since, period.now);
    return data;
  }

  /**
   * The latest complete ISO week's value of a KPI headline for a population, or null when it is withheld,
   * not measurable, or the population cannot be reported on (1..k-1 people, or differing from a larger one
   * by 1..k-1: the API refuses such filters, so an alert must not reveal them either).
   */
  async headline(
    organisationId: string,
    kpi: KpiHeadline,
    filter: PopulationFilter,
    now: Date,
  ): Promise<{ week: string; value: number | null } | null> {
    const organisation = await this.reads.organisation(organisationId);
    if (!organisation) return null;
    const asOf = await this.lastDay(organisationId, now);
    // The last Sunday on or before the last day with data: the week is complete.
    const lastSunday = addDays(weekStart(addDays(asOf, 1)), -1);
    const scope = {
      ...this.weeklyScope(organisation, addDays(weekStart(lastSunday), -21), lastSunday),
      ...filter,
    };
    const week = weekStart(lastSunday);
    if (!(await this.addressable(scope))) return { week, value: null };
    if (kpi === 'first_post_answered_24h') {
      const report = await this.reports.firstPost(scope, 24);
      const last = report.byWeek.find((w) => w.week === week);
      return { week, value: last?.answeredWithin24h ?? null };
    }
    const { series } = await this.reports.weeklyGoalSeries(scope, kpi);
    return { week, value: series.find((point) => point.week === week)?.value ?? null };
  }

  /** The organisation's last active day, never after tomorrow (UTC); today when it has no data yet. */
  private async lastDay(organisationId: string, now: Date): Promise<string> {
    const last = (await this.reports.lastActiveDay(organisationId, now)) ?? dayOf(now);
    const latest = latestReportDay(now);
    return last > latest ? latest : last;
  }

  private weeklyScope(organisation: DigestOrganisationRow, from: string, to: string): KpiScope {
    return {
      organisationId: organisation.id,
      from,
      to,
      granularity: 'week',
      orgUnitId: null,
      groupId: null,
      minGroupSize: organisation.minGroupSize,
      perturbation: organisation.perturbation,
    };
  }

  private async addressable(scope: KpiScope): Promise<boolean> {
    if (!scope.orgUnitId && !scope.groupId) return true;
    const sizes = await loadPopulationSizes(this.dataSource, scope, scope.minGroupSize);
    return populationRefusal(sizes, organisationDisclosure(scope)) === null;
  }

  private async executive(organisation: DigestOrganisationRow, scope: KpiScope): Promise<ExecutiveDigest> {
    const { series } = await this.reports.weeklyGoalSeries(scope, 'weekly_active_rate');
    const goals = await this.dataSource
      .getRepository(BusinessGoal)
      .find({ where: { organisationId: organisation.id }, order: { createdAt: 'ASC' }, take: DIGEST_ROWS });
    const target =
      goals.find((g) => g.kpi === 'weekly_active_rate' && !g.orgUnitId && !g.groupId)?.target ?? null;
    const goalRows: ExecutiveDigest['goals'] = [];
    for (const goal of goals) {
      const goalScope = { ...scope, orgUnitId: goal.orgUnitId, groupId: goal.groupId };
      const goalSeries = (await this.addressable(goalScope))
        ? (await this.reports.weeklyGoalSeries(goalScope, goal.kpi as GoalKpi)).series
        : [];
      const progress = goalProgress(goal, goalSeries);
      goalRows.push({
        name: goal.name,
        kpi: goal.kpi as GoalKpi,
        unit: goal.unit,
        current: progress.current,
        target: goal.target,
        status: progress.status,
      });
    }
    const plans = (await this.reads.openPlanGates(organisation.id, DIGEST_ROWS)).map((row) => ({
      plan: row.plan,
      phase: row.phase,
      gate: isGateStatus(row.gate) ? row.gate : null,
    }));
    return {
      weeklyActive: series.map((point) => ({ week: point.week, share: point.value })),
      target,
      goals: goalRows,
      plans,
    };
  }

  private async changeManager(
    organisation: DigestOrganisationRow,
    scope: KpiScope,
    since: Date,
  ): Promise<ChangeManagerDigest> {
    const [changes, moves, plans] = await Promise.all([
      this.reads.gateStatusChanges(organisation.id, since, null, DIGEST_ROWS),
      this.reads.transitions(organisation.id, since, null, DIGEST_ROWS),
      this.reads.openPlanGates(organisation.id, DIGEST_ROWS),
    ]);
    const atRisk = plans.flatMap((plan) =>
      (plan.criteria ?? [])
        .filter((c) => c.status === 'at-risk' || c.status === 'fail')
        .map((c) => ({
          plan: plan.plan,
          phase: plan.phase ?? '–',
          metric: c.metric,
          value: c.value,
          operator: c.operator,
          threshold: c.threshold,
        })),
    );
    const firstPosts = await this.reports.firstPost(scope, 24);
    const unanswered = firstPosts.byUnit
      .filter(
        (unit): unit is typeof unit & { answeredWithin24h: number; firstPosts: number } =>
          unit.answeredWithin24h !== null &&
          unit.firstPosts !== null &&
          unit.answeredWithin24h < UNANSWERED_BELOW,
      )
      .sort((a, b) => a.answeredWithin24h - b.answeredWithin24h)
      .slice(0, DIGEST_ROWS)
      .map((unit) => ({ unit: unit.name, share: unit.answeredWithin24h, firstPosts: unit.firstPosts }));
    const communities = await this.reports.communities(scope, {
      limit: 200,
      sort: 'growth',
      viralThreshold: 0.5,
    });
    const moving = communities.communities
      .filter(
        (c): c is typeof c & { memberGrowthPerWeek: number } =>
          c.memberGrowthPerWeek !== null && Math.abs(c.memberGrowthPerWeek) >= COMMUNITY_GROWTH_MIN,
      )
      .sort((a, b) => Math.abs(b.memberGrowthPerWeek) - Math.abs(a.memberGrowthPerWeek))
      .slice(0, DIGEST_ROWS)
      .map((c) => ({ name: c.name, growthPerWeek: c.memberGrowthPerWeek }));
    return {
      gateChanges: changes
        .filter((c) => isGateStatus(c.status))
        .map((c) => ({
          plan: c.planName,
          phase: c.phaseName,
          from: isGateStatus(c.previousStatus) ? c.previousStatus : null,
          to: c.status as GateStatus,
        })),
      transitions: moves.map((m) => ({ plan: m.planName, from: m.fromPhase, to: m.toPhase })),
      atRisk: atRisk.slice(0, DIGEST_ROWS),
      unanswered,
      communities: moving,
    };
  }

  private async maintainer(
    organisation: DigestOrganisationRow,
    since: Date,
    now: Date,
  ): Promise<MaintainerDigest> {
    const sources = await this.reads.sourceHealth(organisation.id, since, now);
    const stale = (s: SourceHealthRow) => isStale(s, DIGEST_STALENESS, organisation.timeZone, now);
    return {
      failed: sources.filter((s) => s.failedRuns > 0).map((s) => ({ source: s.name, count: s.failedRuns })),
      stale: sources.filter(stale).map((s) => ({ source: s.name, lastSuccessAt: s.lastSuccessAt })),
      quarantine: sources
        .filter(
          (s) =>
            s.quarantined > 0 && s.quarantined >= QUARANTINE_SPIKE_FACTOR * Math.max(s.quarantinedBefore, 1),
        )
        .map((s) => ({ source: s.name, count: s.quarantined, before: s.quarantinedBefore })),
    };
  }
}
