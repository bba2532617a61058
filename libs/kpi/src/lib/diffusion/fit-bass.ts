import { bassGradient } from './bass-model';

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
  /** The least-squares m at the fitted (p, q) before the bounds apply. */
  readonly freeMarket: number;
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

/** @internal A bootstrap refit: the parameters and whether its search settled (see {@link BassFit.converged}). */
export interface Refit {
  readonly parameters: [number, number, number];
  readonly settled: boolean;
}

/** @internal Refit used by the bootstrap: no validation, starts from given parameters. */
export function refitBass(
  t: readonly number[],
  cumulative: readonly number[],
  marketSize: number | null,
  start: readonly [number, number],
): Refit | null {
  const points = t.map((value, index) => ({ t: value, cumulative: cumulative[index] }));
  if (!(observedAdopters(points) > 0)) return null;
  // A resampled series may overshoot the market size; the bound then wins over "m ≥ observed".
  const problem = scaledProblem(points, marketSize);
  const best = bestOf(problem, [start]);
  return {
    parameters: [best.parameters[0], best.parameters[1], best.parameters[2] * problem.scale],
    settled: best.settled,
  };
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
 * The constrained least squares over p, q and minM ≤ m ≤ maxM. The projected search (m clamped into its
 * box for each p, q) is not smooth where the free m crosses a bound: its Gauss–Newton model switches
 * between "m follows p and q" and "m stays", and when the optimum sits on that seam (common when m ends at
 * the market size, as a bootstrap refit of a fit pinned there does) the steps zig-zag across it. So when the
 * projected search ends with m on or beside a bound, the search is finished with m fixed at that bound — a
 * smooth problem — and the lower sum of squares wins. The fixed-m optimum is the constrained optimum when
 * the free m there lies beyond the bound (the Karush–Kuhn–Tucker condition for m).
 */
function minimise(problem: ScaledProblem, start: readonly [number, number]): RawFit {
  const projected = search(problem, start, null);
  const m = projected.parameters[2];
  const bound = [problem.maxM, problem.minM].find(
    (value) => Math.abs(m - value) <= BOUND_PROXIMITY * Math.max(value, 1),
  );
  if (bound === undefined) return projected;
  const fixed = search(problem, [projected.parameters[0], projected.parameters[1]], bound);
  if (!(fixed.error <= projected.error)) return projected;
  const mWouldLeave = bound === problem.maxM ? fixed.freeMarket >= bound : fixed.freeMarket <= bound;
  return { ...fixed, settled: fixed.settled && (mWouldLeave || projected.settled) };
}

/** Relative distance from a bound of m within which the search is finished with m fixed at the bound. */
const BOUND_PROXIMITY = 1e-6;

/**
 * Separable least squares (variable projection, Golub & Pereyra): the search runs over p and q only, and m
 * is solved exactly for each (p, q) (see evaluation). Letting a solver move m as a third parameter stalls
 * once m sits on its bound (m ≥ observed adopters binds whenever the plateau is noisy): every step is
 * clamped back and p, q only creep.
 *
 * The search is a bounded Levenberg–Marquardt of its own, after MINPACK's `lmder` (Moré 1978) with
 * Nielsen's damping update, because the library it replaced (ml-levenberg-marquardt) reports no
 * convergence: it only stops at an error tolerance, which noisy data never reach, so it had to be run in
 * rounds until a round stopped improving, and a third of the bootstrap's refits ran out of rounds before
 * they settled (their forecast dates moved when given more rounds). Here a search ends only on a stated
 * test — the sum of squares no longer falls (actual and predicted reduction below {@link RELATIVE_TOLERANCE}),
 * the step is negligible, or the residual is orthogonal to every free direction — or, reported as not
 * settled, after {@link MAX_ITERATIONS}. With two parameters each step is a 2 × 2 solve. A parameter on a
 * bound whose gradient points outwards is held there (projected gradient), so the box is honoured exactly.
 */
function search(problem: ScaledProblem, start: readonly [number, number], fixedM: number | null): RawFit {
  // The search runs on p and q in units of their starting values, so both are of order 1 and the
  // damping (scaled by the diagonal, as Marquardt proposed) treats them alike; p is often 30 times smaller than q.
  const unitP = clamp(start[0], ...P_BOUNDS);
  const unitQ = Math.max(clamp(start[1], ...Q_BOUNDS), unitP);
  const lower = [P_BOUNDS[0] / unitP, Q_BOUNDS[0] / unitQ];
  const upper = [P_BOUNDS[1] / unitP, Q_BOUNDS[1] / unitQ];
  const evaluate = (x: readonly [number, number]) => evaluation(problem, x, unitP, unitQ, fixedM);
  let current = evaluate([1, clamp(start[1], ...Q_BOUNDS) / unitQ]);
  let damping = -1;
  let growth = 2;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    if (current.error <= EXACT_FIT_ERROR) return settledAt(current);
    const { x, jtj, descent } = current;
    // Free directions: a parameter on a bound stays there while the descent direction points outwards.
    const free = [0, 1].filter(
      (i) => !((x[i] <= lower[i] && descent[i] < 0) || (x[i] >= upper[i] && descent[i] > 0)),
    );
    if (free.length === 0 || orthogonal(current, free)) return settledAt(current);
    if (damping < 0) damping = INITIAL_DAMPING * Math.max(...free.map((i) => jtj[i][i]));
    let accepted = false;
    while (!accepted) {
      const step = dampedStep(jtj, descent, free, damping);
      const candidateX: [number, number] = [
        clamp(x[0] + step[0], lower[0], upper[0]),
        clamp(x[1] + step[1], lower[1], upper[1]),
      ];
      const taken = [candidateX[0] - x[0], candidateX[1] - x[1]];
      const stepIsNegligible = Math.hypot(...taken) <= STEP_TOLERANCE * (Math.hypot(...x) + STEP_TOLERANCE);
      // Predicted fall of the sum of squares under the linear model: 2·dᵀ(Jᵀr) − dᵀ(JᵀJ)d.
      const predicted =
        2 * (taken[0] * descent[0] + taken[1] * descent[1]) -
        (taken[0] * (jtj[0][0] * taken[0] + jtj[0][1] * taken[1]) +
          taken[1] * (jtj[1][0] * taken[0] + jtj[1][1] * taken[1]));
      const candidate = evaluate(candidateX);
      const actual = current.error - candidate.error;
      if (actual > 0 && predicted > 0) {
        const ratio = actual / predicted;
        damping *= Math.max(1 / 3, 1 - (2 * ratio - 1) ** 3);
        growth = 2;
        const settled =
          (actual <= RELATIVE_TOLERANCE * current.error && predicted <= RELATIVE_TOLERANCE * current.error) ||
          stepIsNegligible;
        current = candidate;
        if (settled) return settledAt(current);
        accepted = true;
      } else {
        // No fall from a negligible step: (x) is a minimum within the box to working precision.
        if (stepIsNegligible || !Number.isFinite(damping)) return settledAt(current);
        damping *= growth;
        growth *= 2;
      }
    }
  }
  return {
    parameters: current.parameters,
    error: current.error,
    settled: false,
    freeMarket: current.freeMarket,
  };
}

const MAX_ITERATIONS = 500;
/** Relative fall of the sum of squares (actual and predicted) below which the search has settled. */
const RELATIVE_TOLERANCE = 1e-12;
/** Relative step length below which the search has settled. */
const STEP_TOLERANCE = 1e-10;
/** Cosine between the residual and every free column of the Jacobian below which (p, q) is stationary. */
const GRADIENT_TOLERANCE = 1e-10;
/** Initial damping as a fraction of the largest diagonal entry of JᵀJ (Nielsen's τ). */
const INITIAL_DAMPING = 1e-3;

/** One point of the search: parameters, sum of squares and the normal equations' parts. */
interface Evaluation {
  readonly x: readonly [number, number];
  readonly parameters: [number, number, number];
  readonly error: number;
  /** JᵀJ of the scaled parameters (2 × 2). */
  readonly jtj: readonly [readonly [number, number], readonly [number, number]];
  /** Jᵀr: half the negative gradient of the sum of squares. */
  readonly descent: readonly [number, number];
  /** The least-squares m for this (p, q) before the bounds apply. */
  readonly freeMarket: number;
}

/**
 * Residuals r = y − m·F(p, q) and the Jacobian of the projected model m(p, q)·F(p, q). The model is linear
 * in m, so for given p and q the least-squares m is F·y / F·F; the sum of squares is a convex quadratic in m,
 * so clamping that value to [minM, maxM] gives the constrained optimum. Where m is inside its
 * bounds it moves with p and q (∂m = (∂F·y − 2m·F·∂F) / F·F, Golub–Pereyra), where it is clamped it does not.
 */
function evaluation(
  problem: ScaledProblem,
  x: readonly [number, number],
  unitP: number,
  unitQ: number,
  fixedM: number | null,
): Evaluation {
  const p = x[0] * unitP;
  const q = x[1] * unitQ;
  const n = problem.t.length;
  const shares = new Float64Array(n);
  const dp = new Float64Array(n);
  const dq = new Float64Array(n);
  let fy = 0;
  let ff = 0;
  let dpy = 0;
  let dqy = 0;
  let fdp = 0;
  let fdq = 0;
  for (let i = 0; i < n; i++) {
    const t = problem.t[i];
    const [gp, gq, share] = bassGradient(t, p, q, 1);
    shares[i] = share;
    dp[i] = gp * unitP;
    dq[i] = gq * unitQ;
    const y = problem.y[i];
    fy += share * y;
    ff += share * share;
    dpy += dp[i] * y;
    dqy += dq[i] * y;
    fdp += share * dp[i];
    fdq += share * dq[i];
  }
  const unclamped = ff > 0 ? fy / ff : problem.minM;
  const m = fixedM ?? clamp(unclamped, problem.minM, problem.maxM);
  const mMoves = fixedM === null && ff > 0 && unclamped > problem.minM && unclamped < problem.maxM;
  const dmP = mMoves ? (dpy - 2 * m * fdp) / ff : 0;
  const dmQ = mMoves ? (dqy - 2 * m * fdq) / ff : 0;
  let error = 0;
  let a00 = 0;
  let a01 = 0;
  let a11 = 0;
  let b0 = 0;
  let b1 = 0;
  for (let i = 0; i < n; i++) {
    const residual = problem.y[i] - m * shares[i];
    const j0 = m * dp[i] + shares[i] * dmP;
    const j1 = m * dq[i] + shares[i] * dmQ;
    error += residual * residual;
    a00 += j0 * j0;
    a01 += j0 * j1;
    a11 += j1 * j1;
    b0 += j0 * residual;
    b1 += j1 * residual;
  }
  return {
    x,
    parameters: [p, q, m],
    error: Number.isFinite(error) ? error : Number.POSITIVE_INFINITY,
    jtj: [
      [a00, a01],
      [a01, a11],
    ],
    descent: [b0, b1],
    freeMarket: unclamped,
  };
}

/** (JᵀJ + λ·diag(JᵀJ)) d = Jᵀr over the free parameters (the others stay put). */
function dampedStep(
  jtj: Evaluation['jtj'],
  descent: Evaluation['descent'],
  free: readonly number[],
  damping: number,
): [number, number] {
  const diagonal = (i: number) => jtj[i][i] + damping * Math.max(jtj[i][i], MIN_DIAGONAL);
  if (free.length === 1) {
    const [i] = free;
    const step: [number, number] = [0, 0];
    step[i] = descent[i] / diagonal(i);
    return step;
  }
  const a = diagonal(0);
  const d = diagonal(1);
  const b = jtj[0][1];
  const determinant = a * d - b * b;
  return [(d * descent[0] - b * descent[1]) / determinant, (a * descent[1] - b * descent[0]) / determinant];
}

/** Keeps the damped system regular where a column of J vanishes (e.g. q's column at q = 0 for small t). */
const MIN_DIAGONAL = 1e-30;

/** MINPACK's gtol test: the residual makes (nearly) a right angle with every free column of J. */
function orthogonal(current: Evaluation, free: readonly number[]): boolean {
  const residualNorm = Math.sqrt(current.error);
  return free.every((i) => {
    // JᵀJ's diagonal holds the squared norms of J's columns.
    const columnNorm = Math.sqrt(current.jtj[i][i]);
    return columnNorm === 0 || Math.abs(current.descent[i]) <= GRADIENT_TOLERANCE * columnNorm * residualNorm;
  });
}

function settledAt(current: Evaluation): RawFit {
  return {
    parameters: current.parameters,
    error: current.error,
    settled: true,
    freeMarket: current.freeMarket,
  };
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
