import type { OrgUnitRecord, PersonRecord } from '@uptake/connector-sdk';
import type { GraphUser } from './graph-users';
import type { EntraIdDirectorySettings } from './settings';

/** What one Graph user becomes: a directory entry, a reason it is left out, or a problem of the record. */
export type DirectoryUser =
  | { kind: 'person'; person: PersonRecord; department: OrgUnitRecord | null; mailMissing: boolean }
  | { kind: 'skipped'; reason: 'disabled' | 'guest' }
  | { kind: 'problem'; field: string; reason: string };

type Identity = EntraIdDirectorySettings['identity'];

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * A user's identity key: the UPN or the mail (setting `identity`), lower-cased; a user without mail falls
 * back to the UPN (`usedFallback`). Null when the user has neither.
 */
export function identityOf(
  user: GraphUser,
  identity: Identity,
): { key: string; usedFallback: boolean } | null {
  const upn = text(user.userPrincipalName)?.toLowerCase() ?? null;
  const mail = text(user.mail)?.toLowerCase() ?? null;
  if (identity === 'mail' && mail) return { key: mail, usedFallback: false };
  if (!upn) return null;
  return { key: upn, usedFallback: identity === 'mail' };
}

/** The org unit of a department name; its id is the name, so every user of "Finance" shares one unit. */
export function departmentUnit(department: unknown): OrgUnitRecord | null {
  const name = text(department);
  if (!name) return null;
  return {
    externalId: `entra-department:${name}`,
    name: name.slice(0, 200),
    kind: 'department',
    parentExternalId: null,
  };
}

/** `2019-04-01T00:00:00Z` -> `2019-04-01`; anything else is no start date. */
export function startDateOf(value: unknown): string | null {
  const day = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(value)?.[1] : undefined;
  return day ?? null;
}

/**
 * A Graph user as a directory entry (without its manager). Disabled accounts (accountEnabled false: people who left, service
 * accounts) and guests (#EXT# in the UPN: other organisations' people) are not employees and are left out of
 * adoption's denominator; the run counts them.
 */
export function directoryUser(user: GraphUser, identity: Identity): DirectoryUser {
  if (!text(user.id))
    return { kind: 'problem', field: 'id', reason: 'id: missing, the user has no object id' };
  const key = identityOf(user, identity);
  if (!key) return { kind: 'problem', field: 'userPrincipalName', reason: 'userPrincipalName: missing' };
  if (user.accountEnabled === false) return { kind: 'skipped', reason: 'disabled' };
  if (text(user.userPrincipalName)?.toLowerCase().includes('#ext#'))
    return { kind: 'skipped', reason: 'guest' };
  const department = departmentUnit(user.department);
  const location = text(user.officeLocation);
  return {
    kind: 'person',
    department,
    mailMissing: key.usedFallback,
    person: {
      externalId: key.key,
      orgUnitExternalId: department?.externalId ?? null,
      legacyCompanyExternalId: null,
      // Set from /users/{id}/manager once the user is known to be a person (see managerKey).
      managerExternalId: null,
      level: null,
      location: location ? location.slice(0, 200) : null,
      startDate: startDateOf(user.employeeHireDate),
      endDate: null,
    },
  };
}

/** The identity key of a user's manager (`/users/{id}/manager`), or null without one. */
export function managerKey(manager: GraphUser | null, identity: Identity): string | null {
  return manager ? (identityOf(manager, identity)?.key ?? null) : null;
}
