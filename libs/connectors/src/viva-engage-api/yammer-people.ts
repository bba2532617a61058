import { yammerIdentity, yammerUserKey } from '../shared/viva-engage/yammer-identity';
import type { YammerApi } from './yammer-api';

/** `/users/{id}.json` look-ups one read may make for people no reference or member list described. */
export const MAX_USER_LOOKUPS = 1_000;

export function isYammerId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Yammer user id -> identity key, learnt from the `references` of message pages, from group member lists
 * and, for ids neither described (people who liked a message), from `/users/{id}.json` — at most
 * MAX_USER_LOOKUPS a read. A user the API no longer knows (404: deleted) is `yammer:<id>`. Bots are never
 * people. Names, e-mail addresses and job titles are read only to form the key, never kept otherwise.
 */
export class YammerPeople {
  private readonly keys = new Map<number, { key: string; fallback: boolean }>();
  private lookups = 0;

  constructor(
    private readonly api: YammerApi,
    private readonly maxLookups = MAX_USER_LOOKUPS,
  ) {}

  /** Learns from a user object (a `references` entry of type user, a member, a looked-up user). */
  add(user: unknown): void {
    if (typeof user !== 'object' || user === null) return;
    const { id, email, type } = user as Record<string, unknown>;
    if (!isYammerId(id) || (type !== undefined && type !== 'user')) return;
    const known = this.keys.get(id);
    // A reference without e-mail never demotes a key learnt with one.
    if (known && !known.fallback) return;
    this.keys.set(id, yammerIdentity(id, email));
  }

  /** The identity of a user id; null when it is unknown and the look-up budget is spent. */
  async identity(id: number): Promise<{ key: string; fallback: boolean } | null> {
    const known = this.keys.get(id);
    if (known) return known;
    if (this.lookups >= this.maxLookups) return null;
    this.lookups++;
    const user = await this.api.get<Record<string, unknown>>(`users/${id}.json`);
    if (user === null) this.keys.set(id, { key: yammerUserKey(id), fallback: true });
    else this.add({ ...user, id, type: 'user' });
    return this.keys.get(id) ?? null;
  }
}
