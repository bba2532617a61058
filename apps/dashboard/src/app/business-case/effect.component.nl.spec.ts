import '../../locale/dutch.testing';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ChartComponent } from '../charts/chart.component';
import { ChartStub } from '../charts/chart.testing';
import { effectSentence, phaseLead } from './effect-sentence';
import { EffectComponent } from './effect.component';
import { emailEffect, tooFewEffect } from './fixtures';

describe('a measured effect in Dutch', () => {
  it('reads the effect sentence in Dutch word order, with Dutch numbers and money', () => {
    // the English spec's first case: −14% (−19..−9), €84,022.40 → about €84,000
    expect(
      effectSentence({
        lead: phaseLead('Pilot'),
        metric: 'usage:email.sent',
        effect: emailEffect,
        value: { perYear: 84_022.4, currency: 'EUR' },
      }),
    ).toBe(
      'In de pilot stuurden mensen 14% minder e-mails per week dan vergelijkbare collega’s ' +
        '(95%-interval 9–19%), goed voor ongeveer €\u00a084.000 per jaar.',
    );
    expect(
      effectSentence({ lead: phaseLead('Wave 1'), metric: 'usage:email.sent', effect: tooFewEffect }),
    ).toBe(
      'In de fase “Wave 1” is er nog geen schatting: minder dan 5 personen in de doelgroep of de ' +
        'vergelijkingsgroep hebben gegevens van zowel voor als na de start.',
    );
  });

  it('renders the figures, group sizes and weeks in Dutch', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.overrideComponent(EffectComponent, {
      remove: { imports: [ChartComponent] },
      add: { imports: [ChartStub] },
    });
    const fixture = TestBed.createComponent(EffectComponent);
    fixture.componentRef.setInput('effect', emailEffect);
    fixture.componentRef.setInput('sentence', 'zin');
    fixture.componentRef.setInput('metric', 'usage:email.sent');
    fixture.detectChanges();
    const text = (testId: string) =>
      (fixture.nativeElement as HTMLElement)
        .querySelector(`[data-testid="${testId}"]`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim();
    expect(text('effect-absolute')).toBe(
      '\u22122,80 (95%-interval \u22123,80 tot \u22121,80) per persoon per week',
    );
    expect(text('effect-relative')).toBe('\u221214% (\u221219% tot \u22129%)');
    expect(text('effect-significant')).toBe('Ja: het 95%-interval sluit geen verandering uit');
    expect(text('effect-treated-people')).toBe('120 personen');
    expect(text('effect-windows')).toBe(
      'Voor: 5 jan 2026 – 1 mrt 2026 · na: 2 mrt 2026 – 29 mrt 2026 · 1.000 bootstrapherhalingen ' +
        '(clusterbootstrap op persoonsniveau, verbreed percentielinterval)',
    );
    const rows = [
      ...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="effect-weeks"] tbody tr'),
    ];
    const cells = (row: Element) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows.map(cells)).toContainEqual(['2026-03-02 (na)', '17,6', 'verborgen (minder dan 5 personen)']);
  });
});
