import { bassCumulative, bassTimeToReach } from './bass-model';
import { type BassFit, type CumulativeAdoptionPoint, refitBass, validateBassPoints } from './fit-bass';
import { seededRandom } from '../core/seeded-random';

export interface TargetForecastOptions {
  /** Last t to look at, on the same clock as the points (t = 0 at launch, same unit). */
  readonly horizon: number;
  /** Seed of the bootstrap; the same seed, points and fit give the same interval. Default 1. */
  readonly seed?: number;
  /** Bootstrap refits. Default {@link DEFAULT_BOOTSTRAP_SAMPLES}. */
  readonly samples?: number;
}

export type TargetNotReachedReason =
  /** The target is at or above the fitted market potential m, which the curve only approaches. */
  | 'target-not-below-market-potential'
  /** The fitted curve reaches the target only after the horizon. */
  | 'not-reached-within-horizon';

interface TargetForecastBase {
  readonly target: number;
  readonly horizon: number;
  readonly seed: number;
  /** Bootstrap refits that went into the interval (0 when there is no estimate). */
  readonly samples: number;
}

export interface TargetReached extends TargetForecastBase {
  /** t at which the fitted curve reaches the target. */
  readonly estimate: number;
  /** 10th / 90th percentile of the bootstrap; null when that percentile lies beyond the horizon. */
  readonly p10: number | null;
  readonly p90: number | null;
  /**
   * Refits whose search ran out of iterations before it settled. Their times still count; a figure above 0
   * says the interval rests partly on unfinished fits (none in the cases the specs cover).
   */
  readonly unsettledRefits: number;
  readonly reason: null;
}

export interface TargetNotReached extends TargetForecastBase {
  readonly estimate: null;
  readonly p10: null;
  readonly p90: null;
  readonly reason: TargetNotReachedReason;
}

export type TargetForecast = TargetReached | TargetNotReached;

export const DEFAULT_BOOTSTRAP_SAMPLES = 200;
const DEFAULT_SEED = 1;

/**
 * When the fitted Bass curve reaches `target` adopters, with a 10–90% interval from a residual bootstrap:
 * the residuals of `fit` are resampled (with replacement, seeded) onto the fitted curve, the curve is
 * refitted to each resampled series and its own time to target is read off. A refit that misses the target
 * (its m is not above it, or it arrives after the horizon) counts as "later than the horizon".
 * `fit` must be the result of `fitBass(points, …)`; its market size bound is honoured by the refits.
 */
export function forecastTarget(
  points: readonly CumulativeAdoptionPoint[],
  fit: BassFit,
  target: number,
  options: TargetForecastOptions,
): TargetForecast {
  validateBassPoints(points);
  const { horizon } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  const samples = options.samples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  if (!Number.isFinite(target) || target <= 0) {
    throw new Error(`forecastTarget: target must be a finite number of adopters > 0, got ${target}`);
  }
  if (!Number.isFinite(horizon) || horizon <= 0) {
    throw new Error(`forecastTarget: horizon must be a finite time > 0, got ${horizon}`);
  }
  if (!Number.isInteger(samples) || samples < 1) {
    throw new Error(`forecastTarget: samples must be a whole number >= 1, got ${samples}`);
  }
  if (!Number.isInteger(seed)) {
    throw new Error(`forecastTarget: seed must be an integer, got ${seed}`);
  }

  const base = { target, horizon, seed };
  const estimate = bassTimeToReach(target, fit.p, fit.q, fit.m);
  if (estimate === null) {
    return {
      ...base,
      samples: 0,
      estimate: null,
      p10: null,
      p90: null,
      reason: 'target-not-below-market-potential',
    };
  }
  if (estimate > horizon) {
    return {
      ...base,
      samples: 0,
      estimate: null,
      p10: null,
      p90: null,
      reason: 'not-reached-within-horizon',
    };
  }

  const { times, unsettled } = bootstrapTimesToTarget(points, fit, target, horizon, seed, samples);
  return {
    ...base,
    samples: times.length,
    unsettledRefits: unsettled,
    estimate,
    p10: finiteOrNull(quantile(times, 0.1)),
    p90: finiteOrNull(quantile(times, 0.9)),
    reason: null,
  };
}

function bootstrapTimesToTarget(
  points: readonly CumulativeAdoptionPoint[],
  fit: BassFit,
  target: number,
  horizon: number,
  seed: number,
  samples: number,
): { times: number[]; unsettled: number } {
  const random = seededRandom(seed);
  const t = points.map((point) => point.t);
  const fitted = t.map((time) => bassCumulative(time, fit.p, fit.q, fit.m));
  const residuals = points.map((point, index) => point.cumulative - fitted[index]);
  const times: number[] = [];
  let unsettled = 0;
  for (let sample = 0; sample < samples; sample++) {
    const resampled = fitted.map((value) => value + residuals[Math.floor(random() * residuals.length)]);
    const refit = refitBass(t, resampled, fit.marketSize, [fit.p, fit.q]);
    // A resampled series without any adopters has no curve; it says nothing about timing, so it is skipped.
    if (refit === null) continue;
    if (!refit.settled) unsettled++;
    const time = bassTimeToReach(target, ...refit.parameters);
    times.push(time === null || time > horizon ? Number.POSITIVE_INFINITY : time);
  }
  return { times, unsettled };
}

/** Linear interpolation between order statistics (type 7, as R and NumPy default). */
function quantile(values: readonly number[], probability: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  if (lower === upper) return sorted[lower];
  // Interpolating towards an unreached (infinite) sample leaves the percentile beyond the horizon.
  if (!Number.isFinite(sorted[upper])) return Number.POSITIVE_INFINITY;
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
