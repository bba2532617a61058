import { z } from 'zod';

/** How people are identified: their e-mail address (matches other sources) or the Slack user id. */
export const slackIdentitySchema = z.enum(['email', 'user_id']).default('email');
export type SlackIdentity = z.infer<typeof slackIdentitySchema>;

/** Slackbot is not flagged is_bot in users.json / users.list, but it is one. */
const SLACKBOT_ID = 'USLACKBOT';

interface SlackPerson {
  identity: string;
  isBot: boolean;
}

/**
 * The workspace's users reduced to what the mapping needs: identity key and bot flag. Names and
 * profiles are dropped on reading.
 */
export class SlackPeople {
  private readonly byId = new Map<string, SlackPerson>();

  constructor(private readonly mode: SlackIdentity) {}

  /** Adds one `users.json` / `users.list` entry; returns false when it has no user id. */
  add(user: unknown): boolean {
    if (!isRecord(user) || typeof user['id'] !== 'string' || user['id'] === '') return false;
    const id = user['id'];
    const profile = isRecord(user['profile']) ? user['profile'] : {};
    const email = typeof profile['email'] === 'string' ? profile['email'].trim().toLowerCase() : '';
    this.byId.set(id, {
      identity: this.mode === 'email' && email !== '' ? email : id,
      isBot: user['is_bot'] === true || id === SLACKBOT_ID,
    });
    return true;
  }

  /** Identity key of a user id; unknown users (e.g. from another workspace) keep their id. */
  identity(userId: string): string {
    return this.byId.get(userId)?.identity ?? userId;
  }

  isBot(userId: string): boolean {
    return userId === SLACKBOT_ID || (this.byId.get(userId)?.isBot ?? false);
  }

  get size(): number {
    return this.byId.size;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
