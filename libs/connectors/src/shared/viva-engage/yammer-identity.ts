/**
 * The identity key of a Viva Engage (Yammer) user, shared by `viva-engage-export` and `viva-engage-api` so that
 * both sources give one pseudonym per person: the lower-cased e-mail address when the source gives one (as the
 * directory and the Microsoft 365 reports key people), else `yammer:<id>` (namespaced, so it never collides
 * with another source's ids, and joins nothing else).
 */
export function yammerUserKey(userId: string | number): string {
  return `yammer:${userId}`;
}

export function yammerIdentity(userId: string | number, email: unknown): { key: string; fallback: boolean } {
  if (typeof email === 'string' && email.trim() !== '') {
    return { key: email.trim().toLowerCase(), fallback: false };
  }
  return { key: yammerUserKey(userId), fallback: true };
}
