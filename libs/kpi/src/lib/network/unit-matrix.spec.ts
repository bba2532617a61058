import type { PersonAttributes } from './types';
import { unitInteractionMatrix } from './unit-matrix';

const inUnit = (unit: string | null): PersonAttributes => ({
  unit,
  level: null,
  legacyCompany: null,
  adoptedOn: null,
});

const people = new Map<string, PersonAttributes>([
  ['a1', inUnit('A')],
  ['a2', inUnit('A')],
  ['a3', inUnit('A')],
  ['b1', inUnit('B')],
  ['b2', inUnit('B')],
  ['c1', inUnit('C')],
  ['u1', inUnit(null)],
]);

describe('unitInteractionMatrix', () => {
  it('aggregates interactions into directed unit links and unit totals', () => {
    const result = unitInteractionMatrix(
      [
        { actor: 'a1', target: 'a2', count: 3 },
        { actor: 'a2', target: 'a1', count: 2 },
        { actor: 'a1', target: 'b1', count: 4 },
        { actor: 'a2', target: 'b1', count: 1 },
        { actor: 'a3', target: 'b2', count: 2 },
        { actor: 'b1', target: 'a1', count: 5 },
        { actor: 'b2', target: 'c1', count: 1 },
        { actor: 'u1', target: 'a1', count: 7 }, // unit unknown
        { actor: 'zz', target: 'b2', count: 2 }, // person not in the map
        { actor: 'a3', target: 'a3', count: 9 }, // self-interaction: ignored
      ],
      people,
    );

    expect(result.units).toEqual([
      // internal 3 + 2; out 4 + 1 + 2; in 5; a1, a2, a3
      { unit: 'A', internalInteractions: 5, outgoingInteractions: 7, incomingInteractions: 5, people: 3 },
      // out 5 + 1; in 4 + 1 + 2; b1, b2
      { unit: 'B', internalInteractions: 0, outgoingInteractions: 6, incomingInteractions: 7, people: 2 },
      { unit: 'C', internalInteractions: 0, outgoingInteractions: 0, incomingInteractions: 1, people: 1 },
    ]);
    expect(result.links).toEqual([
      // a1, a2, a3 -> b1, b2: 4 + 1 + 2
      { source: 'A', target: 'B', interactions: 7, actors: 3, targets: 2 },
      { source: 'B', target: 'A', interactions: 5, actors: 1, targets: 1 },
      { source: 'B', target: 'C', interactions: 1, actors: 1, targets: 1 },
    ]);
    // u1 -> a1 (7) + zz -> b2 (2)
    expect(result.unassignedInteractions).toBe(9);
  });

  it('returns an empty matrix for empty input', () => {
    expect(unitInteractionMatrix([], people)).toEqual({ units: [], links: [], unassignedInteractions: 0 });
  });
});
