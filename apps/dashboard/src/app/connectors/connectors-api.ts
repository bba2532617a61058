import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
  withXhr,
  type HttpEvent,
} from '@angular/common/http';
import {
  createEnvironmentInjector,
  EnvironmentInjector,
  inject,
  Injectable,
  InjectionToken,
} from '@angular/core';
import type { Observable } from 'rxjs';
import { sameOriginInterceptor } from '../api/same-origin';
import { sessionExpiredInterceptor } from '../auth/auth';
import type { ConnectionTestResult, NewSource, Source, SyncRunView } from '@uptake/contracts';

/**
 * The HttpClient uploads go through. The app uses the Fetch backend, which cannot report upload progress,
 * so uploads get their own XHR-backed client (with the app's interceptors). Tests replace it.
 */
export const UPLOAD_HTTP = new InjectionToken<HttpClient>('UPLOAD_HTTP', {
  providedIn: 'root',
  factory: () =>
    createEnvironmentInjector(
      [provideHttpClient(withXhr(), withInterceptors([sameOriginInterceptor, sessionExpiredInterceptor]))],
      inject(EnvironmentInjector),
    ).get(HttpClient),
});

/** How often a followed run is polled. */
export const RUN_POLL_MS = new InjectionToken<number>('RUN_POLL_MS', {
  providedIn: 'root',
  factory: () => 1000,
});

/** URLs of the data-source endpoints (for httpResource) and the writes. */
@Injectable({ providedIn: 'root' })
export class ConnectorsApi {
  private readonly http = inject(HttpClient);
  private readonly uploadHttp = inject(UPLOAD_HTTP);

  static base(organisationId: string): string {
    return `/api/organisations/${encodeURIComponent(organisationId)}`;
  }

  static sourcesUrl(organisationId: string): string {
    return `${ConnectorsApi.base(organisationId)}/sources`;
  }

  /** A source's runs, newest first. */
  static sourceRunsUrl(organisationId: string, sourceId: string, limit = 50): string {
    return `${ConnectorsApi.sourcesUrl(organisationId)}/${sourceId}/sync-runs?limit=${limit}`;
  }

  /** Dead letters: runs that failed for good. */
  static failedRunsUrl(organisationId: string): string {
    return `${ConnectorsApi.base(organisationId)}/sync-runs?status=failed&limit=50`;
  }

  static runUrl(organisationId: string, runId: string): string {
    return `${ConnectorsApi.base(organisationId)}/sync-runs/${runId}`;
  }

  static quarantineUrl(organisationId: string, runId: string, pageSize: number, after?: string): string {
    const cursor = after ? `&after=${encodeURIComponent(after)}` : '';
    return `${ConnectorsApi.runUrl(organisationId, runId)}/quarantined-records?limit=${pageSize}${cursor}`;
  }

  sourceRuns(organisationId: string, sourceId: string): Observable<SyncRunView[]> {
    return this.http.get<SyncRunView[]>(ConnectorsApi.sourceRunsUrl(organisationId, sourceId));
  }

  run(organisationId: string, runId: string): Observable<SyncRunView> {
    return this.http.get<SyncRunView>(ConnectorsApi.runUrl(organisationId, runId));
  }

  createSource(organisationId: string, source: NewSource): Observable<Source> {
    return this.http.post<Source>(ConnectorsApi.sourcesUrl(organisationId), source);
  }

  /** `schedule: null` removes the schedule. */
  updateSchedule(organisationId: string, sourceId: string, schedule: string | null): Observable<Source> {
    return this.http.patch<Source>(`${ConnectorsApi.sourcesUrl(organisationId)}/${sourceId}`, { schedule });
  }

  deleteSource(organisationId: string, sourceId: string): Observable<void> {
    return this.http.delete<void>(`${ConnectorsApi.sourcesUrl(organisationId)}/${sourceId}`);
  }

  syncNow(organisationId: string, sourceId: string): Observable<SyncRunView> {
    return this.http.post<SyncRunView>(`${ConnectorsApi.sourcesUrl(organisationId)}/${sourceId}/sync`, {});
  }

  /** Checks the stored credentials and permissions of an API source (409 for file sources). */
  testConnection(organisationId: string, sourceId: string): Observable<ConnectionTestResult> {
    return this.http.post<ConnectionTestResult>(
      `${ConnectorsApi.sourcesUrl(organisationId)}/${sourceId}/connection-test`,
      {},
    );
  }

  retry(organisationId: string, runId: string): Observable<SyncRunView> {
    return this.http.post<SyncRunView>(`${ConnectorsApi.runUrl(organisationId, runId)}/retry`, {});
  }

  /** Sends the file as the raw body; the events carry upload progress and end with the created run. */
  upload(organisationId: string, sourceId: string, file: File): Observable<HttpEvent<SyncRunView>> {
    const url = `${ConnectorsApi.sourcesUrl(organisationId)}/${sourceId}/uploads`;
    return this.uploadHttp.post<SyncRunView>(url, file, {
      params: { filename: file.name },
      headers: { 'content-type': 'application/octet-stream' },
      reportProgress: true,
      observe: 'events',
    });
  }
}
