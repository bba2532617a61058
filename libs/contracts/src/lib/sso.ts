import { z } from 'zod';
import { got, instant, oneOf, text } from './fields';
import { ROLES } from './organisation';

/** Bounds of the SSO settings: every list a request stores or returns has a cap. */
export const SSO_LIMITS = {
  issuerMaxLength: 500,
  clientIdMaxLength: 500,
  clientSecretMaxLength: 2_000,
  scopesMaxLength: 500,
  claimMaxLength: 100,
  roleMappingMaxEntries: 100,
  claimValueMaxLength: 200,
  allowedEmailDomainsMax: 50,
} as const;

/** The scopes asked for when an organisation sets none: the ID token then carries e-mail and name. */
export const DEFAULT_SSO_SCOPES = 'openid email profile';

/**
 * The role of a member created by their first SSO sign-in when no role mapping matches: executive, the
 * least privileged role that reads anything (aggregates only, never person-level data).
 */
export const DEFAULT_SSO_ROLE = 'executive' as const;

/**
 * The WHATWG URL parser, present in every runtime the contracts run in (Node and browsers); declared here
 * because this library is compiled without the DOM or Node type libraries.
 */
declare const URL: new (input: string) => {
  protocol: string;
  hostname: string;
  search: string;
  hash: string;
  username: string;
  password: string;
};

/** Hosts where an http:// issuer is accepted (a provider on the same machine: development and tests). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why an issuer URL is refused, or null. HTTPS only (the ID token's keys come from it), except on the loopback
 * interface; no query or fragment, since the issuer is compared character for character with the `iss` claim.
 */
export function issuerProblem(value: string): string | null {
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(value);
  } catch {
    return `must be a URL like https://login.example.com/realm (got ${got(value)})`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    return 'must be an https:// URL (http:// only for localhost)';
  if (url.search || url.hash || url.username || url.password)
    return 'must not contain a query, fragment or credentials';
  return null;
}

const issuer = text({ min: 1, max: SSO_LIMITS.issuerMaxLength })
  .trim()
  .superRefine((value, ctx) => {
    const problem = issuerProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  })
  .meta({ format: 'uri', example: 'https://login.microsoftonline.com/<tenant-id>/v2.0' })
  .describe(
    "The OpenID provider's issuer; its /.well-known/openid-configuration is read at sign-in (cached for an hour)",
  );

/** Printable, no spaces: what OAuth allows in a client id or a scope token. */
const TOKEN = /^[\x21-\x7e]+$/;

const scopes = text({ min: 1, max: SSO_LIMITS.scopesMaxLength })
  .trim()
  .refine((value) => value.split(/\s+/).every((scope) => TOKEN.test(scope)), {
    error: 'must be scope names separated by spaces',
  })
  .refine((value) => value.split(/\s+/).includes('openid'), { error: 'must include openid' })
  .meta({ example: DEFAULT_SSO_SCOPES });

const role = oneOf(ROLES);

const emailDomain = text({ min: 3, max: 253 })
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: 'must be a domain name like example.com',
  });

const roleMapping = z
  .record(text({ min: 1, max: SSO_LIMITS.claimValueMaxLength }), role)
  .refine((mapping) => Object.keys(mapping).length <= SSO_LIMITS.roleMappingMaxEntries, {
    error: `must have at most ${SSO_LIMITS.roleMappingMaxEntries} entries`,
  })
  .meta({ example: { 'uptake-admins': 'admin', 'uptake-managers': 'change_manager' } })
  .describe(
    'Claim value → role. A member gets the most privileged role among the values their claim holds ' +
      '(admin > change_manager > executive; connector_maintainer only when nothing else matches); ' +
      'none matching: defaultRole',
  );

/** PUT /organisations/:organisationId/sso: the whole setting (the client secret may be left out to keep it). */
export const ssoSettingsInputSchema = z.strictObject({
  issuer,
  clientId: text({ min: 1, max: SSO_LIMITS.clientIdMaxLength })
    .trim()
    .regex(TOKEN, { error: 'must be printable characters without spaces' }),
  clientSecret: text({ min: 1, max: SSO_LIMITS.clientSecretMaxLength })
    .optional()
    .meta({ format: 'password', writeOnly: true })
    .describe(
      'Write-only: stored encrypted (UPTAKE_SECRET_KEY), never returned. Required the first time; left out, the stored one is kept',
    ),
  scopes: scopes.default(DEFAULT_SSO_SCOPES),
  defaultRole: role.default(DEFAULT_SSO_ROLE).describe('Role of a new member whose claims map to no role'),
  roleClaim: text({ min: 1, max: SSO_LIMITS.claimMaxLength })
    .trim()
    .nullable()
    .default(null)
    .meta({ example: 'groups' })
    .describe('ID-token claim (a string or a list of strings) that roleMapping reads, e.g. groups or roles'),
  roleMapping: roleMapping.default({}),
  allowedEmailDomains: z
    .array(emailDomain)
    .max(SSO_LIMITS.allowedEmailDomainsMax, {
      error: `must have at most ${SSO_LIMITS.allowedEmailDomainsMax} domains`,
    })
    .default([])
    .describe('Empty: any e-mail the provider vouches for; otherwise the e-mail must be in one of these'),
  localPasswords: z
    .boolean({ error: 'must be true or false' })
    .default(true)
    .describe(
      'false: members reach this organisation only through SSO; a password sign-in does not reach it, ' +
        "except for its admins (break-glass, audited as auth.sso_break_glass in the organisation's log)",
    ),
});
export type SsoSettingsInput = z.input<typeof ssoSettingsInputSchema>;
export type SsoSettingsInputParsed = z.output<typeof ssoSettingsInputSchema>;

/** GET/PUT /organisations/:organisationId/sso: the settings without the secret, and what to register at the IdP. */
export const ssoSettingsSchema = z.object({
  organisationId: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.literal(true).describe('The secret itself is never returned'),
  scopes: z.string(),
  defaultRole: z.enum(ROLES),
  roleClaim: z.string().nullable(),
  roleMapping: z.record(z.string(), z.enum(ROLES)),
  allowedEmailDomains: z.array(z.string()),
  localPasswords: z.boolean(),
  redirectUri: z.string().describe('Register this as the redirect (reply) URI of the client at the provider'),
  signInUrl: z.string().describe('Where a member starts an SSO sign-in (the dashboard links here)'),
  updatedAt: instant,
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

/**
 * Why an SSO sign-in ended at `/sign-in?error=<code>` (never a stack): the dashboard shows a sentence for each.
 */
export const SSO_ERROR_CODES = [
  'sso_not_configured',
  'sso_return_to_invalid',
  'sso_state_invalid',
  'sso_denied',
  'sso_provider_unavailable',
  'sso_token_invalid',
  'sso_email_missing',
  'sso_email_domain',
  'sso_email_unverified',
  'sso_account_conflict',
  'sso_account_disabled',
  'sso_failed',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];
