/*
 * Confidence intervals of shares and differences: the rollout comparisons (libs/rollout) and the first-post
 * retention comparison (first-post/) both publish them, so they live with the KPI engine.
 */

/** 97.5% quantile of Student's t for 1..30 degrees of freedom (two-sided 95% intervals). */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z_975 = 1.959964;

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export function tQuantile975(degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) throw new RangeError('at least one degree of freedom is needed');
  if (degreesOfFreedom <= 30) return T_975[degreesOfFreedom - 1];
  // Beyond 30 the t quantile is within 2% of these values.
  if (degreesOfFreedom <= 60) return 2.0;
  if (degreesOfFreedom <= 120) return 1.98;
  return Z_975;
}

/** Wilson score interval of a proportion x/n (good for small n and shares near 0 or 1). */
export function wilsonInterval(successes: number, trials: number, z = Z_975): Interval {
  if (trials <= 0) throw new RangeError('a proportion needs at least one trial');
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (method 10) for the difference of two independent proportions
 * x1/n1 − x2/n2: better coverage than the Wald interval for the small groups a pilot has.
 */
export function proportionDifferenceInterval(x1: number, n1: number, x2: number, n2: number): Interval {
  const a = wilsonInterval(x1, n1);
  const b = wilsonInterval(x2, n2);
  const difference = a.estimate - b.estimate;
  return {
    estimate: difference,
    low: difference - Math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2),
    high: difference + Math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2),
  };
}

/** t interval of the mean of paired differences (e.g. week by week), or null with fewer than two. */
export function meanDifferenceInterval(differences: readonly number[]): Interval | null {
  const n = differences.length;
  if (n < 2) return null;
  const mean = differences.reduce((sum, d) => sum + d, 0) / n;
  const variance = differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { estimate: mean, low: mean - half, high: mean + half };
}
