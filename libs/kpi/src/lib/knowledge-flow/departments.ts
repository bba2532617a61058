import { topUnitsOf, type UnitNode } from '../core/top-units';

/**
 * The department each org unit counts in for the knowledge flow: its top-level unit (core/top-units.ts, the
 * rows of every "per top-level unit" breakdown). Within a scope's org unit that is the anchor's child (or the
 * anchor itself), so a division's view shows how its departments answer each other. Responders can sit
 * outside the anchor's subtree (the population is the threads' authors, not who answers them); their unit
 * then counts in its organisation-wide top-level unit, so an answer from another division is "another
 * department" rather than unknown.
 */
export function departmentsOf(units: readonly UnitNode[], anchorId: string | null): Map<string, string> {
  const inside = topUnitsOf(units, anchorId).of;
  const outside = anchorId === null ? inside : topUnitsOf(units, null).of;
  const departments = new Map<string, string>();
  for (const unit of units) {
    const department = inside.get(unit.id) ?? outside.get(unit.id);
    if (department !== undefined) departments.set(unit.id, department);
  }
  return departments;
}
