import {
  DEFAULT_SSO_ROLE,
  DEFAULT_SSO_SCOPES,
  SSO_LIMITS,
  type SsoSettings,
  type SsoSettingsInput,
} from '@uptake/contracts';
import type { Role } from './roles';

/** The callback every provider redirects to (the API's SSO_CALLBACK_PATH). */
export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

/** The fields of the SSO form in their order on the page (the API names them in its 400s). */
export const SSO_FIELDS = [
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'defaultRole',
  'roleClaim',
  'roleMapping',
  'allowedEmailDomains',
  'localPasswords',
] as const;
export type SsoField = (typeof SSO_FIELDS)[number];

/** One row of the role mapping: a value of the role claim and the role it gives. */
export interface RoleMappingRow {
  value: string;
  role: Role;
}

/** What the form holds: text as typed, the mapping as rows. */
export interface SsoDraft {
  issuer: string;
  clientId: string;
  /** Write-only: empty keeps the stored secret (the API never returns it). */
  clientSecret: string;
  scopes: string;
  defaultRole: Role;
  roleClaim: string;
  roleMapping: RoleMappingRow[];
  /** Separated by commas, spaces or new lines. */
  allowedEmailDomains: string;
  localPasswords: boolean;
}

/** The form for the saved settings, or the API's defaults when single sign-on is not set up. */
export function ssoDraftOf(settings: SsoSettings | undefined): SsoDraft {
  return {
    issuer: settings?.issuer ?? '',
    clientId: settings?.clientId ?? '',
    clientSecret: '',
    scopes: settings?.scopes ?? DEFAULT_SSO_SCOPES,
    defaultRole: settings?.defaultRole ?? DEFAULT_SSO_ROLE,
    roleClaim: settings?.roleClaim ?? '',
    roleMapping: Object.entries(settings?.roleMapping ?? {}).map(([value, role]) => ({ value, role })),
    allowedEmailDomains: (settings?.allowedEmailDomains ?? []).join(', '),
    localPasswords: settings?.localPasswords ?? true,
  };
}

/**
 * The PUT body. The secret is sent only when typed (left out, the API keeps the stored one); an empty role
 * claim is null (no mapping read); mapping rows without a value are left out (a row just added); domains are
 * split on commas and white space. The API checks the rest and names the field in its 400.
 */
export function ssoBody(draft: SsoDraft): SsoSettingsInput {
  const roleClaim = draft.roleClaim.trim();
  const mapping = draft.roleMapping
    .map((row) => ({ value: row.value.trim(), role: row.role }))
    .filter((row) => row.value !== '');
  return {
    issuer: draft.issuer.trim(),
    clientId: draft.clientId.trim(),
    ...(draft.clientSecret === '' ? {} : { clientSecret: draft.clientSecret }),
    scopes: draft.scopes.trim() || DEFAULT_SSO_SCOPES,
    defaultRole: draft.defaultRole,
    roleClaim: roleClaim === '' ? null : roleClaim,
    roleMapping: Object.fromEntries(mapping.map((row) => [row.value, row.role])),
    allowedEmailDomains: draft.allowedEmailDomains
      .split(/[\s,]+/)
      .map((domain) => domain.trim())
      .filter((domain) => domain !== ''),
    localPasswords: draft.localPasswords,
  };
}

/**
 * Claim values given twice: an object has one key per value, so the later row would silently win. The page
 * names them instead of sending.
 */
export function duplicateMappingValues(rows: readonly RoleMappingRow[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const row of rows) {
    const value = row.value.trim();
    if (value === '') continue;
    if (seen.has(value)) twice.add(value);
    seen.add(value);
  }
  return [...twice];
}

/** At most this many mapping rows can be added (the API's cap). */
export const MAX_MAPPING_ROWS = SSO_LIMITS.roleMappingMaxEntries;

/**
 * The redirect URI to register at the provider. The saved settings carry the API's own (built from its
 * PUBLIC_URL); before the first save it is this dashboard's origin, which is the same unless the API is
 * published under another address.
 */
export function redirectUriOf(
  settings: SsoSettings | undefined,
  origin: string,
): { uri: string; confirmed: boolean } {
  return settings
    ? { uri: settings.redirectUri, confirmed: true }
    : { uri: `${origin}${SSO_CALLBACK_PATH}`, confirmed: false };
}
