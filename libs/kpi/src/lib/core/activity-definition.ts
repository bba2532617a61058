import { ACTIVITY_TYPES, type ActivityType } from '@uptake/contracts';

/**
 * What counts as activity, defined once. Every rollup statement (rollups.ts), the daily activity series and
 * the KPI references read their type lists from here; the README's "What counts as activity" is this table.
 *
 * - active: the person used the network that day (adoption, first active day, retention, diffusion, weekly
 *   and 28-day active, the participation classes).
 * - role: the strongest participation class the type gives (90-9-1): `creator` starts something others can
 *   answer, `contributor` responds to or builds on someone else's content in the open, `reader` is active
 *   without contributing in the open. `null`: recorded only.
 * - responded / reacted: which day mask of `person_month` a contribution sets (personas: responder, reactor).
 * - interaction: a contribution aimed at another person (its target) is an edge of the network.
 *
 * Recorded only: a `join` is stored (so a "joined, never active" figure can be shown) but never makes anyone
 * active or adopted: Slack writes a channel_join for everyone it adds to a channel, so counting it read 721 of
 * 1,521 people "active" on a real export where they had done nothing. Leaves and channel/system events
 * (topic, rename, pins, archive) are not stored at all (see the connectors' subtype tables).
 *
 * Reads are activity (a reader persona: the 90-9-1 "readers", who use the network without writing), never a
 * contribution. Private chats (direct messages, group DMs, Teams chats) are activity, but not community
 * participation: they would otherwise make every person who sends a DM a "creator" and inflate threads.
 */
export interface ActivityClass {
  active: boolean;
  role: 'creator' | 'contributor' | 'reader' | null;
  responded: boolean;
  reacted: boolean;
  interaction: boolean;
}

const RECORDED_ONLY: ActivityClass = {
  active: false,
  role: null,
  responded: false,
  reacted: false,
  interaction: false,
};
const CREATES: ActivityClass = { ...RECORDED_ONLY, active: true, role: 'creator' };
const RESPONDS: ActivityClass = {
  ...RECORDED_ONLY,
  active: true,
  role: 'contributor',
  responded: true,
  interaction: true,
};
const READS: ActivityClass = { ...RECORDED_ONLY, active: true, role: 'reader' };

export const ACTIVITY_DEFINITION: Readonly<Record<ActivityType, ActivityClass>> = {
  post: CREATES,
  question: CREATES,
  reply: RESPONDS,
  answer: RESPONDS,
  mention: RESPONDS,
  share: RESPONDS,
  // A huddle or meeting in a channel: taking part is a response to whoever started it (the target).
  call: RESPONDS,
  reaction: { ...RESPONDS, responded: false, reacted: true },
  read: READS,
  chat: READS,
  join: RECORDED_ONLY,
};

function typesWhere(test: (type: ActivityClass) => boolean): readonly ActivityType[] {
  return ACTIVITY_TYPES.filter((type) => test(ACTIVITY_DEFINITION[type]));
}

/** Types that make a person active on their day. */
export const ACTIVE_TYPES = typesWhere((type) => type.active);
/** Recorded, never activity (joins). */
export const RECORDED_ONLY_TYPES = typesWhere((type) => !type.active);
/** Starting something: posts and questions. They are the roots of threads. */
export const CREATION_TYPES = typesWhere((type) => type.role === 'creator');
/** Responding in words or by taking part (replies, answers, mentions, shares, calls): the "responded" mask. */
export const RESPONSE_TYPES = typesWhere((type) => type.responded);
export const REACTION_TYPES = typesWhere((type) => type.reacted);
/** Every contribution (responses and reactions): an edge of the network when aimed at someone. */
export const CONTRIBUTION_TYPES = typesWhere((type) => type.role === 'contributor');
export const INTERACTION_TYPES = typesWhere((type) => type.interaction);
/** The responses that answer a thread (engagement's "replies", time to first response). */
export const THREAD_RESPONSE_TYPES: readonly ActivityType[] = ['reply', 'answer'];
/**
 * Types that are never a thread's root: nobody replies to a read, a reaction or a join, and they are most of a
 * network's events. Everything else may be (a share or a call with replies is a root of another type, which
 * makes no thread). The index the thread rollup finds roots by leaves these out (migration 1766700000000's
 * `activity_events_root_idx`, whose predicate must list them in this order), so a response whose thread id
 * names one of them counts as a thread without its root, like one whose root is not in the data.
 */
export const NEVER_ROOT_TYPES: readonly ActivityType[] = ['read', 'reaction', 'join'];
/** What the `reads` column of person_daily counts. */
export const READ_TYPES: readonly ActivityType[] = ['read'];

/** A type list as an SQL list of literals (`'post', 'question'`); types are the fixed enum, never input. */
export function sqlTypes(types: readonly ActivityType[]): string {
  return types.map((type) => `'${type}'`).join(', ');
}
