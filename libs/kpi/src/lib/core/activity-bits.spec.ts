import { anyIn, countIn, setBits } from './activity-bits';
import { seededRandom as seeded } from './seeded-random';

describe('activity bit sets', () => {
  it('answer range questions like a scan of the days', () => {
    const random = seeded(7);
    const bits = new Uint32Array(5);
    const set = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const index = Math.floor(random() * 160);
      set.add(index);
      bits[index >>> 5] |= 1 << (index & 31);
    }
    for (let i = 0; i < 500; i++) {
      const a = Math.floor(random() * 160);
      const b = a + Math.floor(random() * (160 - a));
      const inside = [...set].filter((x) => x >= a && x <= b).length;
      expect(countIn(bits, [a, b])).toBe(inside);
      expect(anyIn(bits, [a, b])).toBe(inside > 0);
    }
    expect(setBits(bits)).toEqual([...set].sort((x, y) => x - y));
    expect(anyIn(bits, null)).toBe(false);
  });
});
