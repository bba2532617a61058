import { tQuantile975 } from '../core/intervals';
/*
 * Small numeric helpers of the business case: percentiles of bootstrap replicates and a least-squares slope
 * over equally spaced weeks. Written here (not a dependency) so a published interval is reproducible from the
 * data and the seed alone.
 */

/** NaN test without a global look-up (slow inside Jest's VM context; this runs per person and week). */
export const missing = (value: number): boolean => value !== value;

/**
 * The p-quantile (0..1) of values already sorted ascending, at rank (n + 1)·p with linear interpolation
 * (Hyndman & Fan type 6), clamped to the smallest and largest value; null for no values. For bootstrap
 * replicates this is the rule of Davison & Hinkley (1997, §5.2): with B = 999 the 2.5th percentile is
 * exactly the 25th smallest replicate. The more common type 7 puts both ends of a percentile interval
 * inside it (ranks 1 + (B − 1)·p), which with 300 replicates costs more than half a point of coverage.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile needs 0 ≤ p ≤ 1 (got ${p})`);
  const rank = (n + 1) * p;
  if (rank <= 1) return sorted[0];
  if (rank >= n) return sorted[n - 1];
  const below = rank | 0;
  return sorted[below - 1] + (sorted[below] - sorted[below - 1]) * (rank - below);
}

/**
 * Standard normal distribution function Φ(x), from the complementary error function of W. J. Cody's
 * rational approximation as given in Numerical Recipes (erfcc, fractional error below 1.2e-7).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** The values sorted ascending, NaN (a replicate without a figure) left out; the input is not changed. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const finite = Array.from(values).filter((value) => Number.isFinite(value));
  return Float64Array.from(finite).sort();
}

/**
 * Least-squares slope of y on x over the points whose y is a number (NaN marks a missing point), or NaN
 * with fewer than two distinct x.
 */
export function slopeOf(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < xs.length; i++) {
    if (missing(ys[i])) continue;
    n++;
    sumX += xs[i];
    sumY += ys[i];
  }
  if (n < 2) return NaN;
  const meanX = sumX / n;
  const meanY = sumY / n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < xs.length; i++) {
    if (missing(ys[i])) continue;
    numerator += (xs[i] - meanX) * (ys[i] - meanY);
    denominator += (xs[i] - meanX) ** 2;
  }
  return denominator === 0 ? NaN : numerator / denominator;
}

/** Sample variance (n − 1 in the denominator), 0 for fewer than two values. */
export function sampleVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return squares / (n - 1);
}

/**
 * The tail probability at which to read a two-sided 95% percentile interval of a difference of two group
 * means from its bootstrap replicates: Hesterberg's "expanded percentile interval" (Hesterberg 2015, The
 * American Statistician 69:4), generalised to two groups. A bootstrap of n people reproduces the variance
 * of a mean as s²·(n − 1)/n², not s²/n, and the plain 2.5%/97.5% percentiles use the normal quantile where
 * Student's t applies, so the plain interval is too narrow for small groups (about 94.6% at 100 people a
 * group, 93% at 30). The expanded interval reads the replicates at Φ(−√(V/V*)·t) instead, where V is the
 * unbiased variance of the difference, V* the bootstrap's, and t the 97.5% quantile of Student's t with
 * Welch–Satterthwaite degrees of freedom. 0.025 when the groups show no spread (nothing to correct).
 */
export function expandedTail(groups: readonly { n: number; variance: number }[]): number {
  let unbiased = 0;
  let plugIn = 0;
  let welch = 0;
  for (const { n, variance } of groups) {
    if (n < 2) return 0.025;
    unbiased += variance / n;
    plugIn += (variance * (n - 1)) / (n * n);
    welch += (variance / n) ** 2 / (n - 1);
  }
  if (plugIn === 0 || welch === 0) return 0.025;
  const degreesOfFreedom = Math.max(1, Math.floor((unbiased * unbiased) / welch));
  return normalCdf(-Math.sqrt(unbiased / plugIn) * tQuantile975(degreesOfFreedom));
}
