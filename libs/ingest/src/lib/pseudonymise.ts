import { createHmac } from 'node:crypto';

/**
 * Replaces a source's user id (Slack U123, an AAD object id, an e-mail) by a keyed hash that is stable
 * within one organisation and unlinkable across organisations. Input is trimmed and lower-cased so the
 * same person from two sources (e-mail in HR export, e-mail in Graph report) maps to one pseudonym.
 */
export function pseudonymise(organisationKey: Buffer, externalUserId: string): string {
  const normalised = externalUserId.trim().toLowerCase();
  if (!normalised) throw new Error('cannot pseudonymise an empty user id');
  return createHmac('sha256', organisationKey).update(normalised).digest('base64url').slice(0, 32);
}
