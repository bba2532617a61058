import { ROLES, type Role } from '@uptake/contracts';

export type { Role };

/** The roles in the order the selects offer them (most privileged first). */
export const ROLE_OPTIONS: readonly Role[] = ROLES;

/**
 * How a role reads in a sentence or a select, in the page's language. A function, not a constant: a
 * translated text is looked up when asked for, so it follows translations loaded after this module.
 */
export function roleName(role: Role): string {
  switch (role) {
    case 'admin':
      return $localize`:@@admin.role.admin:admin`;
    case 'change_manager':
      return $localize`:@@admin.role.changeManager:change manager`;
    case 'executive':
      return $localize`:@@admin.role.executive:executive`;
    case 'connector_maintainer':
      return $localize`:@@admin.role.connectorMaintainer:connector maintainer`;
  }
}

/** The role a new member or token gets unless the admin picks another: the least privileged reader. */
export const DEFAULT_INVITE_ROLE: Role = 'executive';
