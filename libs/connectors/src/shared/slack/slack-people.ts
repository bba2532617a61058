import { identityProblem } from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import { z } from 'zod';

/** How people are identified: their e-mail address (matches other sources) or the Slack user id. */
export const slackIdentitySchema = z.enum(['email', 'user_id']).default('email');
export type SlackIdentity = z.infer<typeof slackIdentitySchema>;

/** Slackbot is not flagged is_bot in users.json / users.list, but it is one. */
const SLACKBOT_ID = 'USLACKBOT';
/** Bot ids (`bot_id`, B…) are never users; user ids start with U (or W on Enterprise Grid). */
const USER_ID = /^[UW][A-Z0-9]+$/;

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
  private humans = 0;
  private humansWithoutEmail = 0;

  constructor(private readonly mode: SlackIdentity) {}

  /**
   * Adds one `users.json` / `users.list` entry; returns why it was left out when it has no usable user id
   * or its e-mail address is not readable text (see identityProblem).
   */
  add(user: unknown): { field: string; reason: string } | null {
    if (!isRecord(user) || typeof user['id'] !== 'string' || user['id'] === '') {
      return { field: 'id', reason: 'user has no id' };
    }
    const id = user['id'];
    const idProblem = identityProblem(id);
    if (idProblem) return { field: 'id', reason: `id ${idProblem}` };
    const profile = isRecord(user['profile']) ? user['profile'] : {};
    const email = typeof profile['email'] === 'string' ? profile['email'].trim().toLowerCase() : '';
    const emailProblem = this.mode === 'email' ? identityProblem(email) : null;
    if (emailProblem) return { field: 'profile.email', reason: `profile.email ${emailProblem}` };
    // Apps, integrations and workflow bots have a user entry too; none of them is a person.
    const isBot =
      user['is_bot'] === true || user['is_workflow_bot'] === true || id === SLACKBOT_ID || !USER_ID.test(id);
    if (!isBot && !this.byId.has(id)) {
      this.humans++;
      if (email === '') this.humansWithoutEmail++;
    }
    this.byId.set(id, { identity: this.mode === 'email' && email !== '' ? email : id, isBot });
    return null;
  }

  /** Identity key of a user id; unknown users (e.g. from another workspace) keep their id. */
  identity(userId: string): string {
    return this.byId.get(userId)?.identity ?? userId;
  }

  /**
   * Not a person: Slackbot, a user flagged as a bot or workflow bot, or an id that is not a user id (a bot's
   * B… id, which Slack puts where a user would be for app messages), whether or not the user list has it.
   */
  isBot(userId: string): boolean {
    return userId === SLACKBOT_ID || !USER_ID.test(userId) || (this.byId.get(userId)?.isBot ?? false);
  }

  /** A user id that stands for a person (not a bot, not empty). */
  isPerson(userId: unknown): userId is string {
    return typeof userId === 'string' && userId !== '' && !this.isBot(userId);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * When people are identified by e-mail but the user list lacks addresses (exports without e-mail, guests,
   * a token without users:read.email), they fall back to their Slack id: say so, since the directory and other
   * sources cannot be matched to them by e-mail.
   */
  identityWarning(list: string): RunWarning | null {
    if (this.mode !== 'email' || this.humansWithoutEmail === 0) return null;
    const none = this.humansWithoutEmail === this.humans;
    return {
      code: 'slack.identity-fallback',
      message: none
        ? `No person in ${list} has an e-mail address: everyone is identified by their Slack user id, so ` +
          'the directory and other sources cannot be joined to them by e-mail (adoption counts them as active ' +
          'but not eligible).'
        : `Some people in ${list} have no e-mail address: they are identified by their Slack user id and ` +
          'cannot be joined with the directory or other sources by e-mail.',
      count: this.humansWithoutEmail,
      file: list,
    };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
