import type { DataSource } from 'typeorm';

/** An org unit as the directory holds it: `path` is '/root-id/…/own-id/' (set by a trigger). */
export interface DirectoryUnit {
  id: string;
  name: string;
  kind: string;
  path: string;
}

/** knowledge-flow/ imports the unit under this name (not exported from the package: network has a UnitNode). */
export type UnitNode = DirectoryUnit;

/** The units a breakdown "per top-level unit" shows, and each directory unit's one among them. */
export interface TopUnits {
  /** Top unit of each org unit (by id). Units outside the anchor's subtree are missing. */
  of: Map<string, string>;
  names: Map<string, string>;
}

function pathIds(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

/**
 * The top-level units of a breakdown. Within a scope's org unit (`anchorId`): its children, and the unit
 * itself for the people attached to it directly. For the whole organisation: the first unit on each path
 * that is not of kind 'organisation'. A directory usually has the company itself as its root, and one row
 * holding everyone says nothing; its divisions (and separate roots such as legacy companies) are the rows.
 */
export function topUnitsOf(units: readonly DirectoryUnit[], anchorId: string | null): TopUnits {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const of = new Map<string, string>();
  for (const unit of units) {
    const ids = pathIds(unit.path);
    let top: string | undefined;
    if (anchorId !== null) {
      const at = ids.indexOf(anchorId);
      if (at === -1) continue; // outside the scope's subtree: nobody of the population is there
      top = ids[at + 1] ?? anchorId;
    } else {
      top = ids.find((id) => byId.get(id)?.kind !== 'organisation') ?? ids.at(-1);
    }
    if (top !== undefined) of.set(unit.id, top);
  }
  return { of, names };
}

/** The organisation's units (id, name, kind, path): the directory, a few thousand rows at most. */
export async function loadUnitNodes(
  dataSource: DataSource,
  organisationId: string,
): Promise<DirectoryUnit[]> {
  return dataSource.query('SELECT id, name, kind, path FROM org_units WHERE organisation_id = $1', [
    organisationId,
  ]);
}

/** The row name of people without a unit in the directory (as the retention breakdown calls them). */
export const NO_UNIT = 'No unit in the directory';

/** At most this many units in a breakdown (largest first), so a flat directory cannot return thousands. */
export const MAX_BREAKDOWN_ROWS = 200;
