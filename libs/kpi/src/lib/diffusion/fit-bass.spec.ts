import { bassCumulative } from './bass-model';
import { type CumulativeAdoptionPoint, fitBass, observedAdopters } from './fit-bass';
import { seededRandom } from '../core/seeded-random';

const DAYS = Array.from({ length: 61 }, (_, t) => t);

function curve(p: number, q: number, m: number): CumulativeAdoptionPoint[] {
  return DAYS.map((t) => ({ t, cumulative: bassCumulative(t, p, q, m) }));
}

/** Cumulative values each scaled by a seeded uniform factor in [0.97, 1.03]. */
function noisyLevels(p: number, q: number, m: number, seed: number): CumulativeAdoptionPoint[] {
  const random = seededRandom(seed);
  return curve(p, q, m).map(({ t, cumulative }) => ({
    t,
    cumulative: cumulative * (1 + 0.03 * (2 * random() - 1)),
  }));
}

/** Daily new adopters each scaled by a seeded uniform factor in [0.97, 1.03], then summed up again. */
function noisyIncrements(p: number, q: number, m: number, seed: number): CumulativeAdoptionPoint[] {
  const random = seededRandom(seed);
  let cumulative = 0;
  return DAYS.map((t) => {
    if (t > 0)
      cumulative +=
        (bassCumulative(t, p, q, m) - bassCumulative(t - 1, p, q, m)) * (1 + 0.03 * (2 * random() - 1));
    return { t, cumulative };
  });
}

function relativeErrors(fit: { p: number; q: number; m: number }, p: number, q: number, m: number) {
  return { p: Math.abs(fit.p / p - 1), q: Math.abs(fit.q / q - 1), m: Math.abs(fit.m / m - 1) };
}

const CASES = [
  { p: 0.01, q: 0.35, m: 1000 },
  { p: 0.03, q: 0.2, m: 500 },
];

describe('fitBass', () => {
  describe.each(CASES)('on a curve with p = $p, q = $q, m = $m (t = 0..60 days)', ({ p, q, m }) => {
    it('recovers p, q and m within 0.1% relative without noise', () => {
      const fit = fitBass(curve(p, q, m));
      const errors = relativeErrors(fit, p, q, m);
      expect(errors.p).toBeLessThan(0.001);
      expect(errors.q).toBeLessThan(0.001);
      expect(errors.m).toBeLessThan(0.001);
      expect(fit.converged).toBe(true);
      expect(fit.points).toBe(61);
      expect(fit.rmse).toBeLessThan(1e-6 * m);
      expect(fit.rSquared).toBeCloseTo(1, 9);
    });

    it('recovers m within 5% and p, q within 15% with ±3% multiplicative noise on daily adoptions', () => {
      for (const seed of [1, 2, 3]) {
        const fit = fitBass(noisyIncrements(p, q, m, seed));
        const errors = relativeErrors(fit, p, q, m);
        expect(errors.m).toBeLessThan(0.05);
        expect(errors.p).toBeLessThan(0.15);
        expect(errors.q).toBeLessThan(0.15);
        expect(fit.converged).toBe(true);
      }
    });

    // Noise on the levels lets the plateau exceed the true m. The bound m ≥ observed adopters then lifts m
    // by up to the noise amplitude (3%), and p and q shift to compensate; the tolerances cover that.
    it('recovers m within 5%, p within 30% and q within 25% with ±3% multiplicative noise on cumulative levels', () => {
      for (const seed of [1, 2, 3]) {
        const points = noisyLevels(p, q, m, seed);
        const fit = fitBass(points);
        const errors = relativeErrors(fit, p, q, m);
        expect(errors.m).toBeLessThan(0.05);
        expect(errors.p).toBeLessThan(0.3);
        expect(errors.q).toBeLessThan(0.25);
        expect(fit.m).toBeGreaterThanOrEqual(observedAdopters(points));
        expect(fit.converged).toBe(true);
        expect(fit.rSquared).toBeGreaterThan(0.99);
      }
    });
  });

  it('ends at a minimum: no nearby p, q (with its best m in the box) has a smaller sum of squares', () => {
    const sumOfSquares = (points: CumulativeAdoptionPoint[], p: number, q: number, maxM: number) => {
      // The best m for p and q, clamped into [observed, maxM].
      let fy = 0;
      let ff = 0;
      for (const point of points) {
        const share = bassCumulative(point.t, p, q, 1);
        fy += share * point.cumulative;
        ff += share * share;
      }
      const m = Math.min(Math.max(fy / ff, observedAdopters(points)), maxM);
      return points.reduce(
        (sum, point) => sum + (point.cumulative - bassCumulative(point.t, p, q, m)) ** 2,
        0,
      );
    };
    for (const [points, marketSize] of [
      [noisyLevels(0.01, 0.35, 1000, 4), 2000],
      [noisyIncrements(0.03, 0.2, 500, 5).slice(0, 15), 2000],
      // The first 12 days of an m = 1000 curve (≈ 590 adopters) under a head count of 800: m ends on the bound.
      [noisyIncrements(0.01, 0.35, 1000, 6).slice(0, 12), 800],
    ] as const) {
      const fit = fitBass(points, { marketSize });
      expect(fit.converged).toBe(true);
      const best = sumOfSquares(points, fit.p, fit.q, marketSize);
      for (const dp of [-1e-3, 0, 1e-3]) {
        for (const dq of [-1e-3, 0, 1e-3]) {
          const nearby = sumOfSquares(points, fit.p * (1 + dp), fit.q * (1 + dq), marketSize);
          expect(nearby).toBeGreaterThanOrEqual(best * (1 - 1e-9));
        }
      }
    }
  });

  it('never puts m below the adopters already counted', () => {
    // A saturated curve (m = 1000, t = 0..40) and a late jump to 1100 at t = 60: least squares alone would
    // leave m near 1000, below the 1100 people who have adopted.
    const points = [...curve(0.01, 0.35, 1000).slice(0, 41), { t: 60, cumulative: 1100 }];
    const fit = fitBass(points);
    expect(fit.m).toBeGreaterThanOrEqual(1100);
  });

  it('reports converged = false when the data never bend towards a plateau', () => {
    // Pure exponential growth e^{0.3t} − 1 has no saturation level, so the best Bass curve pushes m to
    // the search limit (100 × the observed adopters) instead of identifying it.
    const exponential = Array.from({ length: 11 }, (_, t) => ({ t, cumulative: Math.exp(0.3 * t) - 1 }));
    const fit = fitBass(exponential);
    expect(fit.converged).toBe(false);
    expect(fit.m).toBeCloseTo(100 * (Math.exp(3) - 1), 6);
  });

  it('keeps m at or below the market size', () => {
    // Days 0..11 of the m = 1000 curve (588 adopters by day 11); an eligible head count of 800 caps m.
    const fit = fitBass(curve(0.01, 0.35, 1000).slice(0, 12), { marketSize: 800 });
    expect(fit.m).toBeLessThanOrEqual(800);
    expect(fit.m).toBeGreaterThan(790);
    expect(fit.marketSize).toBe(800);
  });

  it('takes the observed adopters of non-decreasing counts to be the largest count', () => {
    expect(
      observedAdopters([
        { t: 0, cumulative: 0 },
        { t: 2, cumulative: 7 },
        { t: 1, cumulative: 3 },
      ]),
    ).toBe(7);
    // 12 then 10 violate monotonicity and pool to 11.
    expect(
      observedAdopters([
        { t: 0, cumulative: 0 },
        { t: 1, cumulative: 12 },
        { t: 2, cumulative: 10 },
      ]),
    ).toBe(11);
  });

  it('refuses fewer than 4 points', () => {
    expect(() => fitBass(curve(0.01, 0.35, 1000).slice(0, 3))).toThrow(
      'fitBass: needs at least 4 points to fit p, q and m, got 3',
    );
  });

  it('refuses a series without growth', () => {
    const flat = [0, 1, 2, 3].map((t) => ({ t, cumulative: 40 }));
    expect(() => fitBass(flat)).toThrow('fitBass: no growth');
    const falling = [0, 1, 2, 3].map((t) => ({ t, cumulative: 40 - t }));
    expect(() => fitBass(falling)).toThrow('fitBass: no growth');
  });

  it('refuses invalid points and a market size below the observed adopters', () => {
    const points = curve(0.01, 0.35, 1000);
    expect(() => fitBass([{ t: -1, cumulative: 0 }, ...points])).toThrow(
      'fitBass: point 0 has t = -1; t must be a finite number >= 0 (time since launch)',
    );
    expect(() => fitBass([...points, { t: 61, cumulative: Number.NaN }])).toThrow(
      'fitBass: point 61 has cumulative = NaN; it must be a finite number >= 0',
    );
    expect(() => fitBass(points.slice(0, 20), { marketSize: 100 })).toThrow(
      /^fitBass: marketSize 100 is below the [\d.]+ adopters already observed$/,
    );
    expect(() => fitBass(points, { marketSize: 0 })).toThrow(
      'fitBass: marketSize must be a finite number > 0',
    );
  });
});
