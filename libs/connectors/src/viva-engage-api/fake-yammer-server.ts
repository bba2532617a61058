import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test helper (specs only): the Yammer REST API v1 on localhost, serving a network fixture
 * (`fixtures/network.json`: users, groups with members, messages in the messages.json shape). Like the API:
 * messages.json holds public messages only, newest first, `older_than` / `newer_than` by message id,
 * `meta.older_available`, and `references` (senders, people notified, replied-to and thread-starter
 * messages); a deleted message is simply absent; messages/in_group/{id}.json, groups.json and
 * users/in_group/{id}.json paged by `page` (2 users a page, `more_available`; 403 for groups in
 * `membersForbidden`); users/{id}.json (404 for an unknown or deleted user), users/current.json (the first user); 401 for a
 * wrong token; HTTP 429 with Retry-After: 1 on chosen requests. Each network is served under `/<name>/api/v1`.
 */
export interface FakeYammerOptions {
  /** Network name -> fixture file. */
  networks: Record<string, string>;
  token: string;
  /** Messages per page, whatever `limit` the client asks for (small, to exercise paging). */
  pageSize: number;
  /** 1-based numbers of the requests answered 429 with Retry-After: 1. */
  throttle?: (requestNumber: number) => boolean;
  /** Groups whose member list the token may not read: users/in_group/{id}.json answers 403. */
  membersForbidden?: readonly number[];
}

export interface FakeYammer {
  url(network: string): string;
  /** `path?query` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

type Item = Record<string, unknown>;
interface Network {
  users: Item[];
  groups: Item[];
  messages: Item[];
}

const USERS_PAGE = 2;
const GROUPS_PAGE = 1;

export async function startFakeYammer(options: FakeYammerOptions): Promise<FakeYammer> {
  const networks = new Map(
    Object.entries(options.networks).map(([name, file]) => [
      name,
      JSON.parse(readFileSync(file, 'utf8')) as Network,
    ]),
  );
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, name, ...rest] = url.pathname.split('/');
    const path = rest.join('/').replace(/^api\/v1\//, '');
    requests.push(`${path}${url.search}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
    if (options.throttle?.(requests.length)) {
      return send(429, { message: 'Rate limited due to excessive requests.' }, { 'retry-after': '1' });
    }
    const network = networks.get(name);
    if (!network) return send(404, { message: 'not found' });
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return send(401, { message: 'Token not found.', code: 16 });
    }
    const forbidden = /^users\/in_group\/(\d+)\.json$/.exec(path);
    if (forbidden && options.membersForbidden?.includes(Number(forbidden[1]))) {
      return send(403, { message: 'You do not have permission to view this group.' });
    }
    const answer = route(network, path, url.searchParams, options.pageSize);
    if (answer === undefined) return send(404, { message: 'not found' });
    send(200, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (network) => `http://127.0.0.1:${port}/${network}/api/v1`,
    requests,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function route(network: Network, path: string, query: URLSearchParams, pageSize: number): unknown {
  const page = Math.max(1, Number(query.get('page') ?? 1));
  const groupOf = (id: number) => network.groups.find((group) => group['id'] === id);
  let match: RegExpExecArray | null;
  if (path === 'messages.json') {
    const visible = network.messages.filter(
      (m) => groupOf(m['group_id'] as number)?.['privacy'] !== 'private',
    );
    return messagePage(network, visible, query, pageSize);
  }
  if ((match = /^messages\/in_group\/(\d+)\.json$/.exec(path))) {
    if (!groupOf(Number(match[1]))) return undefined;
    const inGroup = network.messages.filter((m) => m['group_id'] === Number(match?.[1]));
    return messagePage(network, inGroup, query, pageSize);
  }
  if (path === 'groups.json') {
    const groups = network.groups.map(({ members: _members, ...group }) => group);
    return groups.slice((page - 1) * GROUPS_PAGE, page * GROUPS_PAGE);
  }
  if ((match = /^users\/in_group\/(\d+)\.json$/.exec(path))) {
    const group = groupOf(Number(match[1]));
    if (!group) return undefined;
    const members = (group['members'] as number[]).flatMap((id) =>
      network.users.filter((u) => u['id'] === id),
    );
    const users = members.slice((page - 1) * USERS_PAGE, page * USERS_PAGE);
    return { users, more_available: page * USERS_PAGE < members.length };
  }
  // The token's own user: the fixture's first.
  if (path === 'users/current.json') return network.users[0];
  if ((match = /^users\/(\d+)\.json$/.exec(path))) {
    return network.users.find((user) => user['id'] === Number(match?.[1]));
  }
  return undefined;
}

/** A messages.json page: newest first, below older_than and above newer_than, with its references. */
function messagePage(network: Network, messages: Item[], query: URLSearchParams, pageSize: number): unknown {
  const olderThan = query.get('older_than');
  const newerThan = query.get('newer_than');
  const window = messages
    .filter((m) => olderThan === null || Number(m['id']) < Number(olderThan))
    .filter((m) => newerThan === null || Number(m['id']) > Number(newerThan))
    .sort((a, b) => Number(b['id']) - Number(a['id']));
  const served = window.slice(0, pageSize);
  const userIds = new Set<unknown>();
  const messageIds = new Set<unknown>();
  for (const message of served) {
    userIds.add(message['sender_id']);
    for (const id of (message['notified_user_ids'] as unknown[] | undefined) ?? []) userIds.add(id);
    messageIds.add(message['replied_to_id']);
    messageIds.add(message['thread_id']);
  }
  const references = [
    ...network.users.filter((user) => userIds.has(user['id'])),
    ...network.messages
      .filter((m) => messageIds.has(m['id']))
      .map(({ id, sender_id, sender_type, message_type, thread_id }) => ({
        type: 'message',
        id,
        sender_id,
        sender_type,
        message_type,
        thread_id,
      })),
  ];
  return {
    messages: served,
    references,
    meta: { older_available: window.length > served.length, requested_poll_interval: 60 },
  };
}
