import { createHash, randomBytes } from 'node:crypto';

export type TokenPrefix = 'ups' | 'upt' | 'upi';

/**
 * A bearer secret: 256 random bits, prefixed so that leaked tokens are recognisable in logs and scanners
 * ('ups_' sessions, 'upt_' API tokens, 'upi_' one-time invitation links). Only its SHA-256 is stored: a fast hash is right for
 * high-entropy secrets, unlike passwords.
 */
export function newToken(prefix: TokenPrefix): { token: string; hash: Buffer } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** A session or API token (not an invitation: those are never a credential for a request). */
export function looksLikeToken(value: string): boolean {
  return /^up[st]_[A-Za-z0-9_-]{43}$/.test(value);
}

export function looksLikeInvitationToken(value: string): boolean {
  return /^upi_[A-Za-z0-9_-]{43}$/.test(value);
}
