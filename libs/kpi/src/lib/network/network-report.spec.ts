import { seededRandom } from '../core/seeded-random';
import { cellOf, RECORD_KEY_MODULUS } from '../disclosure/cell-key';
import { protect } from '../disclosure/suppression';
import { champions } from './champions';
import { crossBoundaryShares } from './cross-boundary';
import type { NetworkPerson } from './network-data';
import { CHAMPIONS_CONSIDERED, EARLY_ADOPTER_SHARE, networkReport } from './network-report';
import { networkSummary } from './network-summary';
import type { Interaction } from './types';
import { unitInteractionMatrix } from './unit-matrix';

/**
 * The report numbers people once and every part reads that numbering; each part's own entry point numbers
 * them again. On random networks with people missing from the map, people of the map who never interact,
 * unknown attributes, self-interactions and zero counts, the report must say what the parts say.
 */
function randomNetwork(seed: number): { interactions: Interaction[]; people: Map<string, NetworkPerson> } {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const people = new Map<string, NetworkPerson>();
  const ids = Array.from({ length: 40 + Math.floor(random() * 80) }, (_, i) => `p${seed}-${i}`);
  for (const id of ids) {
    // one person in eight is only seen in interactions (not in the directory)
    if (random() < 0.125) continue;
    people.set(id, {
      pseudonym: `ps-${id}`,
      unit: pick(['u1', 'u2', 'u3', 'u4', null]),
      level: pick([1, 2, 3, null]),
      legacyCompany: pick(['old', 'new', null]),
      adoptedOn:
        random() < 0.7 ? `2026-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}` : null,
      recordKey: Math.floor(random() * RECORD_KEY_MODULUS),
    });
  }
  // a few people of the directory never interact
  for (let i = 0; i < 8; i++) {
    people.set(`idle${seed}-${i}`, {
      pseudonym: `ps-idle-${i}`,
      unit: pick(['u1', 'u2']),
      level: 1,
      legacyCompany: 'old',
      adoptedOn: '2026-01-01',
      recordKey: Math.floor(random() * RECORD_KEY_MODULUS),
    });
  }
  const interactions = Array.from({ length: 300 + Math.floor(random() * 600) }, () => ({
    actor: pick(ids),
    target: random() < 0.05 ? '' : pick(ids),
    count: random() < 0.05 ? 0 : 1 + Math.floor(random() * 6),
  })).map((interaction) =>
    interaction.target === '' ? { ...interaction, target: interaction.actor } : interaction,
  );
  return { interactions, people };
}

describe('networkReport', () => {
  it.each([1, 2, 3, 4, 5, 6])('says what its parts say on random network %i', (seed) => {
    const { interactions, people } = randomNetwork(seed);
    const rule = { k: 3, perturbation: true };
    const keys = new Map([...people].map(([id, person]) => [id, person.recordKey]));
    const report = networkReport(interactions, people, new Map(), rule);

    const summary = networkSummary(interactions);
    const involved = new Set(
      interactions.filter((i) => i.actor !== i.target && i.count > 0).flatMap((i) => [i.actor, i.target]),
    );
    expect(summary.people).toBe(involved.size);
    expect(report.summary).toMatchObject({
      people: protect(cellOf(involved, keys), rule),
      density: summary.density,
      averageDegree: summary.averageDegree,
      components: summary.components,
      largestComponentShare: summary.largestComponentShare,
    });

    const shares = crossBoundaryShares(interactions, people);
    for (const kind of ['department', 'hierarchyLevel', 'legacyCompany'] as const) {
      expect(report.crossing[kind]).toEqual({
        share: shares.boundaries[kind].share,
        interactions: shares.boundaries[kind].comparableInteractions,
        people: shares.boundaries[kind].distinctPeople,
      });
    }

    const matrix = unitInteractionMatrix(interactions, people, keys);
    expect(report.units.map((unit) => unit.orgUnitId)).toEqual(matrix.units.map((unit) => unit.unit));
    expect(report.units.map((unit) => unit.people)).toEqual(
      matrix.units.map((unit) => protect(unit.cells!.people, rule)),
    );
    expect(report.links.length + report.hiddenLinks).toBe(matrix.links.length);
    const shown = matrix.links.filter((link) => link.actors >= 3 && link.targets >= 3);
    expect(report.links.map((link) => [link.source, link.target])).toEqual(
      shown.map((link) => [link.source, link.target]),
    );

    const perUnit = new Map<string, number>();
    for (const champion of champions(interactions, people, {
      earlyShare: EARLY_ADOPTER_SHARE,
      top: CHAMPIONS_CONSIDERED,
    })) {
      const unit = people.get(champion.person)?.unit;
      if (unit) perUnit.set(unit, (perUnit.get(unit) ?? 0) + 1);
    }
    for (const unit of report.units) {
      if (unit.people === null) continue;
      const count = perUnit.get(unit.orgUnitId) ?? 0;
      expect(unit.champions).toBe(count > 0 && count < 3 ? null : count);
    }
  });
});
