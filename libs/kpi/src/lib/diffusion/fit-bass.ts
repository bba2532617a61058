import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { bassGradient, bassShare } from './bass-model';

/** One observation: cumulative adopters at time t (t = 0 at launch; days or weeks, the caller decides). */
export interface CumulativeAdoptionPoint {
  readonly t: number;
  readonly cumulative: number;
}

export interface BassFitOptions {
  /**
   * Upper bound for m, e.g. the eligible head count: nobody outside it can adopt. Must be at least the
   * adopters already observed ({@link observedAdopters}). Without it m may go up to
   * {@link DEFAULT_MAX_MARKET_MULTIPLE} times that.
   */
  readonly marketSize?: number;
}

export interface BassFit {
  /** Coefficient of innovation, per unit of t. */
  readonly p: number;
  /** Coefficient of imitation, per unit of t. */
  readonly q: number;
  /** Market potential (adopters at saturation). */
  readonly m: number;
  /** Root mean square error of the fitted cumulative values, in adopters. */
  readonly rmse: number;
  /** Coefficient of determination of the fitted cumulative values. */
  readonly rSquared: number;
  readonly points: number;
  /**
   * The optimiser settled (the sum of squares stopped improving) and no parameter is pinned at a bound
   * that only exists to keep the search finite (p, q, or m without a market size). A false value means
   * the data do not identify the curve, typically because they only cover its early, exponential part.
   */
  readonly converged: boolean;
  /** The market size bound the fit honoured, so forecasts refit under the same constraint. */
  readonly marketSize: number | null;
}

/** Without a market size, m is searched up to this multiple of the observed adopters. */
export const DEFAULT_MAX_MARKET_MULTIPLE = 100;

/** Fewer points than this leave a three-parameter curve (nearly) without residual degrees of freedom. */
export const MIN_BASS_POINTS = 4;

// Search box. p must stay > 0 (the model divides by it); the upper bounds are far beyond any real
// adoption (a rate of 1 or 10 per unit of t) and only keep the optimiser away from overflow.
const P_BOUNDS = [1e-7, 1] as const;
const Q_BOUNDS = [0, 10] as const;

const ROUND_ITERATIONS = 10;
const MAX_ROUNDS = 100;
/** A round that improves the sum of squares by less than this fraction means the search has settled. */
const SETTLED_RELATIVE_IMPROVEMENT = 1e-8;
/** Sum of squares (on the normalised scale) at which the fit counts as exact. */
const EXACT_FIT_ERROR = 1e-18;

/** Data prepared for the optimiser: cumulative values divided by the observed level so m is of order 1. */
interface ScaledProblem {
  readonly t: number[];
  readonly y: number[];
  readonly scale: number;
  readonly minM: number;
  readonly maxM: number;
  readonly mBoundIsArtificial: boolean;
}

interface RawFit {
  readonly parameters: [number, number, number];
  readonly error: number;
  readonly settled: boolean;
}

/**
 * Fits the Bass model to cumulative adopters by least squares (Levenberg–Marquardt) within the box
 * p > 0, q ≥ 0, observed adopters ≤ m ≤ market size. The curve is anchored at N(0) = 0, so t must count from
 * the launch; the unit of t (days, weeks) is the unit of the returned p and q.
 */
export function fitBass(points: readonly CumulativeAdoptionPoint[], options: BassFitOptions = {}): BassFit {
  validateBassPoints(points);
  const marketSize = options.marketSize ?? null;
  const observed = observedAdopters(points);
  if (marketSize !== null) {
    if (!Number.isFinite(marketSize) || marketSize <= 0) {
      throw new Error(`fitBass: marketSize must be a finite number > 0, got ${marketSize}`);
    }
    if (marketSize < observed) {
      throw new Error(`fitBass: marketSize ${marketSize} is below the ${observed} adopters already observed`);
    }
  }
  const problem = scaledProblem(points, marketSize);
  const best = bestOf(problem, initialGuesses(problem));
  return describeFit(points, problem, best, marketSize);
}

/** Validation shared with the forecast, which refits the same points. */
export function validateBassPoints(points: readonly CumulativeAdoptionPoint[]): void {
  if (points.length < MIN_BASS_POINTS) {
    throw new Error(
      `fitBass: needs at least ${MIN_BASS_POINTS} points to fit p, q and m, got ${points.length}`,
    );
  }
  points.forEach((point, index) => {
    if (!Number.isFinite(point.t) || point.t < 0) {
      throw new Error(
        `fitBass: point ${index} has t = ${point.t}; t must be a finite number >= 0 (time since launch)`,
      );
    }
    if (!Number.isFinite(point.cumulative) || point.cumulative < 0) {
      throw new Error(
        `fitBass: point ${index} has cumulative = ${point.cumulative}; it must be a finite number >= 0`,
      );
    }
  });
  // Growth means the series rises somewhere once made monotone; a flat or only falling series has no
  // diffusion curve to fit.
  if (monotoneLevels(points).length < 2) {
    throw new Error(
      'fitBass: no growth: the cumulative adopters never increase, so there is no curve to fit',
    );
  }
}

/** @internal Refit used by the bootstrap: no validation, starts from given parameters. */
export function refitBass(
  t: readonly number[],
  cumulative: readonly number[],
  marketSize: number | null,
  start: readonly [number, number],
): [number, number, number] | null {
  const points = t.map((value, index) => ({ t: value, cumulative: cumulative[index] }));
  if (!(observedAdopters(points) > 0)) return null;
  // A resampled series may overshoot the market size; the bound then wins over "m ≥ observed".
  const problem = scaledProblem(points, marketSize);
  const best = bestOf(problem, [start]);
  return [best.parameters[0], best.parameters[1], best.parameters[2] * problem.scale];
}

/**
 * The adopters the data establish, the lower bound for m: the highest level of the monotone (isotonic,
 * pool-adjacent-violators) least-squares fit to the series. Cumulative adopters never decrease, so for real
 * counts this is exactly the largest observed value; for a series carrying noise it is the mean of the
 * final plateau rather than its highest noisy value, which would push m, and with it p and q, off.
 */
export function observedAdopters(points: readonly CumulativeAdoptionPoint[]): number {
  const levels = monotoneLevels(points);
  return levels.length > 0 ? levels[levels.length - 1] : 0;
}

/** Distinct levels of the isotonic fit, increasing in t (pool adjacent violators). */
function monotoneLevels(points: readonly CumulativeAdoptionPoint[]): number[] {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const blocks: { sum: number; count: number }[] = [];
  for (const point of sorted) {
    blocks.push({ sum: point.cumulative, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const previous = blocks[blocks.length - 2];
      if (previous.sum / previous.count < last.sum / last.count) break;
      blocks.pop();
      previous.sum += last.sum;
      previous.count += last.count;
    }
  }
  return blocks.map((block) => block.sum / block.count);
}

function scaledProblem(points: readonly CumulativeAdoptionPoint[], marketSize: number | null): ScaledProblem {
  // Dividing by the observed level keeps m of order 1, comparable in size to p and q for the damping.
  const scale = observedAdopters(points);
  const maxM = marketSize === null ? DEFAULT_MAX_MARKET_MULTIPLE : marketSize / scale;
  return {
    t: points.map((point) => point.t),
    y: points.map((point) => point.cumulative / scale),
    scale,
    minM: Math.min(1, maxM),
    maxM,
    mBoundIsArtificial: marketSize === null,
  };
}

/**
 * Starting points spread over the plausible shapes: (p + q)·span sets how much of the S-curve the observed
 * span covers, q/p how sharp it is. The unit of t is unknown, hence scaling by the span.
 */
function initialGuesses(problem: ScaledProblem): [number, number][] {
  const span = Math.max(...problem.t) || 1;
  const guesses: [number, number][] = [];
  for (const speed of [3, 10, 30]) {
    for (const imitationRatio of [1, 10, 50]) {
      const p = clamp(speed / span / (1 + imitationRatio), P_BOUNDS[0], P_BOUNDS[1]);
      guesses.push([p, clamp(imitationRatio * p, Q_BOUNDS[0], Q_BOUNDS[1])]);
    }
  }
  return guesses;
}

/**
 * The model is linear in m, so for given p and q the least-squares m has a closed form; the sum of squares
 * is a convex quadratic in m, so clamping that value to [minM, maxM] gives the constrained optimum.
 */
function bestMarketFor(problem: ScaledProblem, p: number, q: number): number {
  let fy = 0;
  let ff = 0;
  problem.t.forEach((t, index) => {
    const share = bassShare(t, p, q);
    fy += share * problem.y[index];
    ff += share * share;
  });
  return clamp(ff > 0 ? fy / ff : problem.minM, problem.minM, problem.maxM);
}

function bestOf(problem: ScaledProblem, starts: readonly (readonly [number, number])[]): RawFit {
  let best: RawFit | null = null;
  for (const start of starts) {
    const candidate = minimise(problem, start);
    if (best === null || candidate.error < best.error) best = candidate;
  }
  if (best === null) throw new Error('fitBass: no starting point');
  return best;
}

/**
 * Separable least squares: Levenberg–Marquardt searches p and q, and m is solved exactly for each (p, q)
 * (see bestMarketFor). Letting the library move m as a third parameter stalls once m sits on its bound
 * (m ≥ observed adopters binds whenever the plateau is noisy): every step is clamped back and p, q only
 * creep. The Jacobian holds m fixed; the envelope theorem makes the resulting gradient exact.
 *
 * The library has no convergence report and stops early only when the error falls below a tolerance,
 * which noisy data never reach; so it runs in rounds, restarting (with fresh damping) from the best
 * parameters, until a round no longer improves the sum of squares.
 */
function minimise(problem: ScaledProblem, start: readonly [number, number]): RawFit {
  // The search runs on p and q in units of their starting values, so both are of order 1 and the
  // damping (which adds the same λ to each) treats them alike; p is often 30 times smaller than q.
  const unitP = clamp(start[0], ...P_BOUNDS);
  const unitQ = Math.max(clamp(start[1], ...Q_BOUNDS), unitP);
  const minValues = [P_BOUNDS[0] / unitP, Q_BOUNDS[0] / unitQ];
  const maxValues = [P_BOUNDS[1] / unitP, Q_BOUNDS[1] / unitQ];
  const withMarket = ([u, v]: readonly number[]): [number, number, number] => {
    const p = u * unitP;
    const q = v * unitQ;
    return [p, q, bestMarketFor(problem, p, q)];
  };
  let parameters = withMarket([1, clamp(start[1], ...Q_BOUNDS) / unitQ]);
  let error = sumOfSquares(problem, parameters);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (error <= EXACT_FIT_ERROR) return { parameters, error, settled: true };
    const result = levenbergMarquardt(
      { x: problem.t, y: problem.y },
      (scaled) => {
        const [p, q, m] = withMarket(scaled);
        return (t) => m * bassShare(t, p, q);
      },
      {
        initialValues: [parameters[0] / unitP, parameters[1] / unitQ],
        minValues,
        maxValues,
        maxIterations: ROUND_ITERATIONS,
        errorTolerance: EXACT_FIT_ERROR,
        jacobianFunction: (scaled) => {
          const [p, q, m] = withMarket(scaled);
          return (t) => {
            const [dp, dq] = bassGradient(t, p, q, m);
            return [dp * unitP, dq * unitQ];
          };
        },
      },
    );
    const candidate = withMarket(result.parameterValues);
    const candidateError = sumOfSquares(problem, candidate);
    if (!(candidateError < error)) return { parameters, error, settled: true };
    const improvement = (error - candidateError) / error;
    parameters = candidate;
    error = candidateError;
    if (improvement < SETTLED_RELATIVE_IMPROVEMENT) return { parameters, error, settled: true };
  }
  return { parameters, error, settled: false };
}

function sumOfSquares(problem: ScaledProblem, [p, q, m]: readonly number[]): number {
  let sum = 0;
  problem.t.forEach((t, index) => {
    const residual = problem.y[index] - m * bassShare(t, p, q);
    sum += residual * residual;
  });
  return Number.isFinite(sum) ? sum : Number.POSITIVE_INFINITY;
}

function describeFit(
  points: readonly CumulativeAdoptionPoint[],
  problem: ScaledProblem,
  fit: RawFit,
  marketSize: number | null,
): BassFit {
  const [p, q, scaledM] = fit.parameters;
  const m = scaledM * problem.scale;
  const sse = fit.error * problem.scale * problem.scale;
  const mean = points.reduce((sum, point) => sum + point.cumulative, 0) / points.length;
  const sst = points.reduce((sum, point) => sum + (point.cumulative - mean) ** 2, 0);
  const pinned =
    atBound(p, P_BOUNDS[0]) ||
    atBound(p, P_BOUNDS[1]) ||
    atBound(q, Q_BOUNDS[1]) ||
    (problem.mBoundIsArtificial && atBound(scaledM, problem.maxM));
  return {
    p,
    q,
    m,
    rmse: Math.sqrt(sse / points.length),
    rSquared: 1 - sse / sst,
    points: points.length,
    converged: fit.settled && !pinned,
    marketSize,
  };
}

function atBound(value: number, bound: number): boolean {
  return Math.abs(value - bound) <= 1e-9 * Math.max(1, Math.abs(bound));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
