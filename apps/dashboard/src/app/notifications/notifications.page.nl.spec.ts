import '../../locale/dutch.testing';
import { loadTranslations } from '@angular/localize';
import { NL_NOTIFICATIONS } from '../../locale/nl/notifications';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OrganisationSummary } from '@uptake/contracts';
import { OrganisationContext } from '../shell/organisation-context';
import { BASE, CHANNELS, delivery, KPI_RULE, ORG, SETTINGS } from './fixtures';
import { NotificationsPage } from './notifications.page';

// Until the integrating engineer adds NL_NOTIFICATIONS to locale/nl/index.ts, this spec loads it itself.
loadTranslations(NL_NOTIFICATIONS);

const ORGANISATION: OrganisationSummary = {
  id: ORG,
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  perturbation: false,
  people: 120,
};

/** The notifications page in Dutch: its labels and the sentences it builds itself. */
describe('NotificationsPage in Dutch', () => {
  let fixture: ComponentFixture<NotificationsPage>;
  let http: HttpTestingController;
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = (testId: string) => element().querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const text = (testId: string) => clean(byTestId(testId));

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [NotificationsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: { organisation: signal(ORGANISATION), role: signal('admin') },
        },
      ],
    });
    fixture = TestBed.createComponent(NotificationsPage);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne(`${BASE}/settings`).flush({ ...SETTINGS, quietHours: { start: '22:00', end: '07:00' } });
    http.expectOne(`${BASE}/channels`).flush(CHANNELS);
    http.expectOne(`/api/organisations/${ORG}/rollouts`).flush([]);
    http.expectOne(`/api/organisations/${ORG}/sources`).flush([]);
    http.expectOne(`${BASE}/alert-rules`).flush([KPI_RULE]);
    http.expectOne(`${BASE}/deliveries?limit=50`).flush([delivery('5', { status: 'held', heldUntil: null })]);
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('shows the digest, alerts, channels and log in Dutch', () => {
    expect(clean(element().querySelector('h1'))).toBe('Meldingen');
    expect(text('digest-schedule')).toBe('Schema: Wekelijks op maandag om 08:00 (Europe/Amsterdam)');
    expect(text('digest-next')).toBe('Volgende overzicht: 7 dec 2026, 08:00');
    expect(text('rules-count')).toBe('1 van 50 regels');
    expect(text('rule-summary')).toBe('Als de KPI ‘adoptiegraad’ onder 40% komt');
    expect(text('rule-channels')).toBe('E-mail');
    expect(text('rule-status')).toBe('Actief');
    expect(text('quiet-hours')).toContain('Nu: 22:00 tot 07:00 (Europe/Amsterdam)');
    expect(text('channel-status-slack')).toBe('Ingesteld, verstuurt naar hooks.slack.com');
    expect(text('channel-status-teams')).toBe('Niet ingesteld');
    expect(text('delivery-status')).toBe('vastgehouden (stille uren)');
    expect(text('delivery-kind')).toBe('melding');
  });
});
