import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test helper (specs only): Microsoft Graph v1.0 for Teams on localhost, serving tenants in the shape of
 * fixtures/tenant.json as documented: the Entra ID token endpoint (client credentials), `/teams`,
 * `/teams/{id}`, team and channel `members`, `channels`, `messages/delta` (roots only, `@odata.nextLink`
 * with a `$skiptoken`, and an `@odata.deltaLink` with a `$deltatoken` that later returns only messages
 * added or changed since), `messages/{id}/replies` and `/users` and `/users/{id}` (404 for unknown users), and
 * `/users/{id}/chats/getAllMessages` (the messages of every chat of `chats` the user is a member of, filtered by
 * `$filter=lastModifiedDateTime gt … and lastModifiedDateTime lt …`, paged by a next link keeping the query).
 * Pages are
 * `pageSize` long whatever `$top` asks (smaller, to exercise paging). Each tenant is served under
 * `/<name>/v1.0`. 401 without a token it issued, 429 + Retry-After when told to throttle, 410 for delta
 * tokens it was told to expire.
 */
export interface FakeTeamsGraphOptions {
  tenants: Record<string, string>;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  pageSize: number;
  /** 1-based numbers of the Graph requests answered 429 with Retry-After: 1. */
  throttle?: (requestNumber: number) => boolean;
}

type Json = Record<string, unknown>;

interface Tenant {
  users: Json[];
  teams: Json[];
  /** Chats: `id`, `members` (user object ids) and `messages` (chatMessage, with their chatId). */
  chats?: Json[];
}

export interface FakeTeamsGraph {
  url(tenant?: string): string;
  readonly tokenUrl: string;
  /** `METHOD path?query` of every Graph request (not the token's), in order. */
  readonly requests: string[];
  /** Adds a message (a root when replyTo is absent) to a channel: a later delta round returns it. */
  post(tenant: string, channelId: string, message: Json, replyTo?: string): void;
  /** Adds a message to a chat: a later getAllMessages whose date range holds its lastModifiedDateTime returns it. */
  postChat(tenant: string, chatId: string, message: Json): void;
  /** Delta tokens issued so far answer 410 Gone from now on. */
  expireDeltaTokens(): void;
  /** Every token is refused (401) from now on, as when an app's consent is withdrawn. */
  refuseTokens(): void;
  /**
   * Graph requests whose path matches answer 403, as for an application permission not granted (or `status`:
   * 402 Payment Required, as for a metered API whose payment model is not set up).
   */
  forbid(path: RegExp | null, status?: 403 | 402): void;
  close(): Promise<void>;
}

export async function startFakeTeamsGraph(options: FakeTeamsGraphOptions): Promise<FakeTeamsGraph> {
  const tenants = new Map(
    Object.entries(options.tenants).map(([name, file]) => [
      name,
      JSON.parse(readFileSync(file, 'utf8')) as Tenant,
    ]),
  );
  const requests: string[] = [];
  const issued = new Set<string>();
  /** Version of each message (0: in the fixture); a delta token is the version it was issued at. */
  const versions = new WeakMap<Json, number>();
  let version = 0;
  let expiredBelow = -1;
  let origin = '';
  let refusing = false;
  let forbidden: RegExp | null = null;
  let forbiddenStatus: 403 | 402 = 403;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void handle(request, response).catch((error: Error) =>
      send(response, 500, { error: { message: error.message } }),
    );
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (request.method === 'POST' && url.pathname === `/${options.tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await body(request));
      if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
        return send(response, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret.',
        });
      }
      const token = `token-${issued.size + 1}-${Date.now()}`;
      issued.add(token);
      return send(response, 200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
    }
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const [, name, api, ...path] = url.pathname.split('/').map(decodeURIComponent);
    const tenant = tenants.get(name);
    if (request.method !== 'GET' || api !== 'v1.0' || !tenant) return notFound(response);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !issued.has(bearer) || refusing) {
      return send(response, 401, {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' },
      });
    }
    if (forbidden?.test(url.pathname)) {
      return send(
        response,
        forbiddenStatus,
        forbiddenStatus === 403
          ? {
              error: {
                code: 'Authorization_RequestDenied',
                message: 'Insufficient privileges to complete the operation.',
              },
            }
          : {
              error: { code: 'PaymentRequired', message: 'Payment Required. Ensure that your subscription.' },
            },
      );
    }
    if (options.throttle?.(requests.length)) {
      return send(
        response,
        429,
        { error: { code: 'TooManyRequests', message: 'Too many requests' } },
        { 'retry-after': '1' },
      );
    }
    route(tenant, `${origin}/${name}/v1.0`, path, url.searchParams, response);
  }

  function route(
    tenant: Tenant,
    base: string,
    path: string[],
    query: URLSearchParams,
    response: ServerResponse,
  ): void {
    const [root, teamId, part, channelId, sub, messageId, leaf] = path;
    if (root === 'users' && path.length === 1) {
      return page(response, tenant.users, `${base}/users`, query);
    }
    if (root === 'users' && path.length === 4 && part === 'chats' && channelId === 'getAllMessages') {
      return chatMessages(
        response,
        tenant,
        teamId,
        `${base}/users/${encodeURIComponent(teamId)}/chats/getAllMessages`,
        query,
      );
    }
    if (root === 'users' && path.length === 2) {
      const user = tenant.users.find((u) => u['id'] === teamId);
      return user ? send(response, 200, user) : notFound(response, 'Request_ResourceNotFound');
    }
    if (root !== 'teams') return notFound(response);
    const self = `${base}/${path.map(encodeURIComponent).join('/')}`;
    if (path.length === 1) return page(response, tenant.teams.map(strip), self, query);
    const team = tenant.teams.find((t) => t['id'] === teamId);
    if (!team) return notFound(response);
    if (path.length === 2) return send(response, 200, strip(team));
    if (part === 'members' && path.length === 3)
      return page(response, team['members'] as Json[], self, query);
    if (part !== 'channels') return notFound(response);
    const channels = team['channels'] as Json[];
    if (path.length === 3) return page(response, channels.map(strip), self, query);
    const channel = channels.find((c) => c['id'] === channelId);
    if (!channel) return notFound(response);
    if (sub === 'members' && path.length === 5) {
      return page(
        response,
        (channel['members'] as Json[] | undefined) ?? (team['members'] as Json[]),
        self,
        query,
      );
    }
    const messages = channel['messages'] as Json[];
    if (sub === 'messages' && messageId === 'delta' && path.length === 6)
      return delta(response, messages, self, query);
    const message = messages.find((m) => m['id'] === messageId);
    if (sub === 'messages' && leaf === 'replies' && message) {
      return page(response, ((message['replies'] as Json[] | undefined) ?? []).map(strip), self, query);
    }
    return notFound(response);
  }

  function delta(response: ServerResponse, messages: Json[], self: string, query: URLSearchParams): void {
    const token = query.get('$deltatoken');
    const since = token === null ? -1 : Number(token);
    if (token !== null && since <= expiredBelow) {
      return send(response, 410, {
        error: { code: 'SyncStateNotFound', message: 'The sync state is expired.' },
      });
    }
    const changed = messages.filter((m) => (versions.get(m) ?? 0) > since).map(strip);
    const skip = Number(query.get('$skiptoken') ?? 0);
    const end = skip + options.pageSize;
    const more = end < changed.length;
    send(response, 200, {
      '@odata.context': `${origin}/$metadata#Collection(chatMessage)`,
      value: changed.slice(skip, end),
      ...(more
        ? { '@odata.nextLink': `${self}?${token === null ? '' : `$deltatoken=${token}&`}$skiptoken=${end}` }
        : { '@odata.deltaLink': `${self}?$deltatoken=${version}` }),
    });
  }

  /** getAllMessages: the user's chats' messages in the `$filter` date range, the query kept in next links. */
  function chatMessages(
    response: ServerResponse,
    tenant: Tenant,
    userId: string,
    self: string,
    query: URLSearchParams,
  ): void {
    if (!tenant.users.some((u) => u['id'] === userId)) return notFound(response, 'NotFound');
    const range = [...(query.get('$filter') ?? '').matchAll(/lastModifiedDateTime (gt|lt) (\S+)/g)];
    const inRange = (message: Json) =>
      range.every(([, op, bound]) => {
        const at = Date.parse(String(message['lastModifiedDateTime']));
        return op === 'gt' ? at > Date.parse(bound) : at < Date.parse(bound);
      });
    const messages = (tenant.chats ?? [])
      .filter((chat) => (chat['members'] as string[]).includes(userId))
      .flatMap((chat) => chat['messages'] as Json[])
      .filter(inRange);
    const skip = Number(query.get('$skiptoken') ?? 0);
    const end = skip + options.pageSize;
    const next = new URLSearchParams(query);
    next.set('$skiptoken', String(end));
    send(response, 200, {
      '@odata.context': `${origin}/$metadata#Collection(chatMessage)`,
      value: messages.slice(skip, end),
      ...(end < messages.length ? { '@odata.nextLink': `${self}?${next.toString()}` } : {}),
    });
  }

  function page(response: ServerResponse, items: Json[], self: string, query: URLSearchParams): void {
    const skip = Number(query.get('$skiptoken') ?? 0);
    const end = skip + options.pageSize;
    send(response, 200, {
      value: items.slice(skip, end),
      ...(end < items.length ? { '@odata.nextLink': `${self}?$skiptoken=${end}` } : {}),
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (tenant = 'tenant') => `${origin}/${tenant}/v1.0`,
    tokenUrl: origin,
    requests,
    post(name, channelId, message, replyTo) {
      const channel = tenants
        .get(name)
        ?.teams.flatMap((t) => t['channels'] as Json[])
        .find((c) => c['id'] === channelId);
      if (!channel) throw new Error(`no channel ${channelId} in ${name}`);
      const messages = channel['messages'] as Json[];
      version++;
      if (replyTo === undefined) {
        versions.set(message, version);
        messages.push(message);
        return;
      }
      // A reply changes its root (lastModifiedDateTime): the next delta round returns the root again.
      const root = messages.find((m) => m['id'] === replyTo) as Json;
      ((root['replies'] as Json[] | undefined) ?? (root['replies'] = [])).push(message);
      versions.set(root, version);
    },
    postChat(name, chatId, message) {
      const chat = tenants.get(name)?.chats?.find((c) => c['id'] === chatId);
      if (!chat) throw new Error(`no chat ${chatId} in ${name}`);
      (chat['messages'] as Json[]).push(message);
    },
    expireDeltaTokens: () => void (expiredBelow = version),
    refuseTokens: () => void (refusing = true),
    forbid: (path, status = 403) => {
      forbidden = path;
      forbiddenStatus = status;
    },
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A resource without the nested lists the fake serves from their own endpoints. */
function strip(item: Json): Json {
  const { members: _members, channels: _channels, messages: _messages, replies: _replies, ...rest } = item;
  return rest;
}

function notFound(response: ServerResponse, code = 'NotFound'): void {
  send(response, 404, { error: { code, message: 'Resource not found.' } });
}

function send(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
