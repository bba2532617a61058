import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BEST_CASE_METHOD_CODE, type BestCasesReport } from '@uptake/contracts';
import { inDutch } from '../../locale/testing';
import { ChartStub, renderSection, type Rendered } from '../adoption/adoption.testing';
import { ChartComponent } from '../charts/chart.component';
import { plan } from '../rollout/fixtures';
import { FilterBarComponent } from '../shared/filter-bar/filter-bar.component';
import { BestCasesComponent } from './best-cases.component';
import { bestCases, communities, guildDetail } from './communities.fixtures';
import { CommunitiesPage } from './communities.page';
import { CommunityDetailComponent } from './community-detail.component';

@Component({ selector: 'up-filter-bar', template: '' })
class FilterBarStub {
  readonly effectiveRange = input<{ from: string; to: string } | undefined>(undefined);
}

const BASE = '/api/organisations/org-1';
const URL = `${BASE}/kpis/communities`;
const HIDDEN = 'verborgen (minder dan 5 personen)';

/** The communities page and the best-case finder in Dutch: labels, plurals and Dutch number formats. */
describe('Communities in Dutch', () => {
  inDutch();

  let view: Rendered<unknown>;
  const root = () => view.fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string) => root().querySelector<T>(`[data-testid="${id}"]`);

  beforeEach(() => {
    TestBed.overrideComponent(CommunitiesPage, {
      remove: { imports: [FilterBarComponent] },
      add: { imports: [FilterBarStub] },
    });
    TestBed.overrideComponent(CommunityDetailComponent, {
      remove: { imports: [ChartComponent] },
      add: { imports: [ChartStub] },
    });
  });

  afterEach(() => view.http.verify());

  it('shows the table, the highlights and one community in Dutch', async () => {
    view = renderSection(CommunitiesPage, 'change_manager', { community: 'g-guild' });
    expect(view.text('loading')).toBe('Community’s laden…');
    expect(view.text('detail-loading')).toBe('Community laden…');
    view.http.expectOne(URL).flush(communities);
    view.http.expectOne(`${URL}/g-guild`).flush(guildDetail);
    view.http.expectOne(`${BASE}/kpis/best-cases`).flush(bestCases);
    view.http.expectOne(`${BASE}/rollouts`).flush([]);
    await view.settle();

    expect(root().querySelector('h1')?.textContent?.trim()).toBe('Community’s');
    const [guild, makers, announcements, tiny] = view.rows('communities-table');
    // Dutch decimals (comma), the page's own kind names; hidden figures say why, in Dutch.
    expect(guild.slice(0, 7)).toEqual([
      'Engineering guild',
      'community',
      '120',
      '60',
      '75,0%',
      '90,0%',
      '2,5 uur',
    ]);
    expect(makers[0]).toBe('Makers privé');
    expect(makers[11]).toBe('viraal sinds 16 mrt 2026');
    expect(announcements[1]).toBe('kanaal');
    expect(announcements[8]).toBe('95,0% kwetsbaar');
    expect(tiny.slice(1, 3)).toEqual(['team', HIDDEN]);
    expect(view.text('community-count')).toBe('4 van 4 community’s');
    expect(view.text('suppressed-note')).toBe(
      'Sommige cijfers rusten op minder dan 5 personen en zijn verborgen.',
    );
    expect(view.text('viral-highlight')).toBe('Makers +80% actieve personen in 4 weken, sinds 16 mrt 2026');
    expect(byTestId('sort-medianHoursToFirstReply')?.getAttribute('title')).toBe(
      'Mediane tijd tot het eerste antwoord',
    );

    expect(view.text('detail-median')).toBe('2,5 uur');
    expect(view.text('hidden-buckets')).toBe('1 reactietijdklasse is verborgen (minder dan 5 personen).');
    expect(view.text('hidden-flows')).toBe(
      '2 stromen worden niet getoond: een kant heeft minder dan 5 personen.',
    );
    const weekly = view.chartOption(0) as { series: { name: string }[] };
    expect(weekly.series.map((series) => series.name)).toEqual(['Leden', 'Actieve personen', 'Berichten']);
    const personas = [...root().querySelectorAll('[data-testid="detail-personas"] .persona-name')].map(
      (name) => name.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(personas[0]).toBe('Aanjagers starten discussies waarop anderen antwoorden');
  }, 20_000); // compiles the page, its table and the detail

  it('ranks best cases and describes the shortlist in Dutch', async () => {
    view = renderSection(BestCasesComponent);
    view.http.expectOne(`${BASE}/kpis/best-cases`).flush(bestCases);
    view.http.expectOne(`${BASE}/rollouts`).flush([plan()]);
    await view.settle();

    expect(view.rows('best-cases-table').map((cells) => cells.slice(0, 5))[1]).toEqual([
      'Sales op de shortlist',
      '2',
      'Sales organisatie-eenheid',
      '40',
      '0,60',
    ]);
    expect(view.text('best-cases-excluded')).toBe(
      '2 kandidaten rusten op minder dan 5 actieve personen en krijgen geen rang.',
    );
    expect(view.text('shortlist-summary')).toBe('Niets op de shortlist');
    for (const index of [0, 1]) {
      const box = root().querySelectorAll<HTMLInputElement>('[data-testid="best-case-select"]')[index];
      box.checked = true;
      box.dispatchEvent(new Event('change'));
    }
    await view.settle();
    expect(view.text('shortlist-summary')).toBe('1 community en 1 eenheid op de shortlist');
    const phase = byTestId<HTMLSelectElement>('best-case-phase')!;
    expect(phase.selectedOptions[0].textContent?.trim()).toBe('Demo rollout · Best cases (gepland)');
  });

  it('says the API’s explanations and method in Dutch from their codes, else keeps the English', async () => {
    // The guild's criteria carry their code and figures; Sales' do not (a report of an older API).
    const [guild, sales, makers] = bestCases.candidates;
    const report: BestCasesReport = {
      ...bestCases,
      methodCode: BEST_CASE_METHOD_CODE,
      candidates: [
        {
          ...guild,
          criteria: [
            {
              ...guild.criteria[0],
              explanationDetail: {
                code: 'compared',
                params: { criterion: 'replyCoverage', value: 0.9, organisationValue: 0.54 },
              },
            },
            {
              ...guild.criteria[1],
              explanationDetail: {
                code: 'compared',
                params: { criterion: 'medianHoursToFirstReply', value: 2.5, organisationValue: 6 },
              },
            },
          ],
        },
        sales,
        {
          ...makers,
          criteria: [
            {
              ...makers.criteria[0],
              explanationDetail: {
                code: 'no-organisation-figure',
                params: { criterion: 'growth', value: 0.16 },
              },
            },
          ],
        },
      ],
    };
    view = renderSection(BestCasesComponent);
    view.http.expectOne(`${BASE}/kpis/best-cases`).flush(report);
    view.http.expectOne(`${BASE}/rollouts`).flush([plan()]);
    await view.settle();

    const explanation = (row: number, criterion: string) =>
      root()
        .querySelectorAll('[data-testid="best-case-row"]')
        [row].querySelector(`[data-criterion="${criterion}"] .muted.small`)
        ?.textContent?.trim();
    expect(explanation(0, 'replyCoverage')).toBe(
      'beantwoordt 90% van de threads binnen 7 dagen, tegen 54% in de organisatie',
    );
    expect(explanation(0, 'medianHoursToFirstReply')).toBe(
      'eerste reactie na 2,5 uur (mediaan), tegen 6 uur in de organisatie',
    );
    expect(explanation(2, 'growth')).toBe(
      'Groei per week: +16%, geen cijfer van de organisatie om mee te vergelijken, telt als 0',
    );
    // No code: the API's English sentence, as sent.
    expect(explanation(1, 'growth')).toBe('shrinks by 5% a week vs +1% in the organisation');
    expect(view.text('best-cases-method')).toMatch(/^Elke kandidaat \(een community, .* in geen\)\.$/);
  });

  it('keeps the API’s English method when it names no method this page knows', async () => {
    view = renderSection(BestCasesComponent);
    view.http.expectOne(`${BASE}/kpis/best-cases`).flush(bestCases);
    view.http.expectOne(`${BASE}/rollouts`).flush([plan()]);
    await view.settle();
    expect(view.text('best-cases-method')).toBe(bestCases.method);
  });
});
