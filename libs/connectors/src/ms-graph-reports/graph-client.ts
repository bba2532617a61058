import type { HttpClient } from '@uptake/connector-sdk';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EntraToken, explainGraphError } from '../shared/ms-graph/entra-token';
import type { ReportDefinition } from './reports';
import type { MsGraphReportsCredentials, MsGraphReportsSettings } from './settings';

/**
 * Downloads usage reports from Microsoft Graph with an app-only (client credentials) token, kept for its
 * lifetime. A report request answers 302 to a short-lived pre-authenticated URL; fetch follows it (and
 * drops the Authorization header when the download host is another origin, which it does not need).
 */
export class GraphReportsClient {
  private readonly token: EntraToken;

  constructor(
    private readonly http: HttpClient,
    private readonly settings: MsGraphReportsSettings,
    credentials: MsGraphReportsCredentials,
    private readonly signal: AbortSignal,
    now: () => Date,
  ) {
    this.token = new EntraToken(http, settings, credentials, signal, now);
  }

  /** Asserts the configuration needed to call Graph is there, before anything is read. */
  static check(settings: MsGraphReportsSettings, credentials: MsGraphReportsCredentials): void {
    EntraToken.check('Microsoft Graph reports', settings.tenantId, credentials, ' (or upload a report file)');
  }

  /** The CSV of `report` for one day, as a byte stream. */
  async download(report: ReportDefinition, day: string): Promise<Readable> {
    const url = `${this.settings.baseUrl.replace(/\/+$/, '')}/reports/${report.endpoint}(date=${day})`;
    const token = await this.token.value();
    let response: Response;
    try {
      response = await this.http.request(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: this.signal,
      });
    } catch (error) {
      throw explainGraphError(error, `${report.endpoint}(date=${day})`, 'Reports.Read.All');
    }
    if (!response.body) throw new Error(`Microsoft Graph sent no CSV for ${report.endpoint}(date=${day})`);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }
}
