import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { compareSlackTs, isSlackTs } from '../shared/slack';

/**
 * Test helper (specs only): a Slack Web API on localhost serving an unpacked export tree (the same
 * fixtures the export connector reads), with real cursor pagination, the oldest / latest / inclusive
 * window of conversations.history (newest first, roots and broadcasts only), and conversations.replies.
 * Each workspace is served under `/<name>/api/<method>`.
 */
export interface FakeSlackOptions {
  /** Workspace name -> unpacked export folder. */
  workspaces: Record<string, string>;
  token: string;
  /** Items per page, whatever limit the client asks for (small, to exercise pagination). */
  pageSize: number;
  /** 1-based numbers of the requests answered with HTTP 429 and Retry-After: 1. */
  throttle?: (requestNumber: number) => boolean;
  /** Scopes the token has: sent in `x-oauth-scopes` with every authenticated answer, as Slack does. */
  scopes?: readonly string[];
}

export interface FakeSlack {
  url(workspace: string): string;
  /** `method?query` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

interface Workspace {
  users: unknown[];
  channels: Record<string, unknown>[];
  /** Channel id -> its messages in file order. */
  messages: Map<string, Record<string, unknown>[]>;
}

type Query = URLSearchParams;
type Answer = Record<string, unknown>;

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const workspaces = new Map(
    Object.entries(options.workspaces).map(([name, dir]) => [name, loadWorkspace(dir)]),
  );
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, name, api, method] = url.pathname.split('/');
    requests.push(`${method}?${url.searchParams}`);
    const send = (status: number, body: Answer, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
    if (options.throttle?.(requests.length))
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    const workspace = workspaces.get(name);
    if (!workspace || api !== 'api') return send(404, { ok: false, error: 'unknown_method' });
    const auth = request.headers.authorization;
    if (!auth) return send(200, { ok: false, error: 'not_authed' });
    if (auth !== `Bearer ${options.token}`) return send(200, { ok: false, error: 'invalid_auth' });
    const scopes: Record<string, string> = options.scopes
      ? { 'x-oauth-scopes': options.scopes.join(',') }
      : {};
    send(200, answer(workspace, method, url.searchParams, options.pageSize), scopes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (workspace) => `http://127.0.0.1:${port}/${workspace}/api`,
    requests,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function answer(workspace: Workspace, method: string, query: Query, pageSize: number): Answer {
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://fake.slack.com/', team: 'Fake workspace', user_id: 'UFAKEAPP' };
    case 'users.list':
      return page('members', workspace.users, query, pageSize);
    case 'conversations.list': {
      const types = (query.get('types') ?? 'public_channel').split(',');
      const visible = workspace.channels.filter((c) =>
        types.includes(c['is_private'] ? 'private_channel' : 'public_channel'),
      );
      return page(
        'channels',
        visible.map(({ members: _members, ...channel }) => channel),
        query,
        pageSize,
      );
    }
    case 'conversations.members': {
      const channel = workspace.channels.find((c) => c['id'] === query.get('channel'));
      if (!channel) return { ok: false, error: 'channel_not_found' };
      return page('members', channel['members'] as unknown[], query, pageSize);
    }
    case 'conversations.history': {
      const messages = workspace.messages.get(query.get('channel') ?? '');
      if (!messages) return { ok: false, error: 'channel_not_found' };
      const roots = messages.filter(
        (m) =>
          m['thread_ts'] === undefined || m['thread_ts'] === m['ts'] || m['subtype'] === 'thread_broadcast',
      );
      return page('messages', inWindow(roots, query), query, pageSize);
    }
    case 'conversations.replies': {
      const messages = workspace.messages.get(query.get('channel') ?? '') ?? [];
      const ts = query.get('ts');
      const root = messages.find((m) => m['ts'] === ts);
      if (!root) return { ok: false, error: 'thread_not_found' };
      const replies = messages
        .filter((m) => m['thread_ts'] === ts && m['ts'] !== ts)
        .sort((a, b) => compareSlackTs(a['ts'] as string, b['ts'] as string));
      return page('messages', [root, ...replies], query, pageSize);
    }
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

/** The history window, newest first. Messages without a valid ts (malformed fixtures) come first. */
function inWindow(messages: Record<string, unknown>[], query: Query): Record<string, unknown>[] {
  const inclusive = query.get('inclusive') === 'true' || query.get('inclusive') === '1';
  const oldest = query.get('oldest');
  const latest = query.get('latest');
  const broken = messages.filter((m) => !isSlackTs(m['ts']));
  const timed = messages.filter((m) => {
    const ts = m['ts'];
    if (!isSlackTs(ts)) return false;
    if (oldest && (inclusive ? compareSlackTs(ts, oldest) < 0 : compareSlackTs(ts, oldest) <= 0))
      return false;
    if (latest && (inclusive ? compareSlackTs(ts, latest) > 0 : compareSlackTs(ts, latest) >= 0))
      return false;
    return true;
  });
  return [...broken, ...timed.sort((a, b) => compareSlackTs(b['ts'] as string, a['ts'] as string))];
}

/** One page from the cursor on; the cursor is opaque to the client, as Slack's are. */
function page(key: string, items: unknown[], query: Query, pageSize: number): Answer {
  const cursor = query.get('cursor');
  const offset = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace('offset:', '')) : 0;
  const size = Math.min(pageSize, Number(query.get('limit') ?? 100));
  const end = offset + size;
  const more = end < items.length;
  return {
    ok: true,
    [key]: items.slice(offset, end),
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(`offset:${end}`).toString('base64') : '' },
  };
}

/** Reads an unpacked export; day files that are not JSON are left out (the API never serves such). */
function loadWorkspace(dir: string): Workspace {
  const json = (file: string): unknown[] => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown[];
  const channels = (json('channels.json') as Record<string, unknown>[]).map((c) => ({
    ...c,
    is_private: false,
  }));
  const groups = statSync(join(dir, 'groups.json'), { throwIfNoEntry: false })
    ? (json('groups.json') as Record<string, unknown>[]).map((c) => ({ ...c, is_private: true }))
    : [];
  const all: Record<string, unknown>[] = [...channels, ...groups];
  const messages = new Map<string, Record<string, unknown>[]>();
  for (const channel of all) {
    const folder = join(dir, channel['name'] as string);
    const days = statSync(folder, { throwIfNoEntry: false }) ? readdirSync(folder).sort() : [];
    const list: Record<string, unknown>[] = [];
    for (const day of days) {
      try {
        list.push(...(json(join(channel['name'] as string, day)) as Record<string, unknown>[]));
      } catch {
        // not JSON: skipped
      }
    }
    messages.set(channel['id'] as string, list);
  }
  return { users: json('users.json'), channels: all, messages };
}
