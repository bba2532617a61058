import { ROLES, type Role } from '@uptake/persistence';

/**
 * Which roles' rights each role includes: an admin may do everything; a change manager everything an
 * executive may (the access-control suite checks this against every route's policy); a connector
 * maintainer's rights (sources and runs) share nothing with the KPI readers'.
 */
const INCLUDES: Record<Role, readonly Role[]> = {
  admin: ROLES,
  change_manager: ['change_manager', 'executive'],
  executive: ['executive'],
  connector_maintainer: ['connector_maintainer'],
};

/** The role with the rights both roles have, or null when they share none. */
export function lesserRole(a: Role, b: Role): Role | null {
  if (INCLUDES[a].includes(b)) return b;
  if (INCLUDES[b].includes(a)) return a;
  return null;
}

/** Whether `role` has every right of `other`. */
export function includesRole(role: Role, other: Role): boolean {
  return INCLUDES[role].includes(other);
}
