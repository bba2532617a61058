import type { ApiTokenView, NewApiToken } from '@uptake/contracts';
import type { Role } from './roles';

/** The fields of the create-token form, as the API names them in its 400s. */
export const TOKEN_FIELDS = ['name', 'role', 'expiresInDays'] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

/** What the inputs hold: text, as typed. */
export interface TokenDraft {
  name: string;
  role: Role;
  /** Days until it expires; empty for no expiry (the API allows 1 to 730). */
  expiresInDays: string;
}

/**
 * The POST body. An empty expiry is left out (no expiry); a whole number is sent as a number; anything else is
 * sent as typed, so that the API's message (naming the field) is shown rather than a guess of ours.
 */
export function tokenBody(draft: TokenDraft): NewApiToken {
  const days = draft.expiresInDays.trim();
  const body: Record<string, unknown> = { name: draft.name.trim(), role: draft.role };
  if (days !== '') body['expiresInDays'] = /^\d+$/.test(days) ? Number(days) : days;
  return body as NewApiToken;
}

export type TokenExpiry =
  { kind: 'never' } | { kind: 'expires'; at: string } | { kind: 'expired'; at: string };

/** One row of the tokens table: an expired token is still listed (until revoked) but no longer works. */
export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  created: string;
  lastUsed: string | null;
  expiry: TokenExpiry;
}

export function tokenRows(tokens: readonly ApiTokenView[], now: Date): TokenRow[] {
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role,
    created: t.createdAt,
    lastUsed: t.lastUsedAt,
    expiry:
      t.expiresAt === null
        ? { kind: 'never' }
        : Date.parse(t.expiresAt) <= now.getTime()
          ? { kind: 'expired', at: t.expiresAt }
          : { kind: 'expires', at: t.expiresAt },
  }));
}
