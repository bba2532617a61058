import { bassAdoptionRate, bassCumulative, bassGradient, bassTimeToReach } from './bass-model';

describe('Bass model', () => {
  it('starts at zero and saturates at m', () => {
    expect(bassCumulative(0, 0.01, 0.35, 1000)).toBe(0);
    expect(bassCumulative(1000, 0.01, 0.35, 1000)).toBeCloseTo(1000, 9);
  });

  it('reduces to m·(1 − e^{−pt}) without imitation (q = 0)', () => {
    // N(t) = m(1 − e^{−pt}); with p = 0.1, t = 10: 1000·(1 − e^{−1}) = 632.1205588...
    expect(bassCumulative(10, 0.1, 0, 1000)).toBeCloseTo(632.1205588, 6);
    // dN/dt = m·p·e^{−pt} = 1000·0.1·e^{−1} = 36.7879441...
    expect(bassAdoptionRate(10, 0.1, 0, 1000)).toBeCloseTo(36.7879441, 6);
  });

  it('has the adoption rate m·p at launch and peaks at t* = ln(q/p)/(p+q)', () => {
    // At t = 0: m·(p+q)²/p / (1 + q/p)² = m·(p+q)²/p · p²/(p+q)² = m·p.
    expect(bassAdoptionRate(0, 0.01, 0.35, 1000)).toBeCloseTo(10, 9);
    const peak = Math.log(0.35 / 0.01) / 0.36;
    const atPeak = bassAdoptionRate(peak, 0.01, 0.35, 1000);
    expect(bassAdoptionRate(peak - 0.5, 0.01, 0.35, 1000)).toBeLessThan(atPeak);
    expect(bassAdoptionRate(peak + 0.5, 0.01, 0.35, 1000)).toBeLessThan(atPeak);
  });

  it('has an adoption rate that is the derivative of the cumulative curve', () => {
    const h = 1e-5;
    for (const t of [0.5, 5, 12, 30]) {
      const slope = (bassCumulative(t + h, 0.03, 0.2, 500) - bassCumulative(t - h, 0.03, 0.2, 500)) / (2 * h);
      expect(bassAdoptionRate(t, 0.03, 0.2, 500)).toBeCloseTo(slope, 5);
    }
  });

  it('inverts the cumulative curve', () => {
    // q = 0: m/2 is reached at ln 2 / p.
    expect(bassTimeToReach(500, 0.1, 0, 1000)).toBeCloseTo(Math.LN2 / 0.1, 9);
    const t = bassTimeToReach(900, 0.01, 0.35, 1000) as number;
    expect(bassCumulative(t, 0.01, 0.35, 1000)).toBeCloseTo(900, 9);
    expect(bassTimeToReach(1000, 0.01, 0.35, 1000)).toBeNull();
    expect(bassTimeToReach(1200, 0.01, 0.35, 1000)).toBeNull();
  });

  it('has an analytical gradient that matches finite differences', () => {
    const h = 1e-7;
    const [p, q, m] = [0.02, 0.3, 1.4];
    for (const t of [1, 8, 25]) {
      const [dp, dq, dm] = bassGradient(t, p, q, m);
      expect(dp).toBeCloseTo((bassCumulative(t, p + h, q, m) - bassCumulative(t, p - h, q, m)) / (2 * h), 5);
      expect(dq).toBeCloseTo((bassCumulative(t, p, q + h, m) - bassCumulative(t, p, q - h, m)) / (2 * h), 5);
      expect(dm).toBeCloseTo(bassCumulative(t, p, q, 1), 12);
    }
  });

  it('rejects parameters outside the model', () => {
    expect(() => bassCumulative(1, 0, 0.3, 100)).toThrow('Bass model: p must be a finite number > 0, got 0');
    expect(() => bassAdoptionRate(1, 0.01, -0.1, 100)).toThrow('Bass model: q must be a finite number >= 0');
    expect(() => bassCumulative(1, 0.01, 0.3, Number.NaN)).toThrow(
      'Bass model: m must be a finite number >= 0',
    );
  });
});
