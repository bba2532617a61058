import { z } from 'zod';
import { instant, text, uuid } from './fields';
import { localeSchema } from './locale';
import { ROLES } from './organisation';

/** POST /auth/login. */
export const loginRequestSchema = z.strictObject({
  email: z
    .email({ error: 'must be an e-mail address' })
    .max(320, { error: 'must be shorter than or equal to 320 characters' })
    .meta({ example: 'admin@demo.uptake.local' }),
  password: text({ min: 1, max: 1024 }).meta({ format: 'password' }),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const membershipViewSchema = z.object({
  organisationId: uuid(),
  organisationName: z.string(),
  role: z.enum(ROLES),
});
export type MembershipView = z.infer<typeof membershipViewSchema>;

/** GET /auth/me: who is calling (a signed-in user, or an API token) and in which organisations. */
export const meSchema = z.object({
  kind: z.enum(['session', 'api']),
  userId: uuid().nullable(),
  email: z.string().nullable(),
  memberships: z.array(membershipViewSchema),
  locale: localeSchema.describe(
    'The language this user reads: their own choice, else the default of their first organisation (by name), else en',
  ),
  preferredLocale: localeSchema
    .nullable()
    .describe(
      "The user's own choice of language; null follows the organisation's default (always null for API tokens)",
    ),
});
export type Me = z.infer<typeof meSchema>;

/** PATCH /auth/me: the signed-in user's own preferences. */
export const mePatchSchema = z.strictObject({
  locale: localeSchema.nullable().describe("null: follow the organisation's default language"),
});
export type MePatch = z.infer<typeof mePatchSchema>;

/** The answer to POST /auth/login (the session secret is in an HttpOnly cookie, not here). */
export const sessionViewSchema = meSchema.extend({ expiresAt: instant });
export type SessionView = z.infer<typeof sessionViewSchema>;
