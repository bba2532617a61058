import { HttpError, InputError, type HttpClient } from '@uptake/connector-sdk';
import { EntraToken, explainGraphError } from '../shared/ms-graph/entra-token';
import type { EntraIdDirectoryCredentials, EntraIdDirectorySettings } from './settings';

/** The user properties read (Microsoft Graph v1.0 user resource). jobTitle is read but not stored (see README). */
export const USER_PROPERTIES = [
  'id',
  'userPrincipalName',
  'mail',
  'department',
  'jobTitle',
  'officeLocation',
  'employeeHireDate',
  'accountEnabled',
] as const;

/** A user as Graph answers it; every property is checked before use (null when not set in the tenant). */
export type GraphUser = Partial<Record<(typeof USER_PROPERTIES)[number], unknown>>;

export interface UsersPage {
  users: GraphUser[];
  /** `@odata.nextLink`: the next page, or null on the last. */
  nextLink: string | null;
}

const PERMISSION = 'User.Read.All';

/**
 * Lists the tenant's users (`/users?$select=…&$top=…`, paged by `@odata.nextLink`) and each one's manager
 * (`/users/{id}/manager`, 404 when none), with an app-only token. Every request goes through the source's
 * HttpClient (rate limit, 429 / 503 Retry-After). A next link that leaves Graph's origin is refused: the
 * bearer token would go with it.
 */
export class EntraDirectoryClient {
  private readonly token: EntraToken;
  private readonly base: string;

  constructor(
    private readonly http: HttpClient,
    private readonly settings: EntraIdDirectorySettings,
    credentials: EntraIdDirectoryCredentials,
    private readonly signal: AbortSignal,
    now: () => Date,
  ) {
    this.token = new EntraToken(http, settings, credentials, signal, now);
    this.base = settings.baseUrl.replace(/\/+$/, '');
  }

  firstPage(): string {
    return `${this.base}/users?$select=${USER_PROPERTIES.join(',')}&$top=${this.settings.pageSize}`;
  }

  async page(url: string): Promise<UsersPage> {
    if (new URL(url).origin !== new URL(this.base).origin) {
      throw new InputError(
        `Microsoft Graph sent a next page on another host (${new URL(url).origin}): not followed`,
      );
    }
    const body = await this.get<{ value?: unknown; '@odata.nextLink'?: unknown }>(url, 'GET /users');
    if (!Array.isArray(body.value))
      throw new Error('Microsoft Graph answered GET /users without a value list');
    const next = body['@odata.nextLink'];
    return {
      users: body.value.filter((user): user is GraphUser => typeof user === 'object' && user !== null),
      nextLink: typeof next === 'string' && next !== '' ? next : null,
    };
  }

  /** The user's manager (a user or an organisational contact), or null when none is assigned (404). */
  async manager(userId: string): Promise<GraphUser | null> {
    const url = `${this.base}/users/${encodeURIComponent(userId)}/manager?$select=id,userPrincipalName,mail`;
    try {
      return await this.get<GraphUser>(url, `GET /users/${userId}/manager`);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return null;
      throw error;
    }
  }

  private async get<T>(url: string, request: string): Promise<T> {
    const token = await this.token.value();
    try {
      return await this.http.json<T>(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: this.signal,
      });
    } catch (error) {
      // 404 is an answer (no manager), not a failure of the request.
      if (error instanceof HttpError && error.status === 404) throw error;
      throw explainGraphError(error, request, PERMISSION);
    }
  }
}
