import { network, networkPeople } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { NetworkSectionComponent } from './network-section.component';

const URL = '/api/organisations/org-1/kpis/network';

describe('NetworkSectionComponent', () => {
  let view: Rendered<NetworkSectionComponent>;
  afterEach(() => view.http.verify());

  it('shows crossings, the graph, units and that person-level roles are for administrators', async () => {
    view = renderSection(NetworkSectionComponent, 'change_manager');
    expect(view.text('loading')).toBe('Loading network…');
    view.http.expectOne(URL).flush(network);
    await view.settle();
    expect(view.text('crossing-share', 'crossing-department')).toBe('40.0%');
    expect(view.text('crossing-share', 'crossing-legacyCompany')).toBe('hidden (< 5 people)');
    expect(view.text('hidden-links')).toBe('2 links are not drawn: a side has fewer than 5 people.');
    expect(view.rows('network-units')[1]).toEqual(['Legal', '9', '20', '40', '60', 'hidden (< 5 people)']);
    expect((view.chartOption() as { series: { type: string }[] }).series[0].type).toBe('graph');
    expect(view.text('people-restricted')).toBe('Person-level roles are visible to administrators only.');
  });

  it('lists brokers and champions by pseudonym for administrators', async () => {
    view = renderSection(NetworkSectionComponent, 'admin');
    view.http.expectOne(URL).flush(network);
    view.http.expectOne(`${URL}/people`).flush(networkPeople);
    await view.settle();
    expect(view.rows('brokers')).toEqual([['pseudo-bro', 'Finance', '0.120', '30']]);
    expect(view.rows('champions')).toEqual([['pseudo-cha', 'Legal', '2026-01-09', '25']]);
    // exact (a search from every person): no note
    expect(view.text('betweenness-estimated')).toBeNull();
  });

  it("says when the brokers' betweenness is estimated from a sample of sources", async () => {
    view = renderSection(NetworkSectionComponent, 'admin');
    view.http.expectOne(URL).flush(network);
    view.http
      .expectOne(`${URL}/people`)
      .flush({ ...networkPeople, betweenness: { people: 50000, sources: 150 } });
    await view.settle();
    expect(view.text('betweenness-estimated')).toBe(
      'Estimated from the shortest paths of 150 of 50,000 people: the network is too large to count every path ' +
        'within the time bound.',
    );
  });

  it('explains a 403 on the person-level roles', async () => {
    view = renderSection(NetworkSectionComponent, 'admin');
    view.http.expectOne(URL).flush(network);
    view.http
      .expectOne(`${URL}/people`)
      .flush(
        { statusCode: 403, message: 'This needs one of the roles admin' },
        { status: 403, statusText: 'Forbidden' },
      );
    await view.settle();
    expect(view.text('people-restricted')).toBe('Person-level roles are visible to administrators only.');
  });

  it("has an empty state and shows the server's message", async () => {
    view = renderSection(NetworkSectionComponent);
    view.http
      .expectOne(URL)
      .flush({ ...network, summary: { ...network.summary, interactions: 0 }, units: [], links: [] });
    await view.settle();
    expect(view.text('empty-state')).toBe('No interactions between people in this period.');
  });

  it("shows the server's message", async () => {
    view = renderSection(NetworkSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('groupId must be a UUID'));
    await view.settle();
    expect(view.text('error-banner')).toBe('groupId must be a UUID');
  });
});
