import {
  meanDifferenceInterval,
  proportionDifferenceInterval,
  tQuantile975,
  wilsonInterval,
} from './intervals';

describe('wilsonInterval', () => {
  it('matches the published example 81/263 (Newcombe 1998, table I: 0.2553–0.3662)', () => {
    const interval = wilsonInterval(81, 263);
    expect(interval.estimate).toBeCloseTo(81 / 263, 10);
    expect(interval.low).toBeCloseTo(0.2553, 3);
    expect(interval.high).toBeCloseTo(0.3662, 3);
  });

  it('stays inside [0, 1] at the edges (0/10 → upper bound 0.2775)', () => {
    const interval = wilsonInterval(0, 10);
    expect(interval.low).toBe(0);
    expect(interval.high).toBeCloseTo(0.2775, 3);
  });

  it('refuses an empty group', () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
  });
});

describe('proportionDifferenceInterval', () => {
  it("matches Newcombe's example 56/70 − 48/80 (method 10: 0.0524 to 0.3339)", () => {
    const interval = proportionDifferenceInterval(56, 70, 48, 80);
    expect(interval.estimate).toBeCloseTo(0.2, 10);
    expect(interval.low).toBeCloseTo(0.0524, 3);
    expect(interval.high).toBeCloseTo(0.3339, 3);
  });

  it('is symmetric when the groups swap', () => {
    const forward = proportionDifferenceInterval(9, 12, 30, 100);
    const backward = proportionDifferenceInterval(30, 100, 9, 12);
    expect(backward.low).toBeCloseTo(-forward.high, 10);
    expect(backward.high).toBeCloseTo(-forward.low, 10);
  });
});

describe('meanDifferenceInterval', () => {
  it('is the t interval of the differences (1, 3, 1, 3: mean 2, sample variance 4/3, t(3) = 3.182)', () => {
    const interval = meanDifferenceInterval([1, 3, 1, 3])!;
    const half = tQuantile975(3) * Math.sqrt(4 / 3 / 4);
    expect(interval.estimate).toBe(2);
    expect(interval.low).toBeCloseTo(2 - half, 10);
    expect(interval.high).toBeCloseTo(2 + half, 10);
  });

  it('needs two differences', () => {
    expect(meanDifferenceInterval([1])).toBeNull();
  });
});
