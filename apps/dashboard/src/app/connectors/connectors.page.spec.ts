import { HttpClient, HttpEventType, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ChartComponent } from '../charts/chart.component';
import { OrganisationContext } from '../shell/organisation-context';
import { RUN_POLL_MS, UPLOAD_HTTP } from './connectors-api';
import { ConnectorsPage } from './connectors.page';
import { RunHistoryComponent } from './run-history.component';
import { CONNECTOR_CATALOGUE, source, syncRun } from './test-data';
import { ChartStub } from '../charts/chart.testing';

const ORG = '/api/organisations/org-1';
const demoSource = source();
const csvSource = source({ id: 'source-2', name: 'Intranet CSV', connectorType: 'csv' });

describe('ConnectorsPage', () => {
  let fixture: ComponentFixture<ConnectorsPage>;
  let http: HttpTestingController;
  const params = signal<Record<string, string | undefined>>({});
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = (testId: string) => element().querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string) => byTestId(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

  beforeEach(() => {
    params.set({});
    jest.useFakeTimers({
      doNotFake: ['setTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'nextTick', 'setImmediate'],
    });
    jest.setSystemTime(Date.parse('2026-03-02T13:00:00Z'));
    TestBed.configureTestingModule({
      imports: [ConnectorsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: UPLOAD_HTTP, useExisting: HttpClient },
        { provide: RUN_POLL_MS, useValue: 5 },
        {
          provide: OrganisationContext,
          useValue: {
            organisation: signal({ id: 'org-1', name: 'Acme', slug: 'acme', minGroupSize: 5, people: 120 }),
            param: (name: string) => params()[name],
            setParams: (changes: Record<string, string | null>) =>
              params.update((current) => {
                const next = { ...current };
                for (const [key, value] of Object.entries(changes)) next[key] = value ?? undefined;
                return next;
              }),
          },
        },
      ],
    });
    TestBed.overrideComponent(RunHistoryComponent, {
      remove: { imports: [ChartComponent] },
      add: { imports: [ChartStub] },
    });
    fixture = TestBed.createComponent(ConnectorsPage);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  /** Lets signals, resources and the template catch up with a flushed response. */
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  /** Waits (real time) until a request to `url` is pending, as polls come from timers. */
  const nextRequest = async (url: string): Promise<TestRequest> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const [request] = http.match(url);
      if (request) return request;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`no request to ${url}`);
  };

  const loadCatalogue = () => http.expectOne('/api/connectors').flush(CONNECTOR_CATALOGUE);

  const loadPage = async (sources = [demoSource, csvSource]) => {
    loadCatalogue();
    http.expectOne(`${ORG}/sources`).flush(sources);
    http.expectOne(`${ORG}/sync-runs?status=failed&limit=50`).flush([]);
    await settle();
  };

  it('shows loading, then each source with its last run, lag and counts', async () => {
    expect(text('loading')).toBe('Loading sources…');
    await loadPage();
    http.expectOne(`${ORG}/sources/source-1/sync-runs?limit=50`).flush([
      syncRun({
        finishedAt: '2026-03-02T10:00:12.000Z',
        trigger: 'demo',
        recordsRead: 276642,
        recordsInserted: 276642,
        recordsDuplicate: 0,
        recordsQuarantined: 0,
      }),
    ]);
    http.expectOne(`${ORG}/sources/source-2/sync-runs?limit=50`).flush([]);
    await settle();

    const demoRow = byTestId('source-row-Demo generator') as HTMLElement;
    const cell = (testId: string) => demoRow.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
    expect(cell('source-type')).toBe('Demo organisation (simulated)');
    expect(cell('source-schedule')).toBe('on demand');
    expect(cell('last-sync-status')).toBe('Succeeded');
    expect(cell('last-sync-ago')).toBe('3 h ago');
    expect(cell('source-lag')).toBe('3 h');
    expect(cell('last-read')).toBe('276,642');
    expect(cell('last-inserted')).toBe('276,642');
    expect(cell('last-quarantined')).toBe('0');
    expect(demoRow.querySelector('[data-testid="sync-now"]')).not.toBeNull();
    expect(demoRow.querySelector('[data-testid="upload-input"]')).toBeNull();

    const csvRow = byTestId('source-row-Intranet CSV') as HTMLElement;
    expect(csvRow.querySelector('[data-testid="last-sync"]')?.textContent?.trim()).toBe('never');
    expect(csvRow.querySelector('[data-testid="source-lag"]')?.textContent?.trim()).toBe('never synced');
    expect(csvRow.querySelector('[data-testid="sync-now"]')).toBeNull();
    expect(csvRow.querySelector('[data-testid="upload-input"]')?.getAttribute('accept')).toBe(
      '.csv,.ndjson,.jsonl,.json',
    );
    expect(text('dead-letters-empty')).toBe('No failed runs. Nothing waits for a retry.');
  });

  it('shows an empty state without sources', async () => {
    await loadPage([]);
    expect(text('empty-state')).toContain('No data sources yet');
  });

  it("shows the server's message when the sources cannot be loaded", async () => {
    loadCatalogue();
    http
      .expectOne(`${ORG}/sources`)
      .flush({ statusCode: 403, message: 'Forbidden resource' }, { status: 403, statusText: 'Forbidden' });
    http
      .expectOne(`${ORG}/sync-runs?status=failed&limit=50`)
      .flush({ statusCode: 403, message: 'Forbidden resource' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(text('error-banner')).toBe('Could not load sources: Forbidden resource');
    expect(text('dead-letters-error')).toBe('Forbidden resource');
  });

  it('uploads a file with progress, follows the run live, then shows its quarantined records', async () => {
    await loadPage([csvSource]);
    http.expectOne(`${ORG}/sources/source-2/sync-runs?limit=50`).flush([]);
    await settle();

    const file = new File(['external_id,occurred_at\n'], 'intranet.csv', { type: 'text/csv' });
    const fileInput = element().querySelector('[data-testid="upload-input"]') as HTMLInputElement;
    Object.defineProperty(fileInput, 'files', { value: [file] });
    fileInput.dispatchEvent(new Event('change'));
    await settle();

    const upload = http.expectOne(`${ORG}/sources/source-2/uploads?filename=intranet.csv`);
    expect(upload.request.method).toBe('POST');
    expect(upload.request.body).toBe(file);
    expect(upload.request.reportProgress).toBe(true);
    upload.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
    await settle();
    expect(text('follow-phase')).toBe('Uploading… 40%');
    expect((byTestId('upload-progress') as HTMLProgressElement).value).toBe(40);

    const queued = syncRun({
      id: 'run-9',
      sourceId: 'source-2',
      status: 'queued',
      trigger: 'upload',
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      recordsRead: 0,
      recordsInserted: 0,
      recordsDuplicate: 0,
      recordsQuarantined: 0,
      input: { fileName: 'intranet.csv', size: 100 },
    });
    upload.flush(queued, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text('follow-status')).toBe('Queued');
    expect((byTestId('upload-progress') as HTMLProgressElement).value).toBe(100);

    (await nextRequest(`${ORG}/sync-runs/run-9`)).flush({
      ...queued,
      status: 'running',
      recordsRead: 2,
      recordsInserted: 2,
      progressDone: 50,
      progressTotal: 100,
    });
    await settle();
    expect(text('follow-status')).toBe('Running');
    expect(text('follow-counts')).toBe('Read 2 · inserted 2 · duplicates 0 · quarantined 0');
    expect((byTestId('run-progress') as HTMLProgressElement).value).toBe(50);

    const finished = {
      ...queued,
      status: 'succeeded' as const,
      recordsRead: 4,
      recordsInserted: 3,
      recordsQuarantined: 1,
      startedAt: '2026-03-02T12:59:58.000Z',
      finishedAt: '2026-03-02T13:00:00.000Z',
      durationMs: 2000,
      warnings: [
        {
          code: 'identity-fallback',
          message: 'People without an e-mail address are identified by their id.',
          count: 2,
          file: 'intranet.csv',
        },
      ],
    };
    (await nextRequest(`${ORG}/sync-runs/run-9`)).flush(finished);
    await settle();
    expect(text('follow-status')).toBe('Succeeded');
    expect(text('follow-counts')).toBe('Read 4 · inserted 3 · duplicates 0 · quarantined 1');
    // the followed run shows its warnings, unfolded
    const followed = byTestId('follow-panel') as HTMLElement;
    expect(followed.querySelector('[data-testid="run-warnings"]')?.hasAttribute('open')).toBe(true);
    expect(
      followed.querySelector('[data-testid="run-warning"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('intranet.csv People without an e-mail address are identified by their id. ×2');
    // the table and dead letters are refreshed, and the run is opened with its quarantined records
    expect(params()).toEqual({ source: 'source-2', run: 'run-9' });
    http.expectOne(`${ORG}/sources/source-2/sync-runs?limit=50`).flush([finished]);
    http.expectOne(`${ORG}/sync-runs?status=failed&limit=50`).flush([]);
    http.expectOne(`${ORG}/sync-runs/run-9/quarantined-records?limit=50`).flush([
      {
        id: '7',
        syncRunId: 'run-9',
        file: 'intranet.csv',
        line: 4,
        field: 'occurred_at',
        recordId: 'e2e-3',
        reason: 'occurred_at: not an ISO 8601 date-time with offset',
        createdAt: '2026-03-02T13:00:00.000Z',
      },
    ]);
    await settle();
    expect(text('quarantine-line')).toBe('4');
    expect(text('quarantine-field')).toBe('occurred_at');
    expect(text('quarantine-reason')).toBe('occurred_at: not an ISO 8601 date-time with offset');
    expect(text('run-history')).toContain('intranet.csv');
    // and so does its row in the run history, folded
    const row = byTestId('run-row-run-9') as HTMLElement;
    expect(row.querySelector('[data-testid="run-warnings-summary"]')?.textContent?.trim()).toBe('1 warning');
    expect(byTestId('chart-stub')).not.toBeNull();
  });

  it("shows an upload refused by the server with the server's message", async () => {
    await loadPage([csvSource]);
    http.expectOne(`${ORG}/sources/source-2/sync-runs?limit=50`).flush([]);
    await settle();
    const fileInput = element().querySelector('[data-testid="upload-input"]') as HTMLInputElement;
    Object.defineProperty(fileInput, 'files', { value: [new File(['x'], 'notes.txt')] });
    fileInput.dispatchEvent(new Event('change'));
    await settle();
    http
      .expectOne(`${ORG}/sources/source-2/uploads?filename=notes.txt`)
      .flush(
        { statusCode: 415, message: "filename: a csv source reads .csv, .ndjson, .jsonl, .json, not '.txt'" },
        { status: 415, statusText: 'Unsupported Media Type' },
      );
    await settle();
    expect(text('follow-error')).toBe(
      "filename: a csv source reads .csv, .ndjson, .jsonl, .json, not '.txt'",
    );
  });

  it('lists failed runs and retries one, following it', async () => {
    loadCatalogue();
    http.expectOne(`${ORG}/sources`).flush([demoSource]);
    const failed = syncRun({
      id: 'run-5',
      status: 'failed',
      error: 'Slack answered 401: invalid_auth',
      attempts: 5,
    });
    http.expectOne(`${ORG}/sync-runs?status=failed&limit=50`).flush([failed]);
    await settle();
    http.expectOne(`${ORG}/sources/source-1/sync-runs?limit=50`).flush([failed]);
    await settle();
    expect(text('dead-letter-run-5')).toContain('Demo generator');
    expect(text('dead-letter-run-5')).toContain('Slack answered 401: invalid_auth');

    (byTestId('retry-run-5') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne({ method: 'POST', url: `${ORG}/sync-runs/run-5/retry` })
      .flush({ ...failed, status: 'queued', error: null });
    await settle();
    expect(text('follow-status')).toBe('Queued');
    (await nextRequest(`${ORG}/sync-runs/run-5`)).flush({ ...failed, status: 'succeeded', error: null });
    await settle();
    http.expectOne(`${ORG}/sources/source-1/sync-runs?limit=50`).flush([]);
    http.expectOne(`${ORG}/sync-runs?status=failed&limit=50`).flush([]);
    await settle();
    expect(text('dead-letters-empty')).toBe('No failed runs. Nothing waits for a retry.');
    expect(params()).toEqual({});
  });

  it('shows validation errors of a new source next to the field they name', async () => {
    await loadPage([]);
    const name = byTestId('add-source-name') as HTMLInputElement;
    name.value = 'Intranet CSV';
    name.dispatchEvent(new Event('input'));
    const settings = byTestId('add-source-settings') as HTMLTextAreaElement;
    settings.value = '{"delimiter": "ab"}';
    settings.dispatchEvent(new Event('input'));
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    const create = http.expectOne({ method: 'POST', url: `${ORG}/sources` });
    expect(create.request.body).toEqual({
      name: 'Intranet CSV',
      connectorType: 'csv',
      settings: { delimiter: 'ab' },
    });
    create.flush(
      { statusCode: 400, message: ['settings.delimiter: must be one character'], error: 'Bad Request' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('add-source-error-settings')).toBe('settings.delimiter: must be one character');

    settings.value = '{delimiter}';
    settings.dispatchEvent(new Event('input'));
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    expect(text('add-source-error-settings')).toMatch(/^settings: not valid JSON/);
  });

  it('offers no sync or upload while the connectors cannot be loaded, and says why', async () => {
    expect(text('add-source-loading')).toBe('Loading connectors…');
    http
      .expectOne('/api/connectors')
      .flush({ statusCode: 503, message: 'API restarting' }, { status: 503, statusText: 'Unavailable' });
    http.expectOne(`${ORG}/sources`).flush([demoSource, csvSource]);
    http.expectOne(`${ORG}/sync-runs?status=failed&limit=50`).flush([]);
    await settle();
    http.expectOne(`${ORG}/sources/source-1/sync-runs?limit=50`).flush([]);
    http.expectOne(`${ORG}/sources/source-2/sync-runs?limit=50`).flush([]);
    await settle();
    expect(text('catalogue-error')).toBe(
      'Could not load the connectors (sync and upload unavailable): API restarting',
    );
    expect(text('add-source-catalogue-error')).toBe('Could not load the connectors: API restarting');
    expect(byTestId('add-source-submit')).toBeNull();
    const demoRow = byTestId('source-row-Demo generator') as HTMLElement;
    expect(demoRow.querySelector('[data-testid="source-type"]')?.textContent?.trim()).toBe('demo');
    expect(element().querySelector('[data-testid="sync-now"]')).toBeNull();
    expect(element().querySelector('[data-testid="upload-input"]')).toBeNull();
  });

  it("builds the form from the connector's schemas: example settings, fields and credentials", async () => {
    await loadPage([]);
    const settings = () => (byTestId('add-source-settings') as HTMLTextAreaElement).value;
    expect(settings()).toBe('{"delimiter":","}');
    expect(text('field-delimiter')).toBe('delimiter: string · default ","');
    expect(byTestId('add-source-credentials')).toBeNull();
    expect(text('add-source-upload-hint')).toContain('(.csv, .ndjson, .jsonl, .json)');

    const type = byTestId('add-source-type') as HTMLSelectElement;
    type.value = 'slack-api';
    type.dispatchEvent(new Event('change'));
    await settle();
    expect(settings()).toBe('{"identity":"email","lookbackDays":90}');
    const hints = [...element().querySelectorAll('[data-testid="add-source-settings-fields"] li')];
    expect(hints.map((hint) => hint.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'identity: "email" | "user_id" · default "email"',
      'channels: list of string',
      'lookbackDays: integer · default 90',
    ]);
    expect(text('add-source-credentials-fields')).toBe('token: string · required · Bot token (xoxb-…)');
    expect(byTestId('add-source-upload-hint')).toBeNull();

    type.value = 'demo';
    type.dispatchEvent(new Event('change'));
    await settle();
    expect(settings()).toBe('{}');
    expect(byTestId('add-source-credentials')).toBeNull();
  });
});
