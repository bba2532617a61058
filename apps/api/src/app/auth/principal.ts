import type { Role } from '@uptake/persistence';
import type { Request } from 'express';

/** Who is calling: a signed-in user (session) or an API token, with a role per organisation. */
export interface Principal {
  kind: 'session' | 'api';
  tokenId: string;
  /** The user of a session, or the user who created an API token. */
  userId: string | null;
  roles: ReadonlyMap<string, Role>;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

export const SESSION_COOKIE = 'uptake_session';
