import '../../locale/dutch.testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ChartComponent } from '../charts/chart.component';
import { ChartStub } from '../charts/chart.testing';
import { EffectComponent } from '../business-case/effect.component';
import { emailEffect, training } from '../business-case/fixtures';
import { InterventionEffectComponent } from './intervention-effect.component';

describe('InterventionEffectComponent in Dutch', () => {
  it('measures an intervention and tells its effect in Dutch', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.overrideComponent(EffectComponent, {
      remove: { imports: [ChartComponent] },
      add: { imports: [ChartStub] },
    });
    const fixture = TestBed.createComponent(InterventionEffectComponent);
    fixture.componentRef.setInput('intervention', training);
    fixture.componentRef.setInput('organisationId', 'org-1');
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    const element = fixture.nativeElement as HTMLElement;
    const text = (testId: string) =>
      element.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    expect(text('intervention-effect-loading')).toBe('Het effect meten…');
    expect(element.querySelector('section')?.getAttribute('aria-label')).toBe(`Effect van ${training.title}`);
    expect(element.querySelector('label span')?.textContent).toBe('Maatstaf');
    expect(element.querySelector('option')?.textContent?.trim()).toBe('Verzonden e-mails (gebruiksrapport)');
    http
      .expectOne((request) => request.url.includes(`/interventions/${training.id}/effect`))
      .flush(emailEffect);
    TestBed.tick();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(text('effect-sentence')).toBe(
      `Na “${training.title}” stuurden mensen 14% minder e-mails per week dan vergelijkbare collega’s (95%-interval 9–19%).`,
    );
    http.verify();
  });
});
