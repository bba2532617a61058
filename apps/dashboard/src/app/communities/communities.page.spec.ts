import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ChartComponent } from '../charts/chart.component';
import { ChartStub, badRequest, renderSection, type Rendered } from '../adoption/adoption.testing';
import { FilterBarComponent } from '../shared/filter-bar/filter-bar.component';
import { BestCasesComponent } from './best-cases.component';
import { communities, guildDetail, tiny } from './communities.fixtures';
import { CommunitiesPage } from './communities.page';
import { CommunityDetailComponent } from './community-detail.component';

@Component({ selector: 'up-filter-bar', template: '' })
class FilterBarStub {
  readonly effectiveRange = input<{ from: string; to: string } | undefined>(undefined);
}

// The best-case finder has its own spec; here it would only add requests.
@Component({ selector: 'up-best-cases', template: '' })
class BestCasesStub {}

const URL = '/api/organisations/org-1/kpis/communities';
const HIDDEN = 'hidden (< 5 people)';

describe('CommunitiesPage', () => {
  let view: Rendered<CommunitiesPage>;
  const root = () => view.fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string) => root().querySelector<T>(`[data-testid="${id}"]`);
  const names = () => view.rows('communities-table').map((cells) => cells[0]);

  beforeEach(() => {
    TestBed.overrideComponent(CommunitiesPage, {
      remove: { imports: [FilterBarComponent, BestCasesComponent] },
      add: { imports: [FilterBarStub, BestCasesStub] },
    });
    TestBed.overrideComponent(CommunityDetailComponent, {
      remove: { imports: [ChartComponent] },
      add: { imports: [ChartStub] },
    });
  });

  afterEach(() => view.http.verify());

  it('renders the table from the report with the URL filters, the organisation row and badges', async () => {
    view = renderSection(CommunitiesPage, 'change_manager', { orgUnit: 'unit-a', granularity: 'month' });
    expect(view.text('loading')).toBe('Loading communities…');
    view.http.expectOne(`${URL}?orgUnitId=unit-a&granularity=month`).flush(communities);
    await view.settle();

    expect(view.rows('communities-table')).toEqual([
      // name (+private), kind, members, active, health, coverage, first reply, unanswered, top 10%, cross, growth, viral, sparkline
      [
        'Engineering guild',
        'community',
        '120',
        '60',
        '75.0%',
        '90.0%',
        '2.5 h',
        '5.0%',
        '35.0%',
        '60.0%',
        '+2.0%',
        '',
        '',
      ],
      // 25/26 = 96.15…% → 96.2%
      [
        'Makers private',
        'community',
        '30',
        '25',
        '96.2%',
        '70.0%',
        '30 min',
        '20.0%',
        '40.0%',
        '30.0%',
        '+16.0%',
        'viral since 16 Mar 2026',
        '',
      ],
      // No reply at all: the median does not exist, it is not withheld.
      [
        'Announcements',
        'channel',
        '400',
        '12',
        '20.0%',
        '10.0%',
        '–',
        '90.0%',
        '95.0% fragile',
        '0.0%',
        '0.0%',
        '',
        '',
      ],
      ['Tiny team', 'team', HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, '', '–'],
    ]);
    const reference = [...byTestId('organisation-row')!.querySelectorAll('th, td')].map((cell) =>
      cell.textContent?.trim(),
    );
    expect(reference).toEqual([
      'Organisation',
      'all communities together',
      '54.0%',
      '6.0 h',
      '30.0%',
      '',
      '25.0%',
      '',
    ]);
    expect(view.text('suppressed-note')).toBe('Some figures rest on fewer than 5 people and are hidden.');
    expect(view.text('community-count')).toBe('4 of 4 communities');
    // Guild: 40 then 50 people, max 50: y = 24 − 40/50·24 = 4.8, then 0.
    expect(byTestId('sparkline')!.querySelector('path')!.getAttribute('d')).toBe('M0 4.8L96 0');
    expect(byTestId('sparkline')!.getAttribute('aria-label')).toBe(
      'Weekly active people from 40 (week of 2026-04-06) to 50 (week of 2026-04-13)',
    );
    expect(view.text('viral-highlight')).toBe('Makers +80% active people in 4 weeks, since 16 Mar 2026');
  });

  it('sorts the loaded rows by clicking headers, without asking the API again', async () => {
    view = renderSection(CommunitiesPage);
    view.http.expectOne(URL).flush(communities);
    await view.settle();
    const heading = () => byTestId('sort-healthIndex')!.closest('th')!;
    expect(heading().getAttribute('aria-sort')).toBe('none');

    byTestId('sort-healthIndex')!.click();
    await view.settle();
    // 96.2% > 75% > 20% > hidden.
    expect(names()).toEqual(['Makers private', 'Engineering guild', 'Announcements', 'Tiny team']);
    expect(heading().getAttribute('aria-sort')).toBe('descending');

    byTestId('sort-healthIndex')!.click();
    await view.settle();
    // Hidden stays last when ascending too.
    expect(names()).toEqual(['Announcements', 'Engineering guild', 'Makers private', 'Tiny team']);
    expect(heading().getAttribute('aria-sort')).toBe('ascending');

    byTestId('sort-name')!.click();
    await view.settle();
    expect(names()).toEqual(['Announcements', 'Engineering guild', 'Makers private', 'Tiny team']);
    view.http.expectNone(() => true);
  });

  it('asks the API for its cut by the new order when the list is capped', async () => {
    view = renderSection(CommunitiesPage);
    view.http.expectOne(URL).flush({ ...communities, total: 60 });
    await view.settle();
    expect(view.text('community-count')).toBe(
      '4 of 60 communities (the 4 shown are the first by the chosen order)',
    );
    byTestId('sort-unansweredShare')!.click(); // not a server sort: stays in the table
    await view.settle();
    view.http.expectNone(() => true);
    byTestId('sort-memberGrowthPerWeek')!.click();
    await view.settle();
    // The rows stay while the API's new cut loads.
    expect(view.text('updating')).toBe('Updating…');
    expect(names()).toHaveLength(4);
    view.http.expectOne(`${URL}?sort=growth`).flush({ ...communities, total: 60 });
    await view.settle();
    expect(view.text('updating')).toBeNull();
    // growth: makers 0.16, guild 0.02, announcements 0, tiny hidden.
    expect(names()).toEqual(['Makers private', 'Engineering guild', 'Announcements', 'Tiny team']);
  });

  it('filters by name', async () => {
    view = renderSection(CommunitiesPage);
    view.http.expectOne(URL).flush(communities);
    await view.settle();
    const filter = byTestId<HTMLInputElement>('community-filter')!;
    filter.value = 'GUILD';
    filter.dispatchEvent(new Event('input'));
    await view.settle();
    expect(names()).toEqual(['Engineering guild']);
    expect(view.text('community-count')).toBe('1 of 4 communities');
    filter.value = 'nothing like it';
    filter.dispatchEvent(new Event('input'));
    await view.settle();
    expect(view.text('no-match')).toBe('No community matches “nothing like it”.');
  });

  it('opens a community by clicking its row or a viral highlight (URL state)', async () => {
    view = renderSection(CommunitiesPage);
    view.http.expectOne(URL).flush(communities);
    await view.settle();
    const rows = root().querySelectorAll<HTMLElement>('[data-testid="community-row"]');
    (rows[2].querySelector('td:nth-child(4)') as HTMLElement).click();
    expect(view.context.setParams).toHaveBeenLastCalledWith({ community: 'g-news' });
    rows[0].querySelector<HTMLButtonElement>('[data-testid="community-open"]')!.click();
    expect(view.context.setParams).toHaveBeenLastCalledWith({ community: 'g-guild' });
    expect(view.context.setParams).toHaveBeenCalledTimes(2);
    root().querySelector<HTMLButtonElement>('[data-testid="viral-highlight"] button')!.click();
    expect(view.context.setParams).toHaveBeenLastCalledWith({ community: 'g-makers' });
    expect(byTestId('community-detail')).toBeNull();
  });

  it('loads the community in the URL: charts, personas, department flow and hidden notes', async () => {
    view = renderSection(CommunitiesPage, 'change_manager', { community: 'g-guild', orgUnit: 'unit-a' });
    expect(view.text('detail-loading')).toBe('Loading the community…');
    view.http.expectOne(`${URL}?orgUnitId=unit-a`).flush(communities);
    view.http.expectOne(`${URL}/g-guild?orgUnitId=unit-a`).flush(guildDetail);
    await view.settle();

    expect(byTestId('community-detail')!.querySelector('h2')!.textContent?.trim()).toBe('Engineering guild');
    expect(
      root().querySelector('[data-testid="community-row"].selected')?.getAttribute('data-group-id'),
    ).toBe('g-guild');
    expect(view.text('detail-members')).toBe('120');
    expect(view.text('detail-median')).toBe('2.5 h');
    expect(view.text('detail-questions')).toBe('80.0%');
    const weekly = view.chartOption(0) as { series: { name: string; data: (number | null)[] }[] };
    expect(weekly.series.map((s) => [s.name, s.data])).toEqual([
      ['Members', [118, 120]],
      ['Active people', [40, 50]],
      ['Posts', [20, 20]],
    ]);
    const response = view.chartOption(1) as { series: { data: (number | null)[] }[] };
    expect(response.series[0].data).toEqual([12, 10, 8, 6, null]);
    expect(view.text('hidden-buckets')).toBe('1 response-time bucket is hidden (fewer than 5 people).');
    const personas = [...root().querySelectorAll('[data-testid="detail-personas"] li')].map((li) =>
      li.querySelector('.persona-share')!.textContent?.trim(),
    );
    expect(personas).toEqual(['20.0%', '40.0%', '15.0%', HIDDEN, '20.0%']);
    // Rows: responders' departments; columns: authors'. Sales → Sales has no flow at all.
    expect(view.rows('detail-flows')).toEqual([
      ['14', '30'],
      ['–', HIDDEN],
    ]);
    expect(view.text('hidden-flows')).toBe('2 flows are not shown: a side has fewer than 5 people.');
    expect(view.text('detail-suppressed-note')).toBe(
      'Some figures rest on fewer than 5 people and are hidden.',
    );

    byTestId('community-close')!.click();
    expect(view.context.setParams).toHaveBeenLastCalledWith({ community: null });
  });

  it('shows a withheld community as hidden in its detail, never as 0', async () => {
    view = renderSection(CommunitiesPage, 'change_manager', { community: 'g-tiny' });
    view.http.expectOne(URL).flush(communities);
    view.http.expectOne(`${URL}/g-tiny`).flush({
      ...guildDetail,
      community: tiny,
      responseHours: [],
      personas: { catalyst: null, engager: null, responder: null, broadcaster: null, observer: null },
      departments: [],
      hiddenFlows: 0,
    });
    await view.settle();
    expect(view.text('detail-members')).toBe(HIDDEN);
    expect(view.text('detail-coverage')).toBe(HIDDEN);
    expect(view.text('flows-empty')).toBe('No responses between departments to show.');
    expect(view.text('hidden-flows')).toBeNull();
  });

  it("shows the detail's error (unknown community) next to the table", async () => {
    view = renderSection(CommunitiesPage, 'change_manager', { community: 'g-gone' });
    view.http.expectOne(URL).flush(communities);
    view.http
      .expectOne(`${URL}/g-gone`)
      .flush(
        { statusCode: 404, message: "community 'g-gone' not found" },
        { status: 404, statusText: 'Not Found' },
      );
    await view.settle();
    expect(view.text('detail-error')).toBe("community 'g-gone' not found");
    expect(view.rows('communities-table')).toHaveLength(4);
  });

  it('has an empty state', async () => {
    view = renderSection(CommunitiesPage);
    view.http.expectOne(URL).flush({ ...communities, total: 0, communities: [], suppressed: undefined });
    await view.settle();
    expect(view.text('empty-state')).toBe('No community had members or activity in this period.');
    expect(byTestId('communities-table')).toBeNull();
    expect(byTestId('viral-highlights')).toBeNull();
  });

  it("shows the server's message", async () => {
    view = renderSection(CommunitiesPage, 'change_manager', { from: '2026-03-10', to: '2026-03-01' });
    view.http
      .expectOne(`${URL}?from=2026-03-10&to=2026-03-01`)
      .flush(...badRequest('from (2026-03-10) must not be after to (2026-03-01)'));
    await view.settle();
    expect(view.text('error-banner')).toBe('from (2026-03-10) must not be after to (2026-03-01)');
  });
});
