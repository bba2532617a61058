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

  /** Types into an input, select or textarea of the page, as a user does. */
  const enter = (testId: string, value: string, event = 'input') => {
    const control = byTestId(testId) as HTMLInputElement;
    control.value = value;
    control.dispatchEvent(new Event(event));
  };

  it('shows validation errors of a new source next to the field they name', async () => {
    await loadPage([]);
    enter('add-source-name', 'Intranet CSV');
    // Checked before sending: a two-character delimiter and a mapping that is not JSON.
    enter('add-source-settings-delimiter', 'ab');
    enter('add-source-settings-typeMapping', '{"Like":');
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    http.expectNone({ method: 'POST', url: `${ORG}/sources` });
    expect(text('add-source-settings-delimiter-error')).toBe('settings.delimiter: at most 1 character');
    expect(text('add-source-settings-typeMapping-error')).toMatch(
      /^settings\.typeMapping: not valid JSON \(/,
    );

    // What only the API knows comes back next to the field it names.
    enter('add-source-settings-delimiter', '"');
    enter('add-source-settings-typeMapping', '{"Like": "reaction"}');
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    const create = http.expectOne({ method: 'POST', url: `${ORG}/sources` });
    expect(create.request.body).toEqual({
      name: 'Intranet CSV',
      connectorType: 'csv',
      settings: { delimiter: '"', typeMapping: { Like: 'reaction' } },
    });
    create.flush(
      {
        statusCode: 400,
        message: [
          'settings.delimiter: delimiter cannot be a quote or a line break',
          'settings: Unrecognized key',
        ],
        error: 'Bad Request',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('add-source-settings-delimiter-error')).toBe(
      'settings.delimiter: delimiter cannot be a quote or a line break',
    );
    expect(byTestId('add-source-settings-typeMapping-error')).toBeNull();
    expect(text('add-source-error-settings')).toBe('settings: Unrecognized key');
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

  it("builds the form from the connector's schemas: defaults, kinds, hints, required and credentials", async () => {
    await loadPage([]);
    const value = (testId: string) => (byTestId(testId) as HTMLInputElement).value;
    expect(value('add-source-settings-delimiter')).toBe(',');
    expect(byTestId('add-source-settings-typeMapping')?.tagName).toBe('TEXTAREA');
    expect(text('add-source-settings-typeMapping-hint')).toBe('JSON: object');
    expect(byTestId('add-source-credentials')).toBeNull();
    expect(text('add-source-upload-hint')).toContain('(.csv, .ndjson, .jsonl, .json)');

    enter('add-source-type', 'slack-api', 'change');
    await settle();
    expect(value('add-source-settings-identity')).toBe('email');
    expect(byTestId('add-source-settings-identity')?.tagName).toBe('SELECT');
    expect(byTestId('add-source-settings-lookbackDays')?.getAttribute('type')).toBe('number');
    expect(byTestId('add-source-settings-lookbackDays')?.getAttribute('max')).toBe('3650');
    expect(text('add-source-settings-lookbackDays-hint')).toBe('1–3650');
    expect(text('add-source-settings-channels-hint')).toBe('one value per line');
    const token = byTestId('add-source-credentials-token') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.required).toBe(true);
    expect(text('add-source-credentials-token-hint')).toBe('Bot token (xoxb-…)');
    expect(text('add-source-credentials-token-field')).toContain('required');
    expect(byTestId('add-source-upload-hint')).toBeNull();

    // Required credentials are asked for before anything is sent; the lines become a list.
    enter('add-source-name', 'Slack');
    enter('add-source-settings-channels', 'C01\nC02');
    enter('add-source-settings-lookbackDays', '4000');
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    expect(text('add-source-credentials-token-error')).toBe('credentials.token: required');
    expect(text('add-source-settings-lookbackDays-error')).toBe(
      'settings.lookbackDays: must be at most 3650',
    );
    enter('add-source-settings-lookbackDays', '30');
    enter('add-source-credentials-token', 'xoxb-1');
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    const create = http.expectOne({ method: 'POST', url: `${ORG}/sources` });
    expect(create.request.body).toEqual({
      name: 'Slack',
      connectorType: 'slack-api',
      settings: { identity: 'email', channels: ['C01', 'C02'], lookbackDays: 30 },
      credentials: { token: 'xoxb-1' },
    });
    create.flush(
      { statusCode: 400, message: ['credentials.token: must be a Slack bot token'], error: 'Bad Request' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('add-source-credentials-token-error')).toBe('credentials.token: must be a Slack bot token');

    enter('add-source-type', 'demo', 'change');
    await settle();
    expect(byTestId('add-source-settings-seed')?.getAttribute('type')).toBe('number');
    expect(value('add-source-settings-seed')).toBe('');
    expect(byTestId('add-source-credentials')).toBeNull();
    expect(byTestId('add-source-credentials-token-error')).toBeNull();
  });

  it('tests the connection of an API source and names the missing permission; not offered without a test', async () => {
    const slackSource = source({ id: 'source-3', name: 'Slack workspace', connectorType: 'slack-api' });
    params.set({ source: 'source-2' });
    await loadPage([demoSource, csvSource, slackSource]);
    for (const id of ['source-1', 'source-2', 'source-3']) {
      http.expectOne(`${ORG}/sources/${id}/sync-runs?limit=50`).flush([]);
    }
    await settle();
    // A file source holds no credentials, and the demo connector (an API source) has nothing to check.
    expect(byTestId('connection-test-run')).toBeNull();
    params.set({ source: 'source-1' });
    await settle();
    expect(byTestId('connection-test-run')).toBeNull();

    params.set({ source: 'source-3' });
    await settle();
    (byTestId('connection-test-run') as HTMLButtonElement).click();
    await settle();
    expect(text('connection-test-run')).toBe('Testing…');
    http.expectOne({ method: 'POST', url: `${ORG}/sources/source-3/connection-test` }).flush({
      ok: false,
      testedAt: '2026-03-02T13:00:00.000Z',
      checks: [
        { check: 'credentials', ok: true, message: 'Token accepted', missingPermission: null },
        {
          check: 'ChannelMessage.Read.All',
          ok: false,
          message: 'Graph answered 403 on channel messages',
          missingPermission: 'ChannelMessage.Read.All',
        },
      ],
    });
    await settle();
    expect(text('connection-test-status')).toBe('Connection failed');
    expect(text('connection-test-time')).toBe('tested just now');
    const check = (name: string, part: string) =>
      byTestId(`connection-check-${name}`)
        ?.querySelector(`[data-testid="connection-check-${part}"]`)
        ?.textContent?.trim() ?? null;
    expect(check('credentials', 'outcome')).toBe('passed');
    expect(check('credentials', 'message')).toBe('Token accepted');
    expect(check('credentials', 'missing')).toBeNull();
    expect(check('ChannelMessage.Read.All', 'outcome')).toBe('failed');
    expect(check('ChannelMessage.Read.All', 'message')).toBe('Graph answered 403 on channel messages');
    expect(check('ChannelMessage.Read.All', 'missing')).toBe('Grant ChannelMessage.Read.All');

    (byTestId('connection-test-run') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne({ method: 'POST', url: `${ORG}/sources/source-3/connection-test` })
      .flush({ statusCode: 502, message: 'Graph unreachable' }, { status: 502, statusText: 'Bad Gateway' });
    await settle();
    expect(byTestId('connection-test-checks')).toBeNull();
    expect(text('connection-test-error')).toContain('Graph unreachable');

    // The catalogue said there is a test but the API has none (an older API): its 409 is a note, not an alarm.
    (byTestId('connection-test-run') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne({ method: 'POST', url: `${ORG}/sources/source-3/connection-test` })
      .flush(
        { statusCode: 409, message: 'this connector has no connection test' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(byTestId('connection-test-error')).toBeNull();
    expect(text('connection-test-unavailable')).toBe('this connector has no connection test');
  });
});
