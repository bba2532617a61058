import { HttpError, type HttpClient } from '@uptake/connector-sdk';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ReportDefinition } from './reports';
import type { MsGraphReportsCredentials, MsGraphReportsSettings } from './settings';

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
}

/** A token is renewed this long before Entra ID says it expires (clock skew, long downloads). */
const TOKEN_RENEWAL_MARGIN_MS = 2 * 60_000;

/**
 * Downloads usage reports from Microsoft Graph with an app-only (client credentials) token, kept for its
 * lifetime. A report request answers 302 to a short-lived pre-authenticated URL; fetch follows it (and
 * drops the Authorization header when the download host is another origin, which it does not need).
 */
export class GraphReportsClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly settings: MsGraphReportsSettings,
    private readonly credentials: MsGraphReportsCredentials,
    private readonly signal: AbortSignal,
    private readonly now: () => Date,
  ) {}

  /** Asserts the configuration needed to call Graph is there, before anything is read. */
  static check(settings: MsGraphReportsSettings, credentials: MsGraphReportsCredentials): void {
    const missing = [
      settings.tenantId ? null : 'settings.tenantId',
      credentials.clientId ? null : 'credentials.clientId',
      credentials.clientSecret ? null : 'credentials.clientSecret',
    ].filter((field) => field !== null);
    if (missing.length > 0) {
      throw new Error(
        `Microsoft Graph reports: ${missing.join(', ')} must be set to read from Graph (or upload a CSV report)`,
      );
    }
  }

  /** The CSV of `report` for one day, as a byte stream. */
  async download(report: ReportDefinition, day: string): Promise<Readable> {
    const url = `${this.settings.baseUrl.replace(/\/+$/, '')}/reports/${report.endpoint}(date=${day})`;
    const token = await this.accessToken();
    let response: Response;
    try {
      response = await this.http.request(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: this.signal,
      });
    } catch (error) {
      throw explainGraphError(error, report, day);
    }
    if (!response.body) throw new Error(`Microsoft Graph sent no CSV for ${report.endpoint}(date=${day})`);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  private async accessToken(): Promise<string> {
    const now = this.now().getTime();
    if (this.token && this.token.expiresAt - TOKEN_RENEWAL_MARGIN_MS > now) return this.token.value;
    const tenant = this.settings.tenantId ?? '';
    const url = `${this.settings.tokenUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.credentials.clientId ?? '',
      client_secret: this.credentials.clientSecret ?? '',
      scope: 'https://graph.microsoft.com/.default',
    });
    let body: TokenResponse;
    try {
      body = await this.http.json<TokenResponse>(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: this.signal,
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Microsoft Entra ID refused a token for tenant '${tenant}' (check clientId and clientSecret): ${detail}`,
      );
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new Error(`the token endpoint of tenant '${tenant}' answered without an access_token`);
    }
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
    this.token = {
      value: body.access_token,
      expiresAt: now + (Number.isFinite(lifetimeSeconds) ? lifetimeSeconds : 3_600) * 1000,
    };
    return this.token.value;
  }
}

function explainGraphError(error: unknown, report: ReportDefinition, day: string): unknown {
  if (!(error instanceof HttpError)) return error;
  const request = `${report.endpoint}(date=${day})`;
  if (error.status === 401) {
    return new Error(`Microsoft Graph rejected the access token for ${request}: ${error.message}`);
  }
  if (error.status === 403) {
    return new Error(
      `Microsoft Graph denied ${request}: the app registration needs the Reports.Read.All application ` +
        `permission with admin consent (${error.message})`,
    );
  }
  return new Error(`Microsoft Graph failed on ${request}: ${error.message}`);
}
