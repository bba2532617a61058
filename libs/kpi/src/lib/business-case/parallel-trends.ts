import type { ParallelTrends } from '@uptake/contracts';

/** A drift before the start of up to half the effect is "small relative to the effect". */
export const FLAT_EFFECT_SHARE = 0.5;

export interface SlopeInterval {
  /** Least-squares slope per week of the weekly gap (treated − comparison) over the pre window. */
  slope: number;
  low: number | null;
  high: number | null;
}

export interface EffectBounds {
  estimate: number;
  low: number | null;
  high: number | null;
}

/**
 * The parallel-trends check of a difference-in-differences. The estimate assumes that without the phase
 * the gap between the groups would have stayed where it was; if the gap already moved before the start, the
 * move would go on and be counted as effect. The check fits a line to the weekly gap over the pre window
 * and calls the pre-trends **flat** when both hold:
 *
 * 1. the 95% bootstrap interval of the slope holds 0 (no detectable trend), and
 * 2. the drift over the pre window, |slope × pre weeks|, is at most max(½ × |effect|, width of the effect's
 *    95% interval): a drift that could explain half the effect, or that is larger than the effect's own
 *    uncertainty, is not small even when it is not significant (a short, noisy pre window hides trends).
 *
 * The width term keeps a clean null result (effect ≈ 0) from being flagged for every bit of noise. With
 * fewer than 3 pre weeks with data there is no check (`flat: null`), which is a warning too.
 */
export function parallelTrends(
  slope: SlopeInterval | null,
  preWeeks: number,
  effect: EffectBounds | null,
): ParallelTrends {
  if (!slope || !effect) {
    return {
      slopePerWeek: null,
      low: null,
      high: null,
      driftOverPre: null,
      flat: null,
      warning: effect
        ? 'Too few weeks before the start to check that the groups moved in parallel (at least 3 are needed)'
        : null,
    };
  }
  const drift = slope.slope * preWeeks;
  const includesZero = slope.low !== null && slope.high !== null && slope.low <= 0 && slope.high >= 0;
  const width = effect.low !== null && effect.high !== null ? effect.high - effect.low : 0;
  const tolerance = Math.max(FLAT_EFFECT_SHARE * Math.abs(effect.estimate), width);
  const small = Math.abs(drift) <= tolerance;
  const flat = includesZero && small;
  return {
    slopePerWeek: slope.slope,
    low: slope.low,
    high: slope.high,
    driftOverPre: drift,
    flat,
    warning: flat
      ? null
      : !includesZero
        ? 'The gap between the groups was already moving before the start (its trend interval excludes 0): the estimate may count that trend as effect'
        : 'The gap between the groups moved before the start by more than half the effect or its uncertainty: read the estimate with care',
  };
}
