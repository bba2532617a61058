import type { ReadContext } from '@uptake/connector-sdk';
import { z } from 'zod';
import { tenantIdSchema } from '../shared/ms-graph/entra-token';

export const msTeamsSettings = z.strictObject({
  baseUrl: z.url().default('https://graph.microsoft.com/v1.0').describe('The Microsoft Graph API root'),
  tokenUrl: z.url().default('https://login.microsoftonline.com').describe('The Entra ID token endpoint'),
  tenantId: tenantIdSchema.describe('The directory (tenant) id, or one of its verified domains'),
  /**
   * The identity key people are matched on: set it as in the entra-id-directory source of the tenant, so a
   * person in Teams is the same person as in the directory and the usage reports.
   */
  identity: z
    .enum(['userPrincipalName', 'mail'])
    .default('userPrincipalName')
    .describe('User property people are keyed by (lower-cased): as in the Entra ID directory source'),
  /** Only these teams (Entra group ids of teams); all teams of the tenant (`GET /teams`) when absent. */
  teams: z.array(z.guid()).min(1).max(1_000).optional().describe('Only these teams (group ids)'),
  /** Messages per delta page ($top); Graph allows up to 50. */
  pageSize: z.number().int().min(1).max(50).default(50).describe('Messages per page ($top, at most 50)'),
  /** Delta pages read per run; the next run continues where this one stopped. */
  maxPagesPerRun: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(5_000)
    .describe('Message pages read per run; the next run continues from there'),
  /** Replies read per message; a longer thread keeps its first ones and the run warns. */
  maxRepliesPerMessage: z.number().int().min(1).max(10_000).default(1_000),
  /** Members listed per team or channel; a larger one is stored without members and the run warns. */
  maxMembersPerGroup: z.number().int().min(1).max(100_000).default(10_000),
  /** Teams and channels read per run (bounds on lists the tenant controls). */
  maxTeams: z.number().int().min(1).max(100_000).default(5_000),
  maxChannelsPerTeam: z.number().int().min(1).max(1_000).default(1_000),
  /**
   * Also read the 1:1, group and meeting chats of the tenant's users (`GET /users/{id}/chats/getAllMessages`),
   * as private `chat` activity. Needs the protected application permission Chat.Read.All (Microsoft approves
   * protected Teams APIs per app); off by default.
   */
  includeChats: z
    .boolean()
    .default(false)
    .describe('Also read chats (1:1, group, meeting) as private chat activity: needs Chat.Read.All'),
  /**
   * Graph's licensing and payment model for getAllMessages (the `model` query parameter): `evaluation` (no
   * parameter: Graph's evaluation mode, a small monthly allowance), `B` (billed per message to the app's Azure
   * subscription: any use) or `A` (security and compliance apps only, with licensed senders).
   */
  chatsModel: z
    .enum(['evaluation', 'A', 'B'])
    .default('evaluation')
    .describe('Licensing and payment model for chat messages (model=A or B; evaluation: none)'),
  /** Users whose chats are read per pass (a bound on the user list the tenant controls). */
  maxChatUsers: z.number().int().min(1).max(100_000).default(50_000),
});
export type MsTeamsSettings = z.infer<typeof msTeamsSettings>;

/**
 * An app registration with the application permissions Team.ReadBasic.All, Channel.ReadBasic.All,
 * TeamMember.Read.All, ChannelMember.Read.All, ChannelMessage.Read.All and User.Read.All (admin consent),
 * and Chat.Read.All when chats are read (includeChats).
 */
export const msTeamsCredentials = z.strictObject({
  clientId: z.guid(),
  clientSecret: z.string().min(1),
});
export type MsTeamsCredentials = z.infer<typeof msTeamsCredentials>;

export type Context = ReadContext<MsTeamsSettings, MsTeamsCredentials>;
