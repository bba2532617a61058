import { percentileCont, percentilesOfUnion, unpackFloat8 } from './percentiles';
import { seededRandom } from './seeded-random';

describe('percentileCont', () => {
  it('interpolates between the two nearest ranks as Postgres does', () => {
    expect(percentileCont([1, 2, 3, 10], 0.5)).toBe(2.5);
    expect(percentileCont([0.5, 1, 3, 10, 24, 72], 0.9)).toBeCloseTo(48, 12); // 24 + (72 − 24) × 0.5
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([], 0.5)).toBeNull();
  });
});

describe('percentilesOfUnion', () => {
  it('gives each group the percentiles of the union of its parts, as if merged and sorted', () => {
    const random = seededRandom(42);
    const part = (size: number) =>
      Float64Array.from({ length: size }, () => Math.round(random() * 400) / 8).sort();
    const [a, b, c, empty] = [part(37), part(5), part(120), part(0)];
    const parts = [
      { sorted: a, groups: ['sales', 'co', null] },
      { sorted: b, groups: ['emea', 'sales', 'co', null] },
      { sorted: c, groups: ['eng', 'co', null] },
      { sorted: empty, groups: ['idle', 'co', null] },
    ];
    const result = percentilesOfUnion(parts, [0.5, 0.9]);
    const expected = (...arrays: Float64Array[]) => {
      const all = arrays.flatMap((array) => [...array]).sort((x, y) => x - y);
      return [percentileCont(all, 0.5), percentileCont(all, 0.9)];
    };
    expect(result.get('sales')).toEqual(expected(a, b));
    expect(result.get('emea')).toEqual(expected(b));
    expect(result.get('co')).toEqual(expected(a, b, c));
    expect(result.get(null)).toEqual(expected(a, b, c));
    expect(result.get('idle')).toEqual([null, null]);
    expect(result.has('nobody')).toBe(false);
  });

  it('keeps ties and single values', () => {
    const result = percentilesOfUnion(
      [
        { sorted: [1, 4, 4], groups: ['x'] },
        { sorted: [4], groups: ['x', 'y'] },
      ],
      [0.5, 0.9],
    );
    expect(result.get('x')).toEqual([4, 4]);
    expect(result.get('y')).toEqual([4, 4]);
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
