import { bassCumulative } from './bass-model';
import { type CumulativeAdoptionPoint, fitBass } from './fit-bass';
import { forecastTarget } from './forecast-target';
import { seededRandom } from '../core/seeded-random';

function curve(p: number, q: number, m: number, days: number): CumulativeAdoptionPoint[] {
  return Array.from({ length: days }, (_, t) => ({ t, cumulative: bassCumulative(t, p, q, m) }));
}

function withNoise(points: CumulativeAdoptionPoint[], seed: number): CumulativeAdoptionPoint[] {
  const random = seededRandom(seed);
  return points.map(({ t, cumulative }) => ({ t, cumulative: cumulative * (1 + 0.03 * (2 * random() - 1)) }));
}

/**
 * Analytic inverse of the Bass curve, derived here: with F = N/m and E = e^{−(p+q)t},
 * F = (1 − E)/(1 + (q/p)E)  ⇒  E = (1 − F)/(1 + (q/p)F)  ⇒  t = ln((1 + (q/p)F)/(1 − F)) / (p + q).
 * For p = 0.01, q = 0.35, F = 0.9: ln((1 + 35·0.9)/0.1)/0.36 = ln(325)/0.36 ≈ 16.07 days.
 */
function timeToShare(share: number, p: number, q: number): number {
  return Math.log((1 + (q / p) * share) / (1 - share)) / (p + q);
}

describe('forecastTarget', () => {
  const clean = curve(0.01, 0.35, 1000, 61);
  const cleanFit = fitBass(clean);

  it('reaches 90% of m at the analytic inverse of the Bass curve, within 1 day, on noiseless data', () => {
    const forecast = forecastTarget(clean, cleanFit, 900, { horizon: 120 });
    const expected = timeToShare(0.9, 0.01, 0.35);
    expect(expected).toBeCloseTo(16.07, 2);
    expect(forecast.reason).toBeNull();
    expect(Math.abs((forecast.estimate as number) - expected)).toBeLessThan(1);
    // Residuals are zero, so every bootstrap refit is the same curve.
    expect(Math.abs((forecast.p10 as number) - expected)).toBeLessThan(1);
    expect(Math.abs((forecast.p90 as number) - expected)).toBeLessThan(1);
    expect(forecast.samples).toBe(200);
  });

  it.each([
    { p: 0.01, q: 0.35, m: 1000 },
    { p: 0.03, q: 0.2, m: 500 },
  ])(
    'brackets the estimate with p10 ≤ estimate ≤ p90 on ±3% noisy data (p = $p, q = $q, m = $m)',
    ({ p, q, m }) => {
      const points = withNoise(curve(p, q, m, 61), 11);
      const forecast = forecastTarget(points, fitBass(points), 0.9 * m, { horizon: 120, seed: 5 });
      const estimate = forecast.estimate as number;
      expect(forecast.p10).not.toBeNull();
      expect(forecast.p90).not.toBeNull();
      expect(forecast.p10 as number).toBeLessThanOrEqual(estimate);
      expect(estimate).toBeLessThanOrEqual(forecast.p90 as number);
      expect(Math.abs(estimate - timeToShare(0.9, p, q))).toBeLessThan(1);
    },
  );

  it('settles every bootstrap refit when the fit ends on the market size bound', () => {
    // Weekly adopters of a slow curve (p = 0.002, q = 0.1, m = 5000) rounded, with ±30% noise, for 30 weeks,
    // under a head count of 6000: the fit's m ends at the bound, and the refits of resampled series lie on
    // both sides of it, where the projected search alone zig-zags without settling.
    const random = seededRandom(1);
    const points: CumulativeAdoptionPoint[] = [{ t: 0, cumulative: 0 }];
    for (let t = 1, total = 0; t <= 30; t++) {
      const weekly = bassCumulative(t, 0.002, 0.1, 5000) - bassCumulative(t - 1, 0.002, 0.1, 5000);
      total += Math.max(0, Math.round(weekly * (1 + 0.3 * (2 * random() - 1))));
      points.push({ t, cumulative: total });
    }
    const fit = fitBass(points, { marketSize: 6000 });
    expect(fit.m).toBeCloseTo(6000, 6);
    const forecast = forecastTarget(points, fit, 3600, { horizon: 134, samples: 100 });
    expect(forecast.reason).toBeNull();
    expect(forecast.samples).toBe(100);
    expect(forecast).toMatchObject({ unsettledRefits: 0 });
    expect(forecast.p10 as number).toBeLessThanOrEqual(forecast.estimate as number);
    expect(forecast.estimate as number).toBeLessThanOrEqual(forecast.p90 as number);
  });

  it('is deterministic for a seed', () => {
    const points = withNoise(curve(0.03, 0.2, 500, 20), 3);
    const fit = fitBass(points);
    const options = { horizon: 200, samples: 20 };
    const first = forecastTarget(points, fit, 400, { ...options, seed: 42 });
    expect(forecastTarget(points, fit, 400, { ...options, seed: 42 })).toEqual(first);
    const other = forecastTarget(points, fit, 400, { ...options, seed: 43 });
    expect([other.p10, other.p90]).not.toEqual([first.p10, first.p90]);
  });

  it('gives no estimate when the target is at or above the fitted market potential', () => {
    for (const target of [cleanFit.m, 1200]) {
      expect(forecastTarget(clean, cleanFit, target, { horizon: 1000 })).toEqual({
        target,
        horizon: 1000,
        seed: 1,
        samples: 0,
        estimate: null,
        p10: null,
        p90: null,
        reason: 'target-not-below-market-potential',
      });
    }
  });

  it('gives no estimate when the target is reached only after the horizon', () => {
    // 90% of m is reached after ≈ 16.07 days.
    const forecast = forecastTarget(clean, cleanFit, 900, { horizon: 10 });
    expect(forecast).toMatchObject({
      estimate: null,
      p10: null,
      p90: null,
      reason: 'not-reached-within-horizon',
    });
  });

  it('leaves p90 open when the horizon ends at the estimate and refits scatter around it', () => {
    // Only the first 15 noisy days: refits disagree, and more than 10% of them arrive after the estimate.
    const points = withNoise(curve(0.03, 0.2, 500, 15), 7);
    const fit = fitBass(points);
    const estimate = forecastTarget(points, fit, 400, { horizon: 1000, samples: 1 }).estimate as number;
    const forecast = forecastTarget(points, fit, 400, { horizon: estimate, samples: 30 });
    expect(forecast.estimate).toBe(estimate);
    expect(forecast.p90).toBeNull();
  });

  it('rejects invalid input with clear messages', () => {
    const options = { horizon: 100 };
    expect(() => forecastTarget(clean, cleanFit, 0, options)).toThrow(
      'forecastTarget: target must be a finite number of adopters > 0, got 0',
    );
    expect(() => forecastTarget(clean, cleanFit, 500, { horizon: -1 })).toThrow(
      'forecastTarget: horizon must be a finite time > 0, got -1',
    );
    expect(() => forecastTarget(clean, cleanFit, 500, { horizon: 100, samples: 0 })).toThrow(
      'forecastTarget: samples must be a whole number >= 1, got 0',
    );
    expect(() => forecastTarget(clean, cleanFit, 500, { horizon: 100, seed: 1.5 })).toThrow(
      'forecastTarget: seed must be an integer, got 1.5',
    );
    expect(() => forecastTarget(clean.slice(0, 3), cleanFit, 500, options)).toThrow(
      'fitBass: needs at least 4 points',
    );
  });
});
