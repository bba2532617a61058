import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { QuarantinedRecordView } from '@uptake/contracts';
import { QUARANTINE_PAGE_SIZE, QuarantinedRecordsComponent } from './quarantined-records.component';

const URL = '/api/organisations/org-1/sync-runs/run-1/quarantined-records';

function record(id: number): QuarantinedRecordView {
  return {
    id: String(id),
    organisationId: 'org-1',
    sourceId: 'source-1',
    syncRunId: 'run-1',
    file: 'activity.csv',
    line: id + 1,
    field: 'occurred_at',
    recordId: `row-${id}`,
    reason: 'occurred_at: not a date-time with offset',
    createdAt: '2026-03-02T10:00:00.000Z',
  };
}

describe('QuarantinedRecordsComponent', () => {
  let fixture: ComponentFixture<QuarantinedRecordsComponent>;
  let http: HttpTestingController;
  const element = () => fixture.nativeElement as HTMLElement;
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(QuarantinedRecordsComponent);
    fixture.componentRef.setInput('organisationId', 'org-1');
    fixture.componentRef.setInput('runId', 'run-1');
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('pages on with the last id as `after`, and back', async () => {
    expect(element().querySelector('[data-testid="quarantine-loading"]')).not.toBeNull();
    const firstPage = Array.from({ length: QUARANTINE_PAGE_SIZE }, (_, index) => record(index + 1));
    http.expectOne(`${URL}?limit=50`).flush(firstPage);
    await settle();
    expect(element().querySelectorAll('[data-testid="quarantine-row"]')).toHaveLength(50);

    (element().querySelector('[data-testid="quarantine-next"]') as HTMLButtonElement).click();
    await settle();
    http.expectOne(`${URL}?limit=50&after=50`).flush([record(51)]);
    await settle();
    expect(element().querySelectorAll('[data-testid="quarantine-row"]')).toHaveLength(1);
    expect(element().querySelector('[data-testid="quarantine-line"]')?.textContent?.trim()).toBe('52');
    // a short page is the last one
    expect((element().querySelector('[data-testid="quarantine-next"]') as HTMLButtonElement).disabled).toBe(
      true,
    );

    (element().querySelector('.pager button') as HTMLButtonElement).click();
    await settle();
    http.expectOne(`${URL}?limit=50`).flush(firstPage);
    await settle();
    expect(element().querySelectorAll('[data-testid="quarantine-row"]')).toHaveLength(50);
  });

  it('says when the run quarantined nothing, and shows errors', async () => {
    http.expectOne(`${URL}?limit=50`).flush([]);
    await settle();
    expect(element().querySelector('[data-testid="quarantine-empty"]')?.textContent?.trim()).toBe(
      'This run quarantined nothing.',
    );
    fixture.componentRef.setInput('runId', 'run-2');
    await settle();
    http
      .expectOne('/api/organisations/org-1/sync-runs/run-2/quarantined-records?limit=50')
      .flush(
        { statusCode: 404, message: 'Sync run run-2 not found' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
    expect(element().querySelector('[data-testid="quarantine-error"]')?.textContent?.trim()).toBe(
      'Sync run run-2 not found',
    );
  });
});
