import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AlertRuleView, OrganisationSummary, Role } from '@uptake/contracts';
import { OrganisationContext } from '../shell/organisation-context';
import { BASE, CHANNELS, delivery, GATE_RULE, KPI_RULE, ORG, PLAN_ID, rule, SETTINGS } from './fixtures';
import { NotificationsPage } from './notifications.page';

const ORGANISATION: OrganisationSummary = {
  id: ORG,
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  perturbation: false,
  people: 120,
};
const PLANS = [
  { id: PLAN_ID, name: 'Viva Engage pilot', status: 'active', createdAt: '', updatedAt: '', phases: [] },
];
const BAD_REQUEST = { status: 400, statusText: 'Bad Request' };

describe('NotificationsPage', () => {
  let fixture: ComponentFixture<NotificationsPage>;
  let http: HttpTestingController;
  const role = signal<Role | null>('executive');
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends Element = HTMLElement>(testId: string) =>
    element().querySelector<T>(`[data-testid="${testId}"]`);
  const all = (testId: string) => [...element().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const text = (testId: string) => clean(byTestId(testId));
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };
  const click = async (testId: string) => {
    byTestId<HTMLButtonElement>(testId)!.click();
    await settle();
  };
  const choose = async (testId: string, value: string) => {
    const select = byTestId<HTMLSelectElement>(testId)!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await settle();
  };
  const type = async (testId: string, value: string) => {
    const input = byTestId<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };
  const submit = async (testId: string) => {
    byTestId<HTMLFormElement>(testId)!.dispatchEvent(new Event('submit'));
    await settle();
  };

  function create(as: Role | null): void {
    role.set(as);
    TestBed.configureTestingModule({
      imports: [NotificationsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: OrganisationContext, useValue: { organisation: signal(ORGANISATION), role } },
      ],
    });
    fixture = TestBed.createComponent(NotificationsPage);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    TestBed.tick();
  }

  /** Loads the page as an executive: gates and KPIs, no sources, no channels. */
  async function loadAsExecutive(rules: AlertRuleView[] = [KPI_RULE, GATE_RULE]): Promise<void> {
    create('executive');
    http.expectOne(`${BASE}/settings`).flush(SETTINGS);
    http.expectOne(`/api/organisations/${ORG}/rollouts`).flush(PLANS);
    http.expectOne(`${BASE}/alert-rules`).flush(rules);
    http.expectOne(`${BASE}/deliveries?limit=50`).flush([
      delivery('12'),
      delivery('11', {
        kind: 'digest',
        subject: 'Your week in Acme',
        status: 'failed',
        attempts: 5,
        lastError: 'SMTP 550',
      }),
    ]);
    await settle();
  }

  afterEach(() => http.verify());

  it('shows my digest, my alerts in words and my deliveries; no channels for a non-admin', async () => {
    await loadAsExecutive();
    expect(text('digest-schedule')).toBe('Schedule: Weekly on Monday at 08:00 (Europe/Amsterdam)');
    expect(text('digest-next')).toBe('Next digest: 7 Dec 2026, 08:00');
    expect(text('digest-email')).toBe('Sent to exec@acme.test');
    expect(all('digest-section').map(clean)).toEqual([
      'Adoption and goals: weekly active share, business goals, rollout gates',
    ]);
    expect(text('rules-count')).toBe('2 of 50 rules');
    expect(all('rule-summary').map(clean)).toEqual([
      'When the adoption rate goes below 40%',
      'When a gate of Viva Engage pilot changes status',
    ]);
    expect(all('rule-title').map(clean)).toEqual(['KPI threshold', 'Pilot gate']);
    expect(all('rule-status').map(clean)).toEqual(['Active', 'Active']);
    expect(text('quiet-hours')).toContain('Now: none');
    expect(all('delivery-status').map(clean)).toEqual(['sent', 'failed']);
    expect(all('delivery-status')[1].classList).toContain('tone-bad');
    expect(all('delivery-error').map(clean)).toEqual(['', 'SMTP 550']);
    expect(text('deliveries-card')).toContain('Your digests and alerts, newest first.');
    expect(byTestId('channels-card')).toBeNull();
    // an executive watches gates and KPIs: no source kinds offered
    await click('rule-add');
    const kinds = [...byTestId<HTMLSelectElement>('rule-kind-select')!.options].map((o) => o.value);
    expect(kinds).toEqual(['gate_status_changed', 'kpi_threshold']);
    await click('rule-cancel');
  });

  it('saves the digest schedule with the quiet hours as they were', async () => {
    await loadAsExecutive();
    expect(byTestId<HTMLButtonElement>('digest-save')!.disabled).toBe(true);
    await choose('digest-frequency', 'daily');
    expect(byTestId<HTMLSelectElement>('digest-dayOfWeek')!.disabled).toBe(true);
    await type('digest-time', '06:30');
    await submit('digest-form');
    const request = http.expectOne(`${BASE}/settings`);
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      digest: { enabled: true, frequency: 'daily', dayOfWeek: 1, time: '06:30' },
      quietHours: null,
    });
    request.flush({ ...SETTINGS, digest: { ...SETTINGS.digest, frequency: 'daily', time: '06:30' } });
    await settle();
    expect(text('digest-saved')).toBe('Digest settings saved.');
    expect(text('digest-schedule')).toBe('Schedule: Daily at 06:30 (Europe/Amsterdam)');
  });

  it("shows the API's 400 at the field it names", async () => {
    await loadAsExecutive();
    await type('digest-time', '');
    await submit('digest-form');
    http
      .expectOne(`${BASE}/settings`)
      .flush(
        { statusCode: 400, message: ['digest.time must be a time HH:MM from 00:00 to 23:59 (got "")'] },
        BAD_REQUEST,
      );
    await settle();
    expect(text('digest-error-time')).toBe('digest.time must be a time HH:MM from 00:00 to 23:59 (got "")');
    expect(byTestId('digest-saved')).toBeNull();
  });

  it('creates a KPI threshold rule and lists it', async () => {
    await loadAsExecutive([GATE_RULE]);
    await click('rule-add');
    await choose('rule-kind-select', 'kpi_threshold');
    await type('rule-name', 'Contributors up');
    await choose('rule-kpi', 'contributor_share');
    await choose('rule-direction', 'above');
    await type('rule-value', '12.5');
    await submit('rule-form');
    const request = http.expectOne(`${BASE}/alert-rules`);
    expect(request.request.method).toBe('POST');
    const body = {
      name: 'Contributors up',
      condition: {
        kind: 'kpi_threshold',
        kpi: 'contributor_share',
        direction: 'above',
        value: 0.125,
        population: null,
      },
      channels: ['email'],
      enabled: true,
      mutedUntil: null,
    };
    expect(request.request.body).toEqual(body);
    request.flush(rule('rule-new', body.condition as AlertRuleView['condition'], { name: body.name }));
    await settle();
    expect(byTestId('rule-form')).toBeNull();
    expect(text('rules-count')).toBe('2 of 50 rules');
    expect(all('rule-summary').map(clean)[1]).toBe('When the contributor share goes above 12.5%');
  });

  it("shows a rule's 400 at its field and a percentage out of range before sending", async () => {
    await loadAsExecutive([]);
    expect(text('rules-empty')).toBe('No alerts yet: add one to hear when something changes.');
    await click('rule-add');
    await choose('rule-kind-select', 'kpi_threshold');
    await type('rule-value', '140');
    await submit('rule-form');
    // nothing sent (http.verify in afterEach)
    expect(text('rule-error-value')).toBe('The threshold must be a percentage from 0 to 100.');
    await type('rule-value', '40');
    byTestId<HTMLInputElement>('rule-channel-slack')!.click();
    await settle();
    await submit('rule-form');
    http.expectOne(`${BASE}/alert-rules`).flush(
      {
        statusCode: 400,
        message: [
          'channels: slack is not set up for this organisation (an admin sets its webhook under Notifications)',
        ],
      },
      BAD_REQUEST,
    );
    await settle();
    expect(byTestId('rule-error-value')).toBeNull();
    expect(text('rule-error-channels')).toBe(
      'channels: slack is not set up for this organisation (an admin sets its webhook under Notifications)',
    );
    expect(byTestId('rule-form')).not.toBeNull();
  });

  it('mutes a rule for a day and unmutes it', async () => {
    await loadAsExecutive([KPI_RULE]);
    const before = Date.now();
    await choose('rule-mute', 'day');
    const request = http.expectOne(`${BASE}/alert-rules/rule-kpi`);
    expect(request.request.method).toBe('PUT');
    const until = Date.parse(request.request.body.mutedUntil);
    expect(until - before).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect(request.request.body).toMatchObject({ enabled: true, condition: KPI_RULE.condition });
    request.flush({ ...KPI_RULE, mutedUntil: '2099-01-01T12:00:00.000Z' });
    await settle();
    expect(text('rule-status')).toBe('Muted until 1 Jan 2099, 13:00');
    await click('rule-unmute');
    const unmute = http.expectOne(`${BASE}/alert-rules/rule-kpi`);
    expect(unmute.request.body).toMatchObject({ enabled: true, mutedUntil: null });
    unmute.flush(KPI_RULE);
    await settle();
    expect(text('rule-status')).toBe('Active');
  });

  it('deletes a rule after asking', async () => {
    await loadAsExecutive([KPI_RULE, GATE_RULE]);
    await click('rule-delete');
    await click('rule-delete-confirm');
    const request = http.expectOne(`${BASE}/alert-rules/rule-kpi`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(all('rule-title').map(clean)).toEqual(['Pilot gate']);
  });

  it('disables "add" at 50 rules', async () => {
    const rules = Array.from({ length: 50 }, (_, i) => rule(`rule-${i}`, KPI_RULE.condition));
    await loadAsExecutive(rules);
    expect(text('rules-count')).toBe('50 of 50 rules');
    expect(byTestId<HTMLButtonElement>('rule-add')!.disabled).toBe(true);
    expect(text('rules-at-cap')).toBe(
      'You have 50 alert rules, the most there can be: delete one to add another.',
    );
  });

  it('shows the preview in a sandboxed frame, charts inlined', async () => {
    await loadAsExecutive([]);
    await click('digest-preview');
    const request = http.expectOne(`${BASE}/digest/preview`);
    expect(request.request.method).toBe('POST');
    request.flush({
      subject: 'Your week in Acme',
      html: '<h1>Week 49</h1><img src="cid:adoption" alt="">',
      text: 'Week 49',
      sections: ['executive'],
      locale: 'en',
      images: [{ cid: 'adoption', contentType: 'image/png', dataUri: 'data:image/png;base64,iVBOR' }],
      dashboardUrl: 'http://localhost/overview',
    });
    await settle();
    expect(text('digest-preview-subject')).toBe('Your week in Acme');
    const frame = byTestId<HTMLIFrameElement>('digest-preview-frame')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(
      '<h1>Week 49</h1><img src="data:image/png;base64,iVBOR" alt="">',
    );
  });

  it('gives an admin the channels: set a webhook, send a test, see the result', async () => {
    create('admin');
    http
      .expectOne(`${BASE}/settings`)
      .flush({ ...SETTINGS, sections: ['executive', 'change_manager', 'connector_maintainer'] });
    http.expectOne(`${BASE}/channels`).flush(CHANNELS);
    http.expectOne(`/api/organisations/${ORG}/rollouts`).flush(PLANS);
    http.expectOne(`/api/organisations/${ORG}/sources`).flush([]);
    http.expectOne(`${BASE}/alert-rules`).flush([]);
    http.expectOne(`${BASE}/deliveries?limit=50`).flush([]);
    await settle();
    expect(text('channel-status-slack')).toBe('Set, posts to hooks.slack.com');
    expect(text('channel-status-teams')).toBe('Not set');
    expect(byTestId('channel-test-teams')).toBeNull();
    expect(text('deliveries-card')).toContain(
      'Every digest, alert and test of the organisation, newest first.',
    );

    await type('channel-url-teams', 'http://example.com/hook');
    await submit('channel-teams');
    const refused = http.expectOne(`${BASE}/channels/teams`);
    expect(refused.request.method).toBe('PUT');
    expect(refused.request.body).toEqual({ webhookUrl: 'http://example.com/hook' });
    refused.flush(
      { statusCode: 400, message: ['webhookUrl must be an https:// URL (http:// only for localhost)'] },
      BAD_REQUEST,
    );
    await settle();
    expect(text('channel-error-teams')).toBe(
      'webhookUrl must be an https:// URL (http:// only for localhost)',
    );

    await type('channel-url-teams', 'https://acme.webhook.office.com/webhookb2/x');
    await submit('channel-teams');
    http.expectOne(`${BASE}/channels/teams`).flush({
      kind: 'teams',
      configured: true,
      host: 'acme.webhook.office.com',
      updatedAt: '2026-12-01T12:00:00Z',
    });
    await settle();
    expect(text('channel-status-teams')).toBe('Set, posts to acme.webhook.office.com');
    expect(byTestId<HTMLInputElement>('channel-url-teams')!.value).toBe('');

    await click('channel-test-teams');
    http
      .expectOne(`${BASE}/channels/teams/test`)
      .flush({ ok: false, httpStatus: 404, error: 'the receiver answered 404 Not Found', deliveryId: '41' });
    await settle();
    expect(text('channel-test-result-teams')).toBe(
      'Not delivered (HTTP 404): the receiver answered 404 Not Found',
    );

    // the alert form now offers Teams as well as Slack
    await click('rule-add');
    expect(byTestId<HTMLInputElement>('rule-channel-teams')!.disabled).toBe(false);
    expect(byTestId<HTMLInputElement>('rule-channel-slack')!.disabled).toBe(false);
  });

  it('says notifications need a member when the role is unknown (an API token)', async () => {
    create(null);
    await settle();
    expect(text('notifications-no-member')).toBe(
      'Digests and alerts belong to a signed-in member of this organisation.',
    );
    expect(byTestId('digest-card')).toBeNull();
  });
});
