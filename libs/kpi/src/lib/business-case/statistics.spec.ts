import {
  expandedTail,
  normalCdf,
  quantileOfSorted,
  sampleVariance,
  slopeOf,
  sortedFinite,
} from './statistics';

describe('quantileOfSorted', () => {
  it('reads rank (n + 1)·p, interpolating, clamped to the ends', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    // (9 + 1) × 0.25 = rank 2.5 → 2.5; rank 5 → 5; rank 0.1 → the smallest; rank 9.9 → the largest
    expect(quantileOfSorted(values, 0.25)).toBe(2.5);
    expect(quantileOfSorted(values, 0.5)).toBe(5);
    expect(quantileOfSorted(values, 0.01)).toBe(1);
    expect(quantileOfSorted(values, 0.99)).toBe(9);
    expect(quantileOfSorted([], 0.5)).toBeNull();
    expect(() => quantileOfSorted(values, 1.5)).toThrow(RangeError);
  });

  it('sorts numerically and drops replicates without a figure', () => {
    expect(Array.from(sortedFinite([10, NaN, 9, 100]))).toEqual([9, 10, 100]);
  });
});

describe('normalCdf', () => {
  it('matches the normal table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
    expect(normalCdf(-1.281552)).toBeCloseTo(0.1, 6);
  });
});

describe('slopeOf and sampleVariance', () => {
  it('fits a line over the points that have a value', () => {
    // 1, 3, (missing), 7 at x = 0, 1, 2, 3: slope 2
    expect(slopeOf([0, 1, 2, 3], [1, 3, NaN, 7])).toBeCloseTo(2);
    expect(slopeOf([0, 1], [1, NaN])).toBeNaN();
    // 2, 4, 6: mean 4, squares 4 + 0 + 4 over 2
    expect(sampleVariance([2, 4, 6])).toBe(4);
    expect(sampleVariance([5])).toBe(0);
  });
});

describe('expandedTail', () => {
  it('widens the percentile interval for small groups', () => {
    // 100 a group: df 198 → z 1.959964 × √(100/99) = 1.96984 → Φ(−1.96984) = 0.02442
    expect(
      expandedTail([
        { n: 100, variance: 4 },
        { n: 100, variance: 4 },
      ]),
    ).toBeCloseTo(0.02442, 4);
    // 30 a group: df 58 → t ≈ 2.0 (the table's 31..60 value) × √(30/29) = 2.0342 → 0.02097
    expect(
      expandedTail([
        { n: 30, variance: 4 },
        { n: 30, variance: 4 },
      ]),
    ).toBeCloseTo(0.02097, 4);
    // no spread: nothing to correct
    expect(
      expandedTail([
        { n: 30, variance: 0 },
        { n: 30, variance: 0 },
      ]),
    ).toBe(0.025);
  });
});
