import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { InvitationPage } from './invitation.page';

const TOKEN = `upi_${'a'.repeat(43)}`;

describe('InvitationPage', () => {
  let fixture: ComponentFixture<InvitationPage>;
  let http: HttpTestingController;
  const element = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
  const settle = async () => {
    TestBed.tick();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const type = async (testId: string, value: string) => {
    const input = element(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };

  beforeEach(() => {
    history.replaceState(null, '', `/invitation#token=${TOKEN}`);
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InvitationPage);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('reads the token from the fragment, drops it from the address bar, and lets a newcomer choose a password', async () => {
    expect(window.location.hash).toBe('');
    const lookup = http.expectOne('/api/invitations/lookup');
    expect(lookup.request.body).toEqual({ token: TOKEN });
    lookup.flush({
      organisationName: 'Acme',
      email: 'new@acme.test',
      role: 'change_manager',
      expiresAt: '2026-12-01T00:00:00Z',
      accountExists: false,
      signedInAsInvitee: false,
    });
    await settle();
    expect(element('invitation-summary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Join Acme as change manager with new@acme.test.',
    );
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await type('invitation-password', 'my own password 1');
    await type('invitation-repeat', 'my own password 1');
    element('invitation-accept')!.click();
    const accept = http.expectOne('/api/invitations/accept');
    expect(accept.request.body).toEqual({ token: TOKEN, password: 'my own password 1' });
    accept.flush({
      organisationId: 'org-1',
      organisationName: 'Acme',
      role: 'change_manager',
      email: 'new@acme.test',
      newAccount: true,
    });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/overview'], { queryParams: { org: 'org-1' } });
  });

  it("shows the server's message for a used or expired link", async () => {
    http
      .expectOne('/api/invitations/lookup')
      .flush({ message: 'This invitation link is not valid' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(element('error-banner')?.textContent).toContain('This invitation link is not valid');
    expect(element('invitation-accept')).toBeNull();
  });
});
