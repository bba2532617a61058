import type { GroupRecord } from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import { MESSAGES_CSV } from './export-layout';
import type { EngagePeople } from './people';

/**
 * Person x community pairs one export may infer. Held in memory during the read (a Map entry per pair, about
 * 80 bytes: 2 million take some 160 MB); pairs beyond are not inferred and the run says how many messages
 * could not add one.
 */
export const MAX_INFERRED_MEMBERSHIPS = 2_000_000;

/**
 * Community membership inferred from participation. The network data export holds no membership list, so a
 * community would have no members and a community filter would be empty. A person who posted, replied or is
 * named in `participants` of a community's message is taken as a member from the first such message on
 * (joinedAt = its created_at). This undercounts: a member who never wrote is missing. An API source that
 * lists the real members (`viva-engage-api`) should be preferred where there is one.
 *
 * Keyed by Yammer user id during the first pass (identities are final only once the whole export is read);
 * resolved to identity keys when the groups are yielded.
 */
export class InferredMemberships {
  private readonly groups = new Map<string, Map<string, number>>();
  private size = 0;
  /** Memberships not recorded because the bound was reached. */
  overflow = 0;
  /** Participants left out because the export does not describe them (counted as groups are yielded). */
  unknown = 0;

  constructor(private readonly limit = MAX_INFERRED_MEMBERSHIPS) {}

  /** `userId` took part in the community `groupExternalId` at `at`: a member from the earliest such time. */
  add(groupExternalId: string, userId: string, at: Date): void {
    let members = this.groups.get(groupExternalId);
    const time = at.getTime();
    const known = members?.get(userId);
    if (known !== undefined) {
      if (time < known) members?.set(userId, time);
      return;
    }
    if (this.size >= this.limit) {
      this.overflow++;
      return;
    }
    if (!members) {
      members = new Map();
      this.groups.set(groupExternalId, members);
    }
    members.set(userId, time);
    this.size++;
  }

  /**
   * The group with its inferred members (identity keys, each with the earliest time of any of its user ids:
   * two ids of one address are one member), in order of joining; unchanged (members null: not known) when
   * nobody took part in it.
   */
  withMembers(group: GroupRecord, people: EngagePeople): GroupRecord {
    const members = this.groups.get(group.externalId);
    if (!members || members.size === 0) return group;
    const joined = new Map<string, number>();
    for (const [userId, time] of members) {
      // A participant the export does not describe gets no second key (see EngagePeople.knows).
      if (!people.knows(userId)) {
        this.unknown++;
        continue;
      }
      const key = people.identity(userId);
      const known = joined.get(key);
      if (known === undefined || time < known) joined.set(key, time);
    }
    if (joined.size === 0) return group;
    const ordered = [...joined].sort(([a, ta], [b, tb]) => ta - tb || (a < b ? -1 : a > b ? 1 : 0));
    return {
      ...group,
      memberExternalIds: ordered.map(([key]) => key),
      memberJoinedAt: ordered.map(([, time]) => new Date(time)),
    };
  }
}

export function membershipsBoundWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.memberships-bound',
    message:
      `The export names more than ${MAX_INFERRED_MEMBERSHIPS.toLocaleString('en')} person-community pairs: ` +
      'memberships beyond are not inferred (the count is of the participations left out). Export shorter periods.',
    count,
    file: MESSAGES_CSV,
  };
}

export function unknownPeopleWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.unknown-user-referenced',
    message:
      'Mentions (user references in a message body) and participants of people the export does not describe (no Users.csv ' +
      'row and no message of theirs) are left out, so that nobody gets a second pseudonym besides their address.',
    count,
    file: MESSAGES_CSV,
  };
}
