import { z } from 'zod';
import { instant, text, uuid } from './fields';
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
});
export type Me = z.infer<typeof meSchema>;

/** The answer to POST /auth/login (the session secret is in an HttpOnly cookie, not here). */
export const sessionViewSchema = meSchema.extend({ expiresAt: instant });
export type SessionView = z.infer<typeof sessionViewSchema>;
