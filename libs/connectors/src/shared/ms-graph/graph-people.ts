import { HttpError } from '@uptake/connector-sdk';
import type { GraphApi } from './graph-api';

/**
 * Which user property is a Microsoft person's identity key: the user principal name (what the Microsoft 365
 * usage reports name users by, and the Entra ID directory connector's default) or the primary mail address.
 * Both lower-cased; a user without mail falls back to the UPN, as in the entra-id-directory connector.
 */
export type GraphIdentity = 'userPrincipalName' | 'mail';

/** Prefix of the identity key of a user Graph does not resolve (deleted, or of another tenant). */
export const OBJECT_ID_KEY_PREFIX = 'entra-object-id:';

/** Distinct users resolved per run; beyond it the oldest answers are forgotten (and asked again if needed). */
export const MAX_CACHED_USERS = 50_000;

const PERMISSION = 'User.Read.All';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The identity key of a Graph user (`id`, `userPrincipalName`, `mail`), or null without UPN or mail. */
export function graphUserKey(user: Record<string, unknown>, identity: GraphIdentity): string | null {
  const upn = text(user['userPrincipalName'])?.toLowerCase() ?? null;
  const mail = text(user['mail'])?.toLowerCase() ?? null;
  return identity === 'mail' ? (mail ?? upn) : (upn ?? mail);
}

/**
 * Resolves Entra object ids (what Teams messages, reactions, mentions and memberships carry in
 * `user.id` / `userId`) to the identity key the directory and the usage reports use. `preload` lists the
 * tenant's users once (`GET /users?$select=id,userPrincipalName,mail&$top=999`: a request per 999 people,
 * instead of one per person); ids it did not list are asked for with `GET /users/{id}`, once per run (a
 * bounded cache).
 * A user Graph does not know (404: deleted since, or a guest of a shared channel's other tenant) keeps
 * `entra-object-id:{id}`: one person within the source, joined with no other; `fallbacks` counts them.
 */
export class GraphPeople {
  private readonly keys = new Map<string, string>();
  /** Object ids resolved to the fallback key so far (each counted once per run). */
  readonly fallbacks = new Set<string>();

  constructor(
    private readonly api: GraphApi,
    private readonly identity: GraphIdentity,
    private readonly maxCached = MAX_CACHED_USERS,
  ) {}

  /** Lists the tenant's users into the cache, at most maxCached (the others are asked for one by one). */
  async preload(): Promise<void> {
    const url = this.api.url('/users?$select=id,userPrincipalName,mail&$top=999');
    const { items } = await this.api.list(url, 'GET /users', PERMISSION, this.maxCached);
    for (const user of items) {
      if (typeof user !== 'object' || user === null) continue;
      const id = (user as Record<string, unknown>)['id'];
      const key = graphUserKey(user as Record<string, unknown>, this.identity);
      if (typeof id === 'string' && id.trim() !== '' && key !== null)
        this.keys.set(id.trim().toLowerCase(), key);
    }
  }

  async key(objectId: string): Promise<string> {
    const id = objectId.trim().toLowerCase();
    const known = this.keys.get(id);
    if (known !== undefined) return known;
    const key = (await this.lookup(id)) ?? `${OBJECT_ID_KEY_PREFIX}${id}`;
    if (key.startsWith(OBJECT_ID_KEY_PREFIX)) this.fallbacks.add(id);
    if (this.keys.size >= this.maxCached) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(id, key);
    return key;
  }

  private async lookup(id: string): Promise<string | null> {
    const url = this.api.url(`/users/${encodeURIComponent(id)}?$select=id,userPrincipalName,mail`);
    try {
      const user = await this.api.get<Record<string, unknown>>(url, 'GET /users/{id}', PERMISSION);
      return graphUserKey(user, this.identity);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return null;
      throw error;
    }
  }
}
