import { ROLES, type Role } from '@uptake/contracts';

export type { Role };

/** The roles in the order the selects offer them (most privileged first). */
export const ROLE_OPTIONS: readonly Role[] = ROLES;

/** How a role reads in a sentence or a select. */
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'admin',
  change_manager: 'change manager',
  executive: 'executive',
  connector_maintainer: 'connector maintainer',
};

/** The role a new member or token gets unless the admin picks another: the least privileged reader. */
export const DEFAULT_INVITE_ROLE: Role = 'executive';
