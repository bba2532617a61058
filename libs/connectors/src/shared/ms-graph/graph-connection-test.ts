import { HttpError, type ConnectionCheck, type ConnectionTestContext } from '@uptake/connector-sdk';
import { EntraToken, explainGraphError, type AppCredentials } from './entra-token';
import type { GraphEndpoint } from './graph-api';

/** The settings a Graph connector's connection test needs (tenantId is optional for usage-report uploads). */
type GraphSettings = Omit<GraphEndpoint, 'tenantId'> & { tenantId?: string };

/**
 * A connection test against Microsoft Graph: an app-only token first (the "credentials" check), then one
 * cheap GET per application permission the read needs. A 403 names that permission as missing; whatever
 * else fails is reported as it is. Each step records one check; nothing is thrown but the caller's bugs.
 */
export class GraphConnectionTest {
  readonly checks: ConnectionCheck[] = [];
  private token: string | null = null;
  private readonly base: string;

  constructor(
    private readonly context: ConnectionTestContext<GraphSettings, AppCredentials>,
    private readonly title: string,
  ) {
    this.base = context.settings.baseUrl.replace(/\/+$/, '');
  }

  /** Gets the token; false (with a failed credentials check) when the configuration or Entra ID refuses. */
  async credentials(): Promise<boolean> {
    const { settings, credentials, http, signal, now } = this.context;
    try {
      EntraToken.check(this.title, settings.tenantId, credentials);
      this.token = await new EntraToken(http, settings, credentials, signal, now).value();
      this.checks.push(
        passed(
          'credentials',
          `Microsoft Entra ID issued an app-only token for tenant '${settings.tenantId}'`,
        ),
      );
      return true;
    } catch (error) {
      this.checks.push(failed('credentials', this.failure(error), null));
      return false;
    }
  }

  /** GET `path` under the API root as `request`; the body, or null when it failed (recorded as a check). */
  async probe<T>(permission: string, request: string, path: string): Promise<T | null> {
    const response = await this.request(permission, request, path);
    if (response === null) return null;
    const body = (await response.json().catch(() => null)) as T | null;
    if (body === null) {
      this.checks.push(failed(permission, `Microsoft Graph answered ${request} without JSON`, null));
      return null;
    }
    this.checks.push(passed(permission, `${request} answered`));
    return body;
  }

  /** GET `path` and drop the body (a report download): true when it answered. */
  async reach(permission: string, request: string, path: string): Promise<boolean> {
    const response = await this.request(permission, request, path);
    if (response === null) return false;
    await response.body?.cancel();
    this.checks.push(passed(permission, `${request} answered`));
    return true;
  }

  /** A permission that could not be checked (nothing to check it on, or an earlier check failed). */
  notChecked(permission: string, reason: string): void {
    this.checks.push(failed(permission, `not checked: ${reason}`, null));
  }

  private async request(permission: string, request: string, path: string): Promise<Response | null> {
    if (this.token === null) throw new Error('GraphConnectionTest: credentials() must succeed first');
    try {
      return await this.context.http.request(`${this.base}${path}`, {
        headers: { authorization: `Bearer ${this.token}` },
        signal: this.context.signal,
      });
    } catch (error) {
      const missing = error instanceof HttpError && error.status === 403 ? permission : null;
      const message =
        error instanceof HttpError && error.status === 401
          ? `Microsoft Graph rejected the app's access token for ${request} (check the tenant id, the app ` +
            `registration and its admin consent): ${error.message}`
          : this.failure(explainGraphError(error, request, permission));
      this.checks.push(failed(permission, message, missing));
      return null;
    }
  }

  private failure(error: unknown): string {
    if (this.context.signal.aborted) return 'no answer within the time limit of the test';
    return error instanceof Error ? error.message : String(error);
  }
}

export function passed(check: string, message: string): ConnectionCheck {
  return { check, ok: true, message, missingPermission: null };
}

export function failed(check: string, message: string, missingPermission: string | null): ConnectionCheck {
  return { check, ok: false, message, missingPermission };
}
