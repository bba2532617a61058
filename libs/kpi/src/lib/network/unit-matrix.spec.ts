import { seededRandom } from '../core/seeded-random';
import { RECORD_KEY_MODULUS } from '../disclosure/cell-key';
import type { Interaction, PeopleAttributes, PersonAttributes } from './types';
import { unitInteractionMatrix } from './unit-matrix';

const link = (actor: string, target: string, count: number): Interaction => ({ actor, target, count });

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

describe('unitInteractionMatrix on random networks', () => {
  /** The matrix by its definition, person by person with string keys: the reference. */
  function reference(
    interactions: Interaction[],
    people: PeopleAttributes,
    keys: ReadonlyMap<string, number>,
  ) {
    const unitOf = (person: string) => people.get(person)?.unit ?? null;
    const counted = interactions.filter((i) => i.actor !== i.target && i.count > 0);
    const known = counted.filter((i) => unitOf(i.actor) !== null && unitOf(i.target) !== null);
    const cell = (ids: Iterable<string>) => {
      const list = [...new Set(ids)];
      return {
        count: list.length,
        key: list.reduce((sum, id) => (sum + (keys.get(id) ?? 0)) % RECORD_KEY_MODULUS, 0),
      };
    };
    const sum = (rows: Interaction[]) => rows.reduce((total, row) => total + row.count, 0);
    const involvement = (person: string, rows: Interaction[]) =>
      sum(rows.filter((row) => row.actor === person || row.target === person));
    const unitIds = [
      ...new Set(known.flatMap((i) => [unitOf(i.actor) as string, unitOf(i.target) as string])),
    ];
    const units = unitIds.sort().map((unit) => {
      const members = [...new Set(known.flatMap((i) => [i.actor, i.target]))].filter(
        (p) => unitOf(p) === unit,
      );
      return {
        unit,
        internalInteractions: sum(known.filter((i) => unitOf(i.actor) === unit && unitOf(i.target) === unit)),
        outgoingInteractions: sum(known.filter((i) => unitOf(i.actor) === unit && unitOf(i.target) !== unit)),
        incomingInteractions: sum(known.filter((i) => unitOf(i.actor) !== unit && unitOf(i.target) === unit)),
        people: members.length,
        cells: { people: cell(members), top: Math.max(...members.map((p) => involvement(p, known))) },
      };
    });
    const links = unitIds.flatMap((source) =>
      unitIds
        .filter((target) => target !== source)
        .map((target) => {
          const rows = known.filter((i) => unitOf(i.actor) === source && unitOf(i.target) === target);
          const actors = [...new Set(rows.map((row) => row.actor))];
          return {
            source,
            target,
            interactions: sum(rows),
            actors: actors.length,
            targets: new Set(rows.map((row) => row.target)).size,
            cells: {
              actors: cell(actors),
              targets: cell(rows.map((row) => row.target)),
              top: Math.max(...actors.map((actor) => sum(rows.filter((row) => row.actor === actor)))),
            },
          };
        })
        .filter((link) => link.interactions > 0),
    );
    return { units, links, unassignedInteractions: sum(counted) - sum(known) };
  }

  it('gives the figures and cells of the definition', () => {
    const random = seededRandom(23);
    for (const [size, unitCount, rows] of [
      [6, 2, 10],
      [40, 5, 200],
      [120, 12, 900],
    ]) {
      const people = new Map(
        Array.from({ length: size }, (_, i) => [
          `p${i}`,
          inUnit(random() < 0.1 ? null : `unit-${Math.floor(random() * unitCount)}`),
        ]),
      );
      const keys = new Map([...people.keys()].map((id) => [id, Math.floor(random() * RECORD_KEY_MODULUS)]));
      // Some interactions involve people outside the map (unit unknown).
      const person = () => `p${Math.floor(random() * (size + 3))}`;
      const interactions = Array.from({ length: rows }, () =>
        link(person(), person(), Math.floor(random() * 4)),
      );
      const actual = unitInteractionMatrix(interactions, people, keys);
      expect(JSON.parse(JSON.stringify(actual))).toEqual(reference(interactions, people, keys));
    }
  });
});
