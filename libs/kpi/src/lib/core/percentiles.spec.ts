import { mergeSorted, percentileCont, unpackFloat8 } from './percentiles';

describe('percentileCont', () => {
  it('interpolates between the two nearest ranks as Postgres does', () => {
    expect(percentileCont([1, 2, 3, 10], 0.5)).toBe(2.5);
    expect(percentileCont([0.5, 1, 3, 10, 24, 72], 0.9)).toBeCloseTo(48, 12); // 24 + (72 − 24) × 0.5
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([], 0.5)).toBeNull();
  });
});

describe('mergeSorted', () => {
  it('merges ascending parts into one ascending array, keeping duplicates', () => {
    expect([...mergeSorted([[1, 4, 9], [], [2, 4], [0.5], [3, 10, 11]])]).toEqual([
      0.5, 1, 2, 3, 4, 4, 9, 10, 11,
    ]);
    expect([...mergeSorted([[5, 6]])]).toEqual([5, 6]);
    expect(mergeSorted([]).length).toBe(0);
  });
});

describe('unpackFloat8', () => {
  it('reads big-endian float8 values as Postgres float8send writes them, bit for bit', () => {
    const values = [0, 1 / 3, (7 * 24 * 3600 - 1) / 3600, 1e-6, 2 ** 40 + 0.5];
    const packed = Buffer.alloc(values.length * 8 + 3);
    values.forEach((value, index) => packed.writeDoubleBE(value, 3 + index * 8));
    // A view that starts inside a larger buffer, as a pooled Buffer from the driver can.
    expect([...unpackFloat8(packed.subarray(3))]).toEqual(values);
    expect(unpackFloat8(Buffer.alloc(0)).length).toBe(0);
  });
});
