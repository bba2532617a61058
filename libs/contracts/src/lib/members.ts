import { z } from 'zod';
import { instant, text, uuid } from './fields';
import { ROLES } from './organisation';

/** "role must be one of admin, change_manager, executive, connector_maintainer". */
const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** A member of an organisation as its admins see them. */
export const memberSchema = z.object({
  userId: uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  createdAt: instant,
  lastLoginAt: instant.nullable(),
});
export type Member = z.infer<typeof memberSchema>;

/** PATCH …/members/:userId. */
export const changeRoleSchema = z.strictObject({ role });
export type ChangeRole = z.infer<typeof changeRoleSchema>;

/** POST …/api-tokens. */
export const createApiTokenSchema = z.strictObject({
  name: text({ min: 1, max: 100 }).meta({ example: 'webhook from HR system' }),
  role: role.describe('What the token may do: the same rules as for a member with this role'),
  expiresInDays: z
    .number({ error: 'must be an integer number' })
    .int({ error: 'must be an integer number' })
    .min(1, { error: 'must not be less than 1' })
    .max(730, { error: 'must not be greater than 730' })
    .optional()
    .describe('Days until it expires; omit for no expiry'),
});
export type NewApiToken = z.infer<typeof createApiTokenSchema>;

export const apiTokenSchema = z.object({
  id: uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: instant,
  expiresAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
});
export type ApiTokenView = z.infer<typeof apiTokenSchema>;

/** The answer to POST …/api-tokens: the only time the secret is shown. */
export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('The secret: shown this once, stored only as a hash'),
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

/** An entry of the organisation's audit log. */
export const auditEventSchema = z.object({
  id: z.string().describe('Sequence number; pass as `before` to page on'),
  organisationId: uuid().nullable(),
  action: z.string(),
  actorUserId: uuid().nullable(),
  actorTokenId: uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  occurredAt: instant,
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const INVITATION_STATUSES = ['pending', 'expired', 'accepted', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** POST …/members: invites an address (an admin never sets anyone's password). */
export const inviteMemberSchema = z.strictObject({
  email: z
    .email({ error: 'must be an e-mail address' })
    .max(320, { error: 'must be shorter than or equal to 320 characters' })
    .meta({ example: 'new.colleague@example.com' }),
  role,
});
export type InviteMember = z.infer<typeof inviteMemberSchema>;

/** What an admin sees of an invitation: never its link (the secret goes only to the invited address). */
export const invitationSchema = z.object({
  id: uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  status: z.enum(INVITATION_STATUSES),
  createdAt: instant,
  expiresAt: instant,
});
export type InvitationView = z.infer<typeof invitationSchema>;

const invitationToken = z
  .string({ error: 'must be a string' })
  .regex(/^upi_[A-Za-z0-9_-]{43}$/, { error: 'must be the token of an invitation link' })
  .describe('The secret of the link in the invitation e-mail (upi_…)');

/** POST /invitations/lookup. */
export const invitationTokenSchema = z.strictObject({ token: invitationToken });
export type InvitationToken = z.infer<typeof invitationTokenSchema>;

/** POST /invitations/accept. */
export const acceptInvitationSchema = z.strictObject({
  token: invitationToken,
  password: text({ min: 1, max: 1024 })
    .optional()
    .meta({ format: 'password' })
    .describe(
      'New address: the password you choose (12+ characters). Existing account: its password, unless the request is signed in as that account.',
    ),
});
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;

/** What the invitation page shows before accepting. */
export const invitationPreviewSchema = z.object({
  organisationName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: instant,
  accountExists: z
    .boolean()
    .describe('An account with this e-mail exists: accepting needs its sign-in or password'),
  signedInAsInvitee: z.boolean().describe('The request is signed in as the invited account'),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptedInvitationSchema = z.object({
  organisationId: uuid(),
  organisationName: z.string(),
  role: z.enum(ROLES),
  email: z.string(),
  newAccount: z.boolean().describe('The account was created with the password chosen now'),
});
export type AcceptedInvitationView = z.infer<typeof acceptedInvitationSchema>;
