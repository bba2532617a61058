import { seededRandom as seeded } from '../core/seeded-random';
import { populationRefusal } from './addressable';
import {
  cellOf,
  complementaryHidden,
  MAX_COUNT_NOISE,
  PeopleCell,
  publishCount,
  publishMagnitude,
  RECORD_KEY_MODULUS,
  type Disclosure,
} from './cell-key';

const perturbed: Disclosure = { k: 5, perturbation: true };

function randomKeys(count: number, seed: number): Map<string, number> {
  const random = seeded(seed);
  return new Map(
    Array.from({ length: count }, (_, i) => [`p${i}`, Math.floor(random() * RECORD_KEY_MODULUS)]),
  );
}

describe('cell-key perturbation of counts', () => {
  it('shows zero as zero, withholds 1..k-1 and leaves counts exact when perturbation is off', () => {
    expect(publishCount({ count: 0, key: 123 }, perturbed)).toBe(0);
    for (let count = 1; count < 5; count++) expect(publishCount({ count, key: 99 }, perturbed)).toBeNull();
    expect(publishCount({ count: 17, key: 2 ** 31 }, 5)).toBe(17);
    expect(publishCount({ count: 17, key: 2 ** 31 }, { k: 5, perturbation: false })).toBe(17);
  });

  it('moves a count by at most ±2, never below k, with the documented noise distribution', () => {
    const random = seeded(3);
    const noise = new Map<number, number>();
    const samples = 20_000;
    for (let i = 0; i < samples; i++) {
      const count = 5 + Math.floor(random() * 500);
      const shown = publishCount(
        { count, key: Math.floor(random() * RECORD_KEY_MODULUS) },
        perturbed,
      ) as number;
      expect(Math.abs(shown - count)).toBeLessThanOrEqual(MAX_COUNT_NOISE);
      expect(shown).toBeGreaterThanOrEqual(5);
      if (count >= 7) noise.set(shown - count, (noise.get(shown - count) ?? 0) + 1);
    }
    const total = [...noise.values()].reduce((a, b) => a + b, 0);
    const share = (d: number) => (noise.get(d) ?? 0) / total;
    expect(share(0)).toBeCloseTo(0.5, 1);
    expect(share(1)).toBeCloseTo(0.2, 1);
    expect(share(-1)).toBeCloseTo(0.2, 1);
    expect(share(2) + share(-2)).toBeCloseTo(0.1, 1);
  });

  it('gives the same people the same figure however they are listed, and other people another noise', () => {
    const keys = randomKeys(200, 11);
    const ids = [...keys.keys()].slice(0, 40);
    const forwards = publishCount(cellOf(ids, keys), perturbed);
    const backwards = publishCount(cellOf([...ids].reverse(), keys), perturbed);
    expect(backwards).toBe(forwards);
    // Sets that differ by one person get independent noise: across many such pairs the figures often differ
    // even when the person is not counted in either (the count is the same, the key is not).
    let differs = 0;
    for (let extra = 40; extra < 200; extra++) {
      const other = publishCount(cellOf([...ids, `p${extra}`], keys), perturbed) as number;
      if (other - 1 !== forwards) differs++;
    }
    expect(differs).toBeGreaterThan(160 * 0.3);
  });

  it('builds the same cell key incrementally as in one go', () => {
    const keys = randomKeys(50, 5);
    const cell = new PeopleCell();
    for (const key of keys.values()) cell.add(key);
    expect(cell).toEqual(expect.objectContaining(cellOf(keys.keys(), keys)));
    expect(cell.key).toBeLessThan(RECORD_KEY_MODULUS);
  });
});

describe('cell-key perturbation of magnitudes', () => {
  it('moves a total by at most the largest single contribution and never below zero', () => {
    const random = seeded(8);
    for (let i = 0; i < 2_000; i++) {
      const total = Math.floor(random() * 1000);
      const top = Math.floor(random() * 40);
      const cell = { count: 10, key: Math.floor(random() * RECORD_KEY_MODULUS) };
      const shown = publishMagnitude(total, top, cell, perturbed);
      expect(Math.abs(shown - total)).toBeLessThanOrEqual(top);
      expect(shown).toBeGreaterThanOrEqual(0);
      expect(publishMagnitude(total, top, cell, 5)).toBe(total);
    }
  });
});

describe('complementary suppression', () => {
  it('withholds the smallest other part when the withheld parts hold fewer than k people', () => {
    // creators 3 (withheld), contributors 20, readers 8, inactive 69: 3 = total − the rest, so 8 goes too.
    expect(complementaryHidden([3, 20, 8, 69], 5)).toEqual([true, false, true, false]);
    // two withheld parts with 6 people together: nothing more to hide
    expect(complementaryHidden([3, 20, 3, 69], 5)).toEqual([true, false, true, false]);
    expect(complementaryHidden([30, 20, 8, 69], 5)).toEqual([false, false, false, false]);
    // zeros disclose nothing and are never chosen as the complement
    expect(complementaryHidden([2, 0, 40], 5)).toEqual([true, false, true]);
  });

  it('counts never-published parts (a unit’s own people) as withheld', () => {
    expect(complementaryHidden([1, 30, 12], 5, [true])).toEqual([true, false, true]);
    expect(complementaryHidden([0, 30, 12], 5, [true])).toEqual([true, false, false]);
  });
});

describe('minimum population and difference rules', () => {
  it('refuses populations of 1..k-1 people and ones 1..k-1 people away from another', () => {
    expect(populationRefusal({ population: 4, organisation: 100 }, 5)).toMatch(/holds 4 people/);
    expect(populationRefusal({ population: 97, organisation: 100 }, 5)).toMatch(/whole organisation by 3/);
    expect(populationRefusal({ population: 20, organisation: 100, parentUnit: 22 }, 5)).toMatch(
      /parent org unit by 2/,
    );
    expect(
      populationRefusal({ population: 20, organisation: 100, unitAlone: 21, groupAlone: 60 }, 5),
    ).toMatch(/org unit on its own by 1/);
    expect(populationRefusal({ population: 20, organisation: 100, parentUnit: 40 }, 5)).toBeNull();
    expect(populationRefusal({ population: 0, organisation: 100 }, 5)).toBeNull();
    expect(populationRefusal({ population: 100, organisation: 100 }, 5)).toBeNull();
  });
});
