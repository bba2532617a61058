import { cellOf, type PeopleCount } from '../disclosure/cell-key';
import { compareIds } from './compare';
import { countedInteractions } from './interactions';
import type { Interaction, PeopleAttributes } from './types';

/** An org unit as a node of the unit graph. */
export interface UnitNode {
  unit: string;
  /** Interactions (weighted) between two people of this unit. */
  internalInteractions: number;
  /** Interactions (weighted) from people of this unit to people of other units. */
  outgoingInteractions: number;
  /** Interactions (weighted) from people of other units to people of this unit. */
  incomingInteractions: number;
  /** Distinct people of this unit in any counted interaction (internal or not). */
  people: number;
}

/**
 * Directed link between two different units: interactions by people of `source` towards people
 * of `target`. Both directions are separate links, so an asymmetric relation stays visible (one
 * department answering another that never answers back) and it maps one to one to an ECharts
 * graph with arrows. Sum the two directions for an undirected view.
 */
export interface UnitLink {
  source: string;
  target: string;
  /** Interactions (weighted by count). */
  interactions: number;
  /** Distinct people of `source` who acted. */
  actors: number;
  /** Distinct people of `target` who were addressed. */
  targets: number;
}

/** With record keys (the cell-key method): the cells behind a unit's and a link's people counts. */
export interface UnitCells {
  people: PeopleCount;
  /** The most interactions one person of the unit took part in (the scale of magnitude perturbation). */
  top: number;
}

export interface LinkCells {
  actors: PeopleCount;
  targets: PeopleCount;
  /** The most interactions one actor contributed to the link. */
  top: number;
}

export interface UnitInteractionMatrix {
  /** Sorted by unit id. */
  units: (UnitNode & { cells?: UnitCells })[];
  /** Sorted by source, then target. */
  links: (UnitLink & { cells?: LinkCells })[];
  /** Interactions (weighted) left out because either person's unit is unknown. */
  unassignedInteractions: number;
}

/**
 * Interactions aggregated to org units: the view non-admin users get, since it shows no person.
 * The caller still applies the minimum-group-size rule to `people`, `actors` and `targets` (a link
 * whose side has one person discloses that person's activity). Interactions where either unit is
 * unknown are counted in `unassignedInteractions` only, rather than in an "unknown" unit that would
 * mix unrelated people. Self-interactions are ignored (see `countedInteractions`).
 */
export function unitInteractionMatrix(
  interactions: Iterable<Interaction>,
  people: PeopleAttributes,
  recordKeys?: ReadonlyMap<string, number>,
): UnitInteractionMatrix {
  const units = new Map<
    string,
    { internal: number; outgoing: number; incoming: number; people: Map<string, number> }
  >();
  const links = new Map<
    string,
    {
      source: string;
      target: string;
      interactions: number;
      actors: Map<string, number>;
      targets: Set<string>;
    }
  >();
  const tallyPerson = (tally: Map<string, number>, person: string, count: number) =>
    tally.set(person, (tally.get(person) ?? 0) + count);
  let unassignedInteractions = 0;

  const unitTally = (unit: string) => {
    let tally = units.get(unit);
    if (!tally) {
      tally = { internal: 0, outgoing: 0, incoming: 0, people: new Map() };
      units.set(unit, tally);
    }
    return tally;
  };

  for (const { actor, target, count } of countedInteractions(interactions)) {
    const sourceUnit = people.get(actor)?.unit ?? null;
    const targetUnit = people.get(target)?.unit ?? null;
    if (sourceUnit === null || targetUnit === null) {
      unassignedInteractions += count;
      continue;
    }
    const source = unitTally(sourceUnit);
    const destination = unitTally(targetUnit);
    tallyPerson(source.people, actor, count);
    tallyPerson(destination.people, target, count);
    if (sourceUnit === targetUnit) {
      source.internal += count;
      continue;
    }
    source.outgoing += count;
    destination.incoming += count;
    // JSON keeps the key unambiguous whatever characters unit ids contain.
    const key = JSON.stringify([sourceUnit, targetUnit]);
    let link = links.get(key);
    if (!link) {
      link = {
        source: sourceUnit,
        target: targetUnit,
        interactions: 0,
        actors: new Map(),
        targets: new Set(),
      };
      links.set(key, link);
    }
    link.interactions += count;
    tallyPerson(link.actors, actor, count);
    link.targets.add(target);
  }

  return {
    units: [...units.entries()]
      .map(([unit, tally]) => ({
        unit,
        internalInteractions: tally.internal,
        outgoingInteractions: tally.outgoing,
        incomingInteractions: tally.incoming,
        people: tally.people.size,
        ...(recordKeys
          ? { cells: { people: cellOf(tally.people.keys(), recordKeys), top: largest(tally.people) } }
          : {}),
      }))
      .sort((a, b) => compareIds(a.unit, b.unit)),
    links: [...links.values()]
      .map((link) => ({
        source: link.source,
        target: link.target,
        interactions: link.interactions,
        actors: link.actors.size,
        targets: link.targets.size,
        ...(recordKeys
          ? {
              cells: {
                actors: cellOf(link.actors.keys(), recordKeys),
                targets: cellOf(link.targets, recordKeys),
                top: largest(link.actors),
              },
            }
          : {}),
      }))
      .sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target)),
    unassignedInteractions,
  };
}

function largest(tally: ReadonlyMap<string, number>): number {
  let top = 0;
  for (const count of tally.values()) top = Math.max(top, count);
  return top;
}
