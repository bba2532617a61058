import { z } from 'zod';
import { tenantIdSchema } from '../shared/ms-graph/entra-token';

export const entraIdDirectorySettings = z.strictObject({
  baseUrl: z.url().default('https://graph.microsoft.com/v1.0'),
  tokenUrl: z.url().default('https://login.microsoftonline.com'),
  tenantId: tenantIdSchema,
  /**
   * The identity key people are matched on across sources: the user principal name (what the Microsoft 365
   * usage reports name users by: the default), or the primary e-mail address (what Slack exports and
   * directory files carry) for tenants whose UPNs are not their addresses. A user without mail falls back to
   * the UPN (the run warns).
   */
  identity: z.enum(['userPrincipalName', 'mail']).default('userPrincipalName'),
  /** Users per page ($top); Graph allows up to 999. */
  pageSize: z.number().int().min(1).max(999).default(999),
});
export type EntraIdDirectorySettings = z.infer<typeof entraIdDirectorySettings>;

/** An app registration with the User.Read.All application permission (admin consent). */
export const entraIdDirectoryCredentials = z.strictObject({
  clientId: z.guid(),
  clientSecret: z.string().min(1),
});
export type EntraIdDirectoryCredentials = z.infer<typeof entraIdDirectoryCredentials>;
