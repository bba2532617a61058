import {
  GATE_METRIC_KEYS,
  MEASURED_EFFECT,
  type CriterionEvaluation,
  type DifferenceInDifferencesReport,
  type EffectCriterion,
  type ComparisonMetric,
  type ComparisonReport,
  type GateCriterion,
  type GateEvaluation,
  type GateMetric,
  type KpiScope,
} from '@uptake/contracts';
import { addDays, isSuppressed, KpiReports, suppressionReason, toDayNumber, weekStart } from '@uptake/kpi';
import { Organisation, RolloutGateEvaluation, RolloutPhase, RolloutPlan } from '@uptake/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { evaluateCriterion, evaluateEffectCriterion, evidenceWeeks, gateStatus } from './gate-evaluation';
import { completeWeeks, WeeklyMetrics, type MetricSample } from './metric-series';
import { comparisonLabel, compareMetric, unresolvedComparison } from './comparison-metrics';
import { PhaseInputError } from './plan-input';
import { cohortMembers, peopleApart, resolveComparison, resolveTarget, syncCohortGroup } from './populations';

export type EvaluationTrigger = GateEvaluation['trigger'];

/**
 * Estimates a phase's effect (its people vs its comparison, before vs after its start) for a measured_effect
 * criterion. Implemented on the business-case panels; the evaluator only decides.
 */
export interface PhaseEffectEstimator {
  estimate(
    organisation: Organisation,
    phase: RolloutPhase,
    effect: EffectCriterion,
  ): Promise<DifferenceInDifferencesReport>;
}

/** Criteria forecast from the diffusion (Bass) fit; the others from their weekly trend. */
const DIFFUSION_METRICS = new Set<GateMetric>(['adoption_rate', 'weekly_active_rate', 'contributor_share']);

/** Weeks compared by default in pilot-vs-comparison reports. */
export const COMPARISON_WEEKS = 8;
/** Weeks one comparison may cover: each week costs every gate metric for both populations. */
export const MAX_COMPARISON_WEEKS = 52;

/** A phase's stored populations as a comparison reads them. */
interface StoredPopulations {
  people: number;
  comparison: number;
  cohortGroupId: string;
  comparisonGroupId: string;
  /** Either side resolves now to 1..k-1 people, or 1..k-1 people away from what is stored. */
  changedByFew: boolean;
}

/**
 * Evaluates rollout gates on measured data and compares a phase's people with its comparison group. Used by
 * the worker (daily and after each ingest) and by the API (comparison reports). One instance per process
 * (a Nest provider in the API and the worker), so gates and requests share the reports' cache.
 */
export class RolloutEvaluator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: KpiReports = new KpiReports(dataSource),
    private readonly now: () => Date = () => new Date(),
    private readonly effects: PhaseEffectEstimator | null = null,
  ) {}

  /**
   * A measured_effect criterion: the phase's difference-in-differences estimate on its metric. Not started
   * yet (or no estimator in this process): no-data with the reason, never a guess.
   */
  private async evaluateEffect(
    organisation: Organisation,
    phase: RolloutPhase,
    criterion: GateCriterion,
  ): Promise<CriterionEvaluation> {
    const notYet = (message: string) =>
      evaluateEffectCriterion(criterion, {
        estimable: false,
        reason: { code: 'empty-window', message },
        relativeEffect: { estimate: null, low: null, high: null },
        significant: null,
        treated: { people: null, preMean: null, postMean: null, change: null },
        comparison: { people: null, preMean: null, postMean: null, change: null },
        suppressed: undefined,
      });
    if (!criterion.effect) return notYet('the criterion names no effect');
    if (!phase.startedAt) return notYet('the phase has not started, so there is no after window yet');
    if (!this.effects) return notYet('measured effects are not evaluated in this process');
    const report = await this.effects.estimate(organisation, phase, criterion.effect);
    return evaluateEffectCriterion(criterion, report);
  }

  /**
   * Evaluates every phase of the plan still ahead (active or planned), stores one evaluation per phase and
   * returns them. Populations are re-resolved first, since the directory changes between evaluations.
   */
  async evaluatePlan(planId: string, trigger: EvaluationTrigger): Promise<GateEvaluation[]> {
    const plan = await this.dataSource.getRepository(RolloutPlan).findOneByOrFail({ id: planId });
    const phases = await this.dataSource
      .getRepository(RolloutPhase)
      .find({ where: { planId }, order: { position: 'ASC' } });
    const organisation = await this.organisation(plan.organisationId);
    const asOf = (await this.reports.lastActiveDay(plan.organisationId)) ?? today(this.now());
    const evaluations: GateEvaluation[] = [];
    for (const phase of phases) {
      if (phase.status !== 'active' && phase.status !== 'planned') continue;
      evaluations.push(await this.evaluatePhase(plan, phase, organisation, asOf, trigger));
    }
    return evaluations;
  }

  private async evaluatePhase(
    plan: RolloutPlan,
    phase: RolloutPhase,
    organisation: Organisation,
    asOf: string,
    trigger: EvaluationTrigger,
  ): Promise<GateEvaluation> {
    const { people, cohortGroupId } = await this.refreshPopulations(phase);
    const k = organisation.minGroupSize;
    const longest = Math.max(8, ...phase.gateCriteria.map(evidenceWeeks));
    const scope = this.scope(organisation, cohortGroupId, completeWeeks(asOf, longest));
    const metrics = new WeeklyMetrics(this.reports, scope);
    const criteria = [];
    for (const criterion of phase.gateCriteria) {
      if (criterion.metric === MEASURED_EFFECT) {
        criteria.push(await this.evaluateEffect(organisation, phase, criterion));
        continue;
      }
      const samples = await metrics.series(criterion.metric);
      const bassForecastDate = DIFFUSION_METRICS.has(criterion.metric)
        ? await this.bassForecast(scope, criterion, samples, metrics)
        : undefined;
      criteria.push(
        evaluateCriterion(criterion, samples, {
          plannedEnd: phase.plannedEnd,
          ...(bassForecastDate !== undefined ? { bassForecastDate } : {}),
          ...(samples.some((s) => s.value === null) || isSuppressed(people, k)
            ? { suppressed: suppressionReason(k) }
            : {}),
        }),
      );
    }
    const saved = await this.dataSource.getRepository(RolloutGateEvaluation).save({
      organisationId: plan.organisationId,
      planId: plan.id,
      phaseId: phase.id,
      evaluatedAt: this.now(),
      asOf,
      trigger,
      status: gateStatus(criteria),
      population: isSuppressed(people, k) ? null : people,
      criteria,
    });
    return toGateEvaluation(saved);
  }

  /**
   * When the criterion is expected to hold according to the diffusion (Bass) fit of the phase's adopters.
   * Adoption is the fitted curve itself; weekly-active and contributor shares are taken to keep their current
   * ratio to adoption (30% weekly active with 60% adopted is a ratio of 0.5: 40% weekly active then needs 80%
   * adopted), so they hold when adoption reaches threshold / ratio — never if that exceeds 100%. Undefined
   * (use the trend) when there is no ratio or the fit did not converge.
   */
  private async bassForecast(
    scope: KpiScope,
    criterion: GateCriterion,
    samples: readonly MetricSample[],
    metrics: WeeklyMetrics,
  ): Promise<string | null | undefined> {
    const adoption =
      criterion.metric === 'adoption_rate'
        ? null
        : ((await metrics.series('adoption_rate')).at(-1)?.value ?? null);
    const adoptionTarget = adoptionNeeded(criterion, samples.at(-1)?.value ?? null, adoption);
    if (adoptionTarget === undefined || adoptionTarget === null) return adoptionTarget;
    const diffusion = await this.reports.diffusion(scope, {
      targetShare: Math.max(adoptionTarget, 0.01),
      horizonWeeks: 156,
    });
    return diffusion.bass?.converged ? (diffusion.forecast?.date ?? null) : undefined;
  }

  /**
   * Resolves the phase's target and comparison into their cohort groups (created on first use) and returns
   * the head counts. A write: called when a phase is saved (inside that transaction when `manager` is given)
   * and by the worker's gate evaluation, never by a read.
   */
  async refreshPopulations(
    phase: RolloutPhase,
    manager?: EntityManager,
  ): Promise<{
    people: number;
    comparison: number;
    cohortGroupId: string;
    comparisonGroupId: string;
  }> {
    const refresh = async (manager: EntityManager) => {
      const people = await resolveTarget(manager, phase.organisationId, phase.target);
      const others = await resolveComparison(manager, phase.organisationId, phase.comparison, people);
      const cohortGroupId = await syncCohortGroup(
        manager,
        phase.organisationId,
        phase.cohortGroupId,
        `Rollout phase: ${phase.name}`,
        people,
      );
      const comparisonGroupId = await syncCohortGroup(
        manager,
        phase.organisationId,
        phase.comparisonGroupId,
        `Compared with ${phase.name}`,
        others,
      );
      if (cohortGroupId !== phase.cohortGroupId || comparisonGroupId !== phase.comparisonGroupId) {
        await manager.getRepository(RolloutPhase).update(phase.id, { cohortGroupId, comparisonGroupId });
        Object.assign(phase, { cohortGroupId, comparisonGroupId });
      }
      return { people: people.length, comparison: others.length, cohortGroupId, comparisonGroupId };
    };
    return manager ? refresh(manager) : this.dataSource.transaction(refresh);
  }

  /**
   * The cohorts stored for the phase with their head counts, or null before its populations were first
   * resolved. Read-only: the phase's target is resolved again only to see whether the directory moved a few
   * people in or out since (then the stored figures minus the current ones would be about those people).
   */
  private async storedPopulations(phase: RolloutPhase, k: number): Promise<StoredPopulations | null> {
    const { cohortGroupId, comparisonGroupId, organisationId } = phase;
    if (!cohortGroupId || !comparisonGroupId) return null;
    const [stored, storedOthers, people] = await Promise.all([
      cohortMembers(this.dataSource.manager, organisationId, cohortGroupId),
      cohortMembers(this.dataSource.manager, organisationId, comparisonGroupId),
      resolveTarget(this.dataSource.manager, organisationId, phase.target),
    ]);
    const others = await resolveComparison(this.dataSource.manager, organisationId, phase.comparison, people);
    const few = (count: number) => isSuppressed(count, k);
    return {
      people: stored.length,
      comparison: storedOthers.length,
      cohortGroupId,
      comparisonGroupId,
      changedByFew:
        few(people.length) ||
        few(others.length) ||
        few(peopleApart(stored, people)) ||
        few(peopleApart(storedOthers, others)),
    };
  }

  /**
   * Every gate metric for the phase's people and its comparison group, week by week over complete weeks
   * (default: the last 8 up to the data's last day), with the difference and its 95% interval. Read-only: it
   * answers from the cohorts stored when the phase was last saved or evaluated; before its populations were
   * ever resolved, both populations are null and every figure is empty (no suppression reason: nothing was
   * withheld, nothing is known yet).
   */
  async comparison(
    phase: RolloutPhase,
    range: { from?: string; to?: string } = {},
  ): Promise<ComparisonReport> {
    const organisation = await this.organisation(phase.organisationId);
    const asOf = range.to ?? (await this.reports.lastActiveDay(phase.organisationId)) ?? today(this.now());
    const weeks = completeWeeks(asOf, COMPARISON_WEEKS);
    const window =
      range.from && range.from <= weeks.to ? { ...weeks, from: mondayOnOrAfter(range.from) } : weeks;
    if ((toDayNumber(window.to) - toDayNumber(window.from) + 1) / 7 > MAX_COMPARISON_WEEKS) {
      throw new PhaseInputError([
        `from: ${window.from}..${window.to} is more than ${MAX_COMPARISON_WEEKS} weeks; compare at most ${MAX_COMPARISON_WEEKS} weeks at a time`,
      ]);
    }
    const k = organisation.minGroupSize;
    const counts = await this.storedPopulations(phase, k);
    if (!counts) return unresolvedComparison(phase, window, k);
    const phaseMetrics = new WeeklyMetrics(
      this.reports,
      this.scope(organisation, counts.cohortGroupId, window),
    );
    const otherMetrics = new WeeklyMetrics(
      this.reports,
      this.scope(organisation, counts.comparisonGroupId, window),
    );
    // The organisation's own figures are public to the same reader: when either side holds 1..k-1 people, that
    // side is the organisation minus the other one, so both sides are withheld (not only the small one).
    const eitherSmall =
      isSuppressed(counts.people, k) || isSuppressed(counts.comparison, k) || counts.changedByFew;
    const withheld = (samples: MetricSample[]) =>
      eitherSmall ? samples.map((s) => ({ ...s, value: null, numerator: null, denominator: null })) : samples;
    const metrics: ComparisonMetric[] = [];
    for (const metric of GATE_METRIC_KEYS) {
      const [mine, theirs] = await Promise.all([phaseMetrics.series(metric), otherMetrics.series(metric)]);
      const compared = compareMetric(metric, withheld(mine), withheld(theirs), k);
      // An empty side (a phase targeting everyone has no "rest") is not a privacy matter: no reason given.
      if (counts.people === 0 || counts.comparison === 0) delete compared.suppressed;
      metrics.push(compared);
    }
    return {
      phaseId: phase.id,
      from: window.from,
      to: window.to,
      phasePopulation: eitherSmall && counts.people > 0 ? null : counts.people,
      comparisonPopulation: eitherSmall && counts.comparison > 0 ? null : counts.comparison,
      comparisonLabel: comparisonLabel(phase),
      metrics,
    };
  }

  private scope(organisation: Organisation, groupId: string, range: { from: string; to: string }): KpiScope {
    return {
      organisationId: organisation.id,
      from: range.from,
      to: range.to,
      granularity: 'week',
      orgUnitId: null,
      groupId,
      minGroupSize: organisation.minGroupSize,
      perturbation: organisation.perturbation,
    };
  }

  private organisation(id: string): Promise<Organisation> {
    return this.dataSource.getRepository(Organisation).findOneByOrFail({ id });
  }
}

/**
 * The adoption share at which a criterion holds if its metric keeps its current ratio to adoption: the
 * threshold itself for adoption; null when that would exceed 100%; undefined when there is no ratio to keep.
 */
export function adoptionNeeded(
  criterion: Pick<GateCriterion, 'metric' | 'threshold'>,
  value: number | null,
  adoption: number | null,
): number | null | undefined {
  if (criterion.metric === 'adoption_rate') return criterion.threshold;
  if (value === null || adoption === null || value === 0 || adoption === 0) return undefined;
  const needed = criterion.threshold / (value / adoption);
  return needed > 1 ? null : needed;
}

export function toGateEvaluation(row: RolloutGateEvaluation): GateEvaluation {
  return {
    id: row.id,
    phaseId: row.phaseId,
    evaluatedAt: row.evaluatedAt.toISOString(),
    asOf: row.asOf,
    trigger: row.trigger,
    status: row.status,
    population: row.population,
    criteria: row.criteria,
  };
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function mondayOnOrAfter(day: string): string {
  return weekStart(day) === day ? day : addDays(weekStart(day), 7);
}
