import { HttpClient, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { inDutch } from '../../locale/testing';
import { ChartComponent } from '../charts/chart.component';
import { ChartStub } from '../charts/chart.testing';
import { OrganisationContext } from '../shell/organisation-context';
import { RUN_POLL_MS, UPLOAD_HTTP } from './connectors-api';
import { ConnectorsPage } from './connectors.page';
import { REAL_CONNECTORS } from './real-connector-schemas';
import { RunHistoryComponent } from './run-history.component';
import { CONNECTOR_CATALOGUE, source, syncRun } from './test-data';

const ORG = '/api/organisations/org-1';
const demoSource = source();
const csvSource = source({ id: 'source-2', name: 'Intranet CSV', connectorType: 'csv' });

/**
 * The connector maintainer's page in Dutch: the page's own labels, times and counts are Dutch, and so are the
 * connector catalogue's titles and field descriptions the page has a Dutch text for (connector-texts.ts);
 * others, and the API's validation messages, stay as the API sends them.
 */
describe('ConnectorsPage in Dutch', () => {
  inDutch();

  let fixture: ComponentFixture<ConnectorsPage>;
  let http: HttpTestingController;
  const params = signal<Record<string, string | undefined>>({});
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = (testId: string) => element().querySelector(`[data-testid="${testId}"]`);
  const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const text = (testId: string) => clean(byTestId(testId));
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  beforeEach(async () => {
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
    expect(text('loading')).toBe('Bronnen laden…');
    http.expectOne('/api/connectors').flush([...CONNECTOR_CATALOGUE, REAL_CONNECTORS['ms-teams']]);
    http.expectOne(`${ORG}/sources`).flush([demoSource, csvSource]);
    http.expectOne(`${ORG}/sync-runs?status=failed&limit=50`).flush([
      syncRun({
        id: 'run-5',
        status: 'failed',
        attempts: 3,
        error: null,
        finishedAt: '2026-03-01T13:00:00Z',
      }),
    ]);
    await settle();
    http
      .expectOne(`${ORG}/sources/source-1/sync-runs?limit=50`)
      .flush([
        syncRun({ finishedAt: '2026-03-02T10:00:12.000Z', recordsRead: 276642, recordsInserted: 276642 }),
      ]);
    http.expectOne(`${ORG}/sources/source-2/sync-runs?limit=50`).flush([]);
    await settle();
  }, 20_000); // the first test compiles the page and its children

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('shows each source with Dutch statuses, times and number formats', () => {
    expect([...element().querySelectorAll('[data-testid="sources-table"] th')].map(clean)).toEqual([
      'Bron',
      'Planning',
      'Laatste synchronisatie',
      'Achterstand',
      'Gelezen',
      'Toegevoegd',
      'Dubb.',
      'Quar.',
      'Acties',
    ]);
    expect(clean(element().querySelector('.card-head p'))).toBe(
      'Connectoren voeden 2 bronnen in Uptake. De achterstand is de tijd sinds de laatste geslaagde ' +
        'synchronisatie van een bron.',
    );
    const demoRow = byTestId('source-row-Demo generator') as HTMLElement;
    const cell = (testId: string) => clean(demoRow.querySelector(`[data-testid="${testId}"]`));
    // The API's catalogue sends the title in English; the page says it from connector-texts.ts.
    expect(cell('source-type')).toBe('Demo-organisatie (gesimuleerd)');
    expect(cell('source-schedule')).toBe('op verzoek');
    expect(cell('last-sync-status')).toBe('Geslaagd');
    expect(cell('last-sync-ago')).toBe('3 uur geleden');
    expect(cell('source-lag')).toBe('3 uur');
    expect(cell('last-read')).toBe('276.642');
    expect(cell('sync-now')).toBe('Nu synchroniseren');
    const csvRow = byTestId('source-row-Intranet CSV') as HTMLElement;
    expect(clean(csvRow.querySelector('[data-testid="source-lag"]'))).toBe('nooit gesynchroniseerd');
    expect(clean(csvRow.querySelector('label.upload'))).toBe('Bestand uploaden');
  });

  it('names the connectors and describes their fields in Dutch, keeping English it has no Dutch for', async () => {
    const type = byTestId('add-source-type') as HTMLSelectElement;
    expect([...type.options].map(clean)).toContain(
      'Microsoft Teams-kanaal- en chatberichten (Microsoft Graph) (ms-teams)',
    );
    type.value = 'ms-teams';
    type.dispatchEvent(new Event('change'));
    await settle();
    expect(text('add-source-settings-baseUrl-hint')).toBe('De basis-URL van de Microsoft Graph-API');
    expect(text('add-source-settings-pageSize-hint')).toBe(
      'Berichten per pagina ($top, hoogstens 50) · 1–50',
    );
    // The test catalogue's Slack token has a description the real connector does not: no Dutch text for it.
    type.value = 'slack-api';
    type.dispatchEvent(new Event('change'));
    await settle();
    expect(text('add-source-credentials-token-hint')).toBe('Bot token (xoxb-…)');
  });

  it('lists a failed run with its trigger and attempts in Dutch', () => {
    const run = byTestId('dead-letter-run-5')!;
    expect(clean(run.querySelector('.muted'))).toBe('· handmatig · mislukt 1 dag geleden · 3 pogingen');
    expect(clean(run.querySelector('.run-error'))).toBe('Geen foutmelding vastgelegd');
    expect(clean(run.querySelector('button'))).toBe('Opnieuw proberen');
  });

  it("checks the new source's fields before sending, with Dutch reasons after the API's field names", async () => {
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    http.expectNone({ method: 'POST', url: `${ORG}/sources` });
    expect(text('add-source-error-name')).toBe('name: geef de bron een naam');
    const delimiter = byTestId('add-source-settings-delimiter') as HTMLInputElement;
    delimiter.value = 'ab';
    delimiter.dispatchEvent(new Event('input'));
    (byTestId('add-source-submit') as HTMLButtonElement).click();
    await settle();
    expect(text('add-source-settings-delimiter-error')).toBe('settings.delimiter: hoogstens 1 teken');
    expect(text('add-source-upload-hint')).toBe(
      'Een csv-bron wordt gevoed met uploads (.csv, .ndjson, .jsonl, .json): voeg hem toe en gebruik dan ' +
        '"Bestand uploaden" in zijn rij.',
    );
  });
});
