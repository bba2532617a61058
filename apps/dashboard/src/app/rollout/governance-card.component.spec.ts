import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { GovernanceCardComponent } from './governance-card.component';

describe('GovernanceCardComponent', () => {
  let fixture: ComponentFixture<GovernanceCardComponent>;
  let http: HttpTestingController;
  const text = (testId: string) =>
    (fixture.nativeElement as HTMLElement)
      .querySelector(`[data-testid="${testId}"]`)
      ?.textContent?.replace(/\s+/g, ' ')
      .trim() ?? null;
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
  };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(GovernanceCardComponent);
    fixture.componentRef.setInput('organisationId', 'org-1');
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('says the acknowledged share is hidden below k, never 0', async () => {
    http.expectOne('/api/organisations/org-1/governance').flush({
      guidelines: {
        version: '1.0',
        title: 'Guidelines',
        publishedOn: '2026-01-02',
        url: 'https://intranet/g',
      },
      eligible: null,
      acknowledged: null,
      share: null,
      suppressed: { code: 'below-k', minGroupSize: 5 },
    });
    await settle();
    expect(text('governance-guidelines')).toBe('Guidelines · version 1.0, published 2026-01-02');
    expect(text('governance-hidden')).toBe('Acknowledged: hidden (< 5 people)');
    expect(text('governance-share')).toBeNull();
  });

  it("shows the server's message when governance cannot be loaded", async () => {
    http
      .expectOne('/api/organisations/org-1/governance')
      .flush({ message: 'database unavailable' }, { status: 503, statusText: 'Unavailable' });
    await settle();
    expect(text('governance-error')).toBe('Could not load governance: database unavailable');
  });
});
