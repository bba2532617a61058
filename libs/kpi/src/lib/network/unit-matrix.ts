import { PeopleCell, type PeopleCount } from '../disclosure/cell-key';
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
  // People with a unit and the units are numbered once, so the tallies below are typed arrays and maps
  // with numeric keys: at 10M events (about 110k pairs) string-keyed maps per unit and link were most of the
  // matrix's time. A person belongs to one unit, so a unit's people are its members with any interaction.
  const personIndex = new Map<string, number>();
  const personIds: string[] = [];
  const unitIndex = new Map<string, number>();
  const unitIds: string[] = [];
  const unitOfPerson: number[] = [];
  for (const [person, attributes] of people) {
    if (attributes.unit === null) continue;
    let unit = unitIndex.get(attributes.unit);
    if (unit === undefined) {
      unit = unitIds.length;
      unitIndex.set(attributes.unit, unit);
      unitIds.push(attributes.unit);
    }
    personIndex.set(person, personIds.length);
    personIds.push(person);
    unitOfPerson.push(unit);
  }
  const unitCount = unitIds.length;
  const involvement = new Float64Array(personIds.length);
  const internal = new Float64Array(unitCount);
  const outgoing = new Float64Array(unitCount);
  const incoming = new Float64Array(unitCount);
  // Keys: source unit · units + target unit; actor · units + target unit; target · units + source unit
  // (exact below 2^53: people × units up to 9·10^15).
  const linkInteractions = new Map<number, number>();
  const actorShares = new Map<number, number>();
  const addressed = new Set<number>();
  let unassignedInteractions = 0;

  for (const { actor, target, count } of countedInteractions(interactions)) {
    const a = personIndex.get(actor);
    const b = personIndex.get(target);
    if (a === undefined || b === undefined) {
      unassignedInteractions += count;
      continue;
    }
    const sourceUnit = unitOfPerson[a];
    const targetUnit = unitOfPerson[b];
    involvement[a] += count;
    involvement[b] += count;
    if (sourceUnit === targetUnit) {
      internal[sourceUnit] += count;
      continue;
    }
    outgoing[sourceUnit] += count;
    incoming[targetUnit] += count;
    const link = sourceUnit * unitCount + targetUnit;
    linkInteractions.set(link, (linkInteractions.get(link) ?? 0) + count);
    const share = a * unitCount + targetUnit;
    actorShares.set(share, (actorShares.get(share) ?? 0) + count);
    addressed.add(b * unitCount + sourceUnit);
  }

  const keyOf = (person: number) => recordKeys?.get(personIds[person]) ?? 0;
  const unitCells = Array.from({ length: unitCount }, () => ({ people: new PeopleCell(), top: 0 }));
  for (let person = 0; person < personIds.length; person++) {
    if (involvement[person] === 0) continue;
    const cell = unitCells[unitOfPerson[person]];
    cell.people.add(keyOf(person));
    cell.top = Math.max(cell.top, involvement[person]);
  }
  const linkCells = new Map<number, { actors: PeopleCell; targets: PeopleCell; top: number }>();
  const linkCell = (link: number) => {
    let cell = linkCells.get(link);
    if (!cell) {
      cell = { actors: new PeopleCell(), targets: new PeopleCell(), top: 0 };
      linkCells.set(link, cell);
    }
    return cell;
  };
  for (const [share, total] of actorShares) {
    const actor = Math.floor(share / unitCount);
    const cell = linkCell(unitOfPerson[actor] * unitCount + (share % unitCount));
    cell.actors.add(keyOf(actor));
    cell.top = Math.max(cell.top, total);
  }
  for (const key of addressed) {
    const target = Math.floor(key / unitCount);
    linkCell((key % unitCount) * unitCount + unitOfPerson[target]).targets.add(keyOf(target));
  }

  const units: UnitInteractionMatrix['units'] = [];
  unitCells.forEach((cell, unit) => {
    if (cell.people.count === 0) return;
    units.push({
      unit: unitIds[unit],
      internalInteractions: internal[unit],
      outgoingInteractions: outgoing[unit],
      incomingInteractions: incoming[unit],
      people: cell.people.count,
      ...(recordKeys ? { cells: { people: cell.people, top: cell.top } } : {}),
    });
  });
  const links: UnitInteractionMatrix['links'] = [...linkInteractions].map(([link, total]) => {
    const cell = linkCell(link);
    return {
      source: unitIds[Math.floor(link / unitCount)],
      target: unitIds[link % unitCount],
      interactions: total,
      actors: cell.actors.count,
      targets: cell.targets.count,
      ...(recordKeys ? { cells: { actors: cell.actors, targets: cell.targets, top: cell.top } } : {}),
    };
  });
  return {
    units: units.sort((a, b) => compareIds(a.unit, b.unit)),
    links: links.sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target)),
    unassignedInteractions,
  };
}
