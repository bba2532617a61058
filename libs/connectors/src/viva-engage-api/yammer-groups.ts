import { HttpError, type ConnectorMessage, type GroupRecord } from '@uptake/connector-sdk';
import type { YammerApi } from './yammer-api';
import { isRecord } from './yammer-message';
import { isYammerId, type YammerPeople } from './yammer-people';

/** Pages of /groups.json read (Yammer serves 20 or 50 groups a page): 200 pages bound the network's groups. */
export const MAX_GROUP_PAGES = 200;
/** Members listed per group; a larger group is stored without a member list (memberships kept), with a warning. */
export const MAX_GROUP_MEMBERS = 20_000;
/** Pages of /users/in_group/{id}.json read per group (50 users a page). */
const MAX_MEMBER_PAGES = Math.ceil(MAX_GROUP_MEMBERS / 50) + 1;

/** What a private community is called in Uptake: its own name is never stored. */
export const PRIVATE_COMMUNITY_NAME = 'Private community';

export interface YammerGroup {
  id: string;
  name: string;
  isPrivate: boolean;
}

/** The groups (communities) the token sees, filtered by `wanted` ids when given, in id order. */
export async function listGroups(
  api: YammerApi,
  wanted: readonly string[] | undefined,
): Promise<YammerGroup[]> {
  const groups = new Map<string, YammerGroup>();
  for (let page = 1; page <= MAX_GROUP_PAGES; page++) {
    const list = await api.get<unknown>('groups.json', { page });
    if (!Array.isArray(list) || list.length === 0) break;
    for (const raw of list) {
      if (!isRecord(raw) || !isYammerId(raw['id'])) continue;
      const name = [raw['full_name'], raw['name']].find((n) => typeof n === 'string' && n.trim() !== '');
      const id = String(raw['id']);
      groups.set(id, {
        id,
        name: (name as string | undefined) ?? id,
        isPrivate: raw['privacy'] === 'private',
      });
    }
  }
  const all = [...groups.values()].filter((group) => !wanted || wanted.includes(group.id));
  return all.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/**
 * The group as a record, with its members from /users/in_group/{id}.json (paged by `page`, until
 * `more_available` is false). The members also teach `people` their e-mail addresses.
 */
export async function groupRecord(
  api: YammerApi,
  group: YammerGroup,
  people: YammerPeople,
): Promise<ConnectorMessage[]> {
  const members = new Set<string>();
  const out: ConnectorMessage[] = [];
  let complete = false;
  try {
    for (let page = 1; page <= MAX_MEMBER_PAGES; page++) {
      const answer = await api.get<{ users?: unknown; more_available?: unknown }>(
        `users/in_group/${group.id}.json`,
        { page },
      );
      const users = Array.isArray(answer?.users) ? answer.users : [];
      for (const user of users) {
        people.add(user);
        const id = isRecord(user) ? user['id'] : undefined;
        if (isYammerId(id)) {
          const person = await people.identity(id);
          if (person) members.add(person.key);
        }
      }
      if (users.length === 0 || answer?.more_available !== true) {
        complete = true;
        break;
      }
      if (members.size > MAX_GROUP_MEMBERS) break;
    }
  } catch (error) {
    // A group the token may not list (403) or that went away (404 is null above) loses its members only.
    if (!(error instanceof HttpError) || error.status !== 403) throw error;
  }
  if (!complete) out.push(membersNotRead(group.id));
  const record: GroupRecord = {
    externalId: group.id,
    name: group.isPrivate ? PRIVATE_COMMUNITY_NAME : group.name,
    kind: 'community',
    isPrivate: group.isPrivate,
    memberExternalIds: complete ? [...members] : null,
  };
  return [{ kind: 'group', record, location: { file: 'groups.json', recordId: group.id } }, ...out];
}

function membersNotRead(groupId: string): ConnectorMessage {
  return {
    kind: 'warning',
    warning: {
      code: 'viva-engage.members-not-read',
      message:
        `Communities whose members could not be read whole (over ${MAX_GROUP_MEMBERS.toLocaleString('en')} ` +
        'members, or not visible to the token): stored without a member list; memberships read before are kept.',
      count: 1,
      file: `users/in_group/${groupId}.json`,
    },
  };
}
