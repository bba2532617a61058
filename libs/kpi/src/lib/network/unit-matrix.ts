import { PeopleCell, type PeopleCount } from '../disclosure/cell-key';
import { compareIds } from './compare';
import { attributeNumbers, numberNetwork, type NumberedNetwork } from './numbered-network';
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
  const network = numberNetwork(interactions, people);
  return unitInteractionMatrixOf(
    network,
    recordKeys && ((person: number) => recordKeys.get(network.ids[person]) ?? 0),
  );
}

/**
 * `unitInteractionMatrix` on an already numbered network; `recordKeyOf` (by person number) adds the cells.
 * The tallies are typed arrays and maps with numeric keys: on a 110k-pair network string-keyed maps
 * per unit and link were most of the matrix's time. A person belongs to one unit, so a unit's people are its
 * members with any interaction.
 */
export function unitInteractionMatrixOf(
  network: NumberedNetwork,
  recordKeyOf?: (person: number) => number,
): UnitInteractionMatrix {
  const { byPerson: unitOfPerson, values: unitIds } = attributeNumbers(
    network,
    (person) => person.unit ?? null,
  );
  const unitCount = unitIds.length;
  const involvement = new Float64Array(network.ids.length);
  const internal = new Float64Array(unitCount);
  const outgoing = new Float64Array(unitCount);
  const incoming = new Float64Array(unitCount);
  // Keys: source unit · units + target unit; actor · units + target unit; target · units + source unit
  // (exact below 2^53: people × units up to 9·10^15).
  const linkInteractions = new Map<number, number>();
  const actorShares = new Map<number, number>();
  const addressed = new Set<number>();
  let unassignedInteractions = 0;

  const { actors, targets, counts } = network;
  for (let i = 0; i < counts.length; i++) {
    const a = actors[i];
    const b = targets[i];
    const count = counts[i];
    const sourceUnit = unitOfPerson[a];
    const targetUnit = unitOfPerson[b];
    if (sourceUnit < 0 || targetUnit < 0) {
      unassignedInteractions += count;
      continue;
    }
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

  const keyOf = recordKeyOf ?? (() => 0);
  const unitCells = Array.from({ length: unitCount }, () => ({ people: new PeopleCell(), top: 0 }));
  for (let person = 0; person < involvement.length; person++) {
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
      unit: unitIds[unit] as string,
      internalInteractions: internal[unit],
      outgoingInteractions: outgoing[unit],
      incomingInteractions: incoming[unit],
      people: cell.people.count,
      ...(recordKeyOf ? { cells: { people: cell.people, top: cell.top } } : {}),
    });
  });
  const links: UnitInteractionMatrix['links'] = [...linkInteractions].map(([link, total]) => {
    const cell = linkCell(link);
    return {
      source: unitIds[Math.floor(link / unitCount)] as string,
      target: unitIds[link % unitCount] as string,
      interactions: total,
      actors: cell.actors.count,
      targets: cell.targets.count,
      ...(recordKeyOf ? { cells: { actors: cell.actors, targets: cell.targets, top: cell.top } } : {}),
    };
  });
  return {
    units: units.sort((a, b) => compareIds(a.unit, b.unit)),
    links: links.sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target)),
    unassignedInteractions,
  };
}
