import { engagement } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { EngagementSectionComponent } from './engagement-section.component';

const URL = '/api/organisations/org-1/kpis/engagement';

describe('EngagementSectionComponent', () => {
  let view: Rendered<EngagementSectionComponent>;
  afterEach(() => view.http.verify());

  it('headlines the latest period with people active and draws both charts', async () => {
    view = renderSection(EngagementSectionComponent);
    expect(view.text('loading')).toBe('Loading engagement…');
    view.http.expectOne(URL).flush(engagement);
    await view.settle();
    expect(view.text('posts-per-active')).toBe('0.20');
    expect(view.text('threads-with-response')).toBe('80.0%');
    expect(view.text('median-response')).toBe('6.5 h');
    expect(view.text('engagement-chart')).not.toBeNull();
    expect(view.text('responsiveness-chart')).not.toBeNull();
  });

  it('says so when every period is hidden', async () => {
    view = renderSection(EngagementSectionComponent);
    view.http.expectOne(URL).flush({ ...engagement, points: [engagement.points[1]] });
    await view.settle();
    expect(view.text('suppressed-note')).toBe('Every period is hidden: fewer than 5 people active.');
  });

  it('has an empty state and shows errors', async () => {
    view = renderSection(EngagementSectionComponent);
    view.http.expectOne(URL).flush({ ...engagement, points: [{ ...engagement.points[0], active: 0 }] });
    await view.settle();
    expect(view.text('empty-state')).toBe('Nobody was active in this period.');
  });

  it("shows the server's message", async () => {
    view = renderSection(EngagementSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('granularity must be one of day, week, month'));
    await view.settle();
    expect(view.text('error-banner')).toBe('granularity must be one of day, week, month');
  });
});
