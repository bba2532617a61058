import type { Role } from '@uptake/persistence';

/**
 * The pure rules of an SSO sign-in, kept apart from HTTP and storage so each is tested on its own.
 */

/** Longest returnTo kept; a longer one is refused rather than cut (a cut path would land elsewhere). */
export const RETURN_TO_MAX_LENGTH = 2_000;

const BASE = 'https://uptake.invalid';

/**
 * The path to send the browser to after sign-in, or null when `value` is not a path of this site.
 *
 * Only a relative path starting with one "/" passes: "//evil.example" and "/\evil.example" are
 * protocol-relative in browsers (an open redirect), so are absolute URLs and "javascript:"; backslashes and
 * control characters are refused outright because browsers rewrite them before resolving. Nothing given
 * means the dashboard's start page; anything but one string (a repeated query parameter) is refused.
 */
export function safeReturnTo(value: unknown): string | null {
  if (value === undefined || value === '') return '/';
  if (typeof value !== 'string') return null;
  if (value.length > RETURN_TO_MAX_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * From most to least privileged: the order that settles several matching claim values. A connector
 * maintainer's rights are not part of the KPI readers', so it ranks last: it wins only when nothing else
 * matches.
 */
export const ROLE_PRECEDENCE: readonly Role[] = [
  'admin',
  'change_manager',
  'executive',
  'connector_maintainer',
];

/** The string values of a claim that is a string or a list (others, such as objects, are ignored). */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((value): value is string => typeof value === 'string');
  return [];
}

/**
 * The role of a member created by their first SSO sign-in: among the mapping's roles for the values of
 * `roleClaim`, the most privileged (ROLE_PRECEDENCE); none matching (or no claim configured), defaultRole.
 */
export function mappedRole(
  claims: Record<string, unknown>,
  settings: { roleClaim: string | null; roleMapping: Record<string, Role>; defaultRole: Role },
): Role {
  if (!settings.roleClaim) return settings.defaultRole;
  const matched = new Set(
    claimValues(claims[settings.roleClaim])
      .filter((value) => Object.hasOwn(settings.roleMapping, value))
      .map((value) => settings.roleMapping[value]),
  );
  return ROLE_PRECEDENCE.find((role) => matched.has(role)) ?? settings.defaultRole;
}

/** The lower-cased e-mail of the ID token, or undefined when it has none that looks like one. */
export function claimedEmail(claims: Record<string, unknown>): string | undefined {
  const email = claims['email'];
  if (typeof email !== 'string') return undefined;
  const normalised = email.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalised) && normalised.length <= 320 ? normalised : undefined;
}

/** Whether the e-mail's domain is one of `domains` exactly (no sub-domains); an empty list allows any. */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return domains.includes(domain);
}
