import { crossBoundaryShares } from './cross-boundary';
import type { PersonAttributes } from './types';

const person = (
  unit: string | null,
  level: number | null,
  legacyCompany: string | null,
): PersonAttributes => ({ unit, level, legacyCompany, adoptedOn: null });

// Six people; p5 has no unit, p4 no level, p6 is missing from the map (everything unknown).
const people = new Map<string, PersonAttributes>([
  ['p1', person('A', 1, 'X')],
  ['p2', person('A', 2, 'X')],
  ['p3', person('B', 2, 'Y')],
  ['p4', person('B', null, 'X')],
  ['p5', person(null, 3, 'X')],
]);

const interactions = [
  { actor: 'p1', target: 'p2', count: 4 }, // dept same,    level 1≠2 cross, company same
  { actor: 'p2', target: 'p3', count: 3 }, // dept A≠B,     level same,      company X≠Y
  { actor: 'p3', target: 'p4', count: 2 }, // dept same,    level unknown,   company Y≠X
  { actor: 'p4', target: 'p1', count: 1 }, // dept B≠A,     level unknown,   company same
  { actor: 'p5', target: 'p1', count: 5 }, // dept unknown, level 3≠1 cross, company same
  { actor: 'p6', target: 'p3', count: 6 }, // p6 unknown: in no denominator
  { actor: 'p2', target: 'p2', count: 10 }, // self-interaction: ignored
  { actor: 'p1', target: 'p3', count: 0 }, // no interaction: ignored
];

describe('crossBoundaryShares', () => {
  it('computes each share over the interactions where both values are known', () => {
    const result = crossBoundaryShares(interactions, people);

    // Totals: 4 + 3 + 2 + 1 + 5 + 6 = 21 over p1..p6.
    expect(result.totalInteractions).toBe(21);
    expect(result.distinctPeople).toBe(6);

    // Department: comparable rows 1–4 = 4 + 3 + 2 + 1 = 10; crossing rows 2, 4 = 3 + 1 = 4; people p1..p4.
    expect(result.boundaries.department).toEqual({
      crossingInteractions: 4,
      comparableInteractions: 10,
      share: 0.4,
      distinctPeople: 4,
    });
    // Hierarchy level (vertical): comparable rows 1, 2, 5 = 4 + 3 + 5 = 12; crossing rows 1, 5 = 9;
    // people p1, p2, p3, p5.
    expect(result.boundaries.hierarchyLevel).toEqual({
      crossingInteractions: 9,
      comparableInteractions: 12,
      share: 0.75,
      distinctPeople: 4,
    });
    // Legacy company: comparable rows 1–5 = 15; crossing rows 2, 3 = 3 + 2 = 5 -> 1/3; people p1..p5.
    expect(result.boundaries.legacyCompany).toMatchObject({
      crossingInteractions: 5,
      comparableInteractions: 15,
      distinctPeople: 5,
    });
    expect(result.boundaries.legacyCompany.share).toBeCloseTo(1 / 3, 12);
  });

  it('gives a null share, not 0, when nothing is comparable', () => {
    const result = crossBoundaryShares([{ actor: 'p6', target: 'p5', count: 2 }], people);

    expect(result.totalInteractions).toBe(2);
    expect(result.boundaries.department).toEqual({
      crossingInteractions: 0,
      comparableInteractions: 0,
      share: null,
      distinctPeople: 0,
    });
  });

  it('returns zero totals and null shares for empty input', () => {
    const result = crossBoundaryShares([], people);

    expect(result.totalInteractions).toBe(0);
    expect(result.distinctPeople).toBe(0);
    for (const share of Object.values(result.boundaries)) {
      expect(share).toEqual({
        crossingInteractions: 0,
        comparableInteractions: 0,
        share: null,
        distinctPeople: 0,
      });
    }
  });

  it('rejects negative or non-finite counts', () => {
    expect(() => crossBoundaryShares([{ actor: 'p1', target: 'p2', count: -1 }], people)).toThrow(RangeError);
    expect(() => crossBoundaryShares([{ actor: 'p1', target: 'p2', count: NaN }], people)).toThrow(
      RangeError,
    );
  });
});
