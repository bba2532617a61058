import {
  EFFECT_LABEL,
  type DifferenceInDifferencesReport,
  type EffectComparison as RequestedComparison,
  type EffectCriterion,
} from '@uptake/contracts';
import {
  EffectUnavailableError,
  measureEffect,
  publishedEffect,
  type EffectComparison,
  type MeasuredEffect,
} from '@uptake/kpi';
import type { Organisation, RolloutPhase } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import type { PhaseEffectEstimator } from './rollout-evaluator';

/**
 * Who a phase's cohort is compared with, for each comparison a request or a criterion may ask for: 'phase'
 * is the phase's own comparison (its comparison group, or the rest of the organisation when it compares
 * with the rest). Null while the comparison group is not resolved yet.
 */
export function phaseComparison(
  phase: Pick<RolloutPhase, 'comparison' | 'comparisonGroupId'>,
  comparison: RequestedComparison,
): EffectComparison | null {
  if (comparison === 'matched') return { kind: 'matched' };
  if (comparison === 'rest-of-organisation' || phase.comparison.kind === 'rest-of-organisation') {
    return { kind: 'rest-of-organisation' };
  }
  if (!phase.comparisonGroupId) return null;
  return { kind: 'population', groupIds: [phase.comparisonGroupId], orgUnitIds: [] };
}

/** The day an instant falls on in the organisation's time zone (Postgres's zone rules, as the rollups). */
export async function organisationDay(
  dataSource: DataSource,
  organisationId: string,
  instant: Date,
): Promise<string> {
  const [row]: { day: string }[] = await dataSource.query(
    `SELECT to_char(($2::timestamptz AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS day
     FROM organisations o WHERE o.id = $1`,
    [organisationId, instant.toISOString()],
  );
  if (!row) throw new RangeError(`organisation ${organisationId} not found`);
  return row.day;
}

/** A report that says why there is no estimate, for a criterion to decide "no data" on. */
function notEstimable(message: string): DifferenceInDifferencesReport {
  const group = { people: null, preMean: null, postMean: null, change: null };
  const empty = { estimate: null, low: null, high: null };
  return {
    label: EFFECT_LABEL,
    estimable: false,
    reason: { code: 'empty-window', message },
    phaseStart: '',
    pre: { from: '', to: '' },
    post: { from: '', to: '' },
    minPeoplePerGroup: 0,
    treated: group,
    comparison: group,
    effect: { ...empty, p10: null, p90: null },
    relativeEffect: empty,
    significant: null,
    parallelTrends: {
      slopePerWeek: null,
      low: null,
      high: null,
      driftOverPre: null,
      flat: null,
      warning: null,
    },
    bootstrap: {
      method: 'person-level cluster bootstrap, expanded percentile interval',
      replicates: 0,
      seed: 0,
    },
    weeks: [],
  };
}

/**
 * The worker's estimator of measured_effect criteria: the same measurement as the API's effect endpoint
 * (same windows, seed from the phase id, same k and cell-key rule), so a gate decides on exactly the figure
 * the Business case page shows. What cannot be measured (not started, people not resolved, no complete week,
 * an unknown metric) is a not-estimable report with the reason, never a guess.
 */
export class PhaseEffects implements PhaseEffectEstimator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async estimate(
    organisation: Organisation,
    phase: RolloutPhase,
    effect: EffectCriterion,
  ): Promise<DifferenceInDifferencesReport> {
    if (!phase.startedAt) return notEstimable('the phase has not started');
    const comparison = phaseComparison(phase, effect.comparison);
    if (!phase.cohortGroupId || !comparison) return notEstimable('the phase’s people are not resolved yet');
    try {
      const measured: MeasuredEffect = await measureEffect(this.dataSource, organisation, {
        metric: effect.metric,
        seedId: phase.id,
        start: await organisationDay(this.dataSource, organisation.id, phase.startedAt),
        treated: { groupIds: [phase.cohortGroupId], orgUnitIds: [] },
        comparison,
        preWeeks: effect.preWeeks,
        today: await organisationDay(this.dataSource, organisation.id, this.now()),
      });
      return publishedEffect(measured);
    } catch (error) {
      if (error instanceof EffectUnavailableError || error instanceof RangeError) {
        return notEstimable(error.message);
      }
      throw error;
    }
  }
}
