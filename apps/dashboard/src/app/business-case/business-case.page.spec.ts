import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { ChartComponent } from '../charts/chart.component';
import { ChartStub, badRequest, renderSection, type Rendered } from '../adoption/adoption.testing';
import { addDays } from '../shared/format';
import { todayUtc } from '../interventions/intervention-log.component';
import { BusinessCasePage } from './business-case.page';
import { EffectComponent } from './effect.component';
import {
  ACTIVE_GOAL_ID,
  emailEffect,
  emptyReport,
  groups,
  leadershipPost,
  orgUnits,
  PILOT_ID,
  PLAN_ID,
  report,
  SALES_ID,
  training,
  WAVE_ID,
} from './fixtures';

const ORG = '/api/organisations/org-1';
const plan = {
  id: PLAN_ID,
  name: 'Demo rollout',
  phases: [
    { id: WAVE_ID, name: 'Wave 1', position: 1 },
    { id: PILOT_ID, name: 'Pilot', position: 0 },
  ],
};

describe('BusinessCasePage', () => {
  let view: Rendered<BusinessCasePage>;
  const root = () => view.fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...root().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const byTestId = <T extends HTMLElement>(testId: string) =>
    root().querySelector<T>(`[data-testid="${testId}"]`);
  const texts = (testId: string) =>
    all(testId).map((element) => element.textContent?.replace(/\s+/g, ' ').trim());
  const type = (testId: string, value: string) => {
    const input = byTestId<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const headline = (testId: string) => [view.text('figure-value', testId), view.text('figure-range', testId)];
  const within = (element: HTMLElement, testId: string) =>
    element.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(() => {
    TestBed.overrideComponent(EffectComponent, {
      remove: { imports: [ChartComponent] },
      add: { imports: [ChartStub] },
    });
  });
  afterEach(() => view.http.verify());

  /**
   * The request to this URL once the page has sent it: resources that depend on other signals (the store once a
   * component asks for it, the plan once the report names it) are sent a scheduler turn or two later.
   */
  async function request(match: string | { method: string; url: string }) {
    for (let turn = 0; turn < 10; turn++) {
      // match() takes what it finds off the open requests: exactly one is expected
      const found = view.http.match(match);
      if (found.length > 1) throw new Error(`${found.length} requests to ${JSON.stringify(match)}`);
      if (found.length === 1) return found[0];
      await view.settle();
    }
    return view.http.expectOne(match);
  }

  /** Renders the page and answers its first requests: the report, interventions, org units and groups. */
  async function open(role: 'change_manager' | 'executive' | 'admin', answer: object = report) {
    view = renderSection(BusinessCasePage, role);
    expect(view.text('loading')).toBe('Loading the business case…');
    (await request(`${ORG}/business-case`)).flush(answer);
    await view.settle();
    (await request(`${ORG}/interventions`)).flush([training, leadershipPost]);
    (await request(`${ORG}/org-units`)).flush(orgUnits);
    (await request(`${ORG}/groups`)).flush(groups);
    if (role !== 'executive' && (answer as typeof report).plan) {
      (await request(`${ORG}/rollouts/${PLAN_ID}`)).flush(plan);
    }
    await view.settle();
  }

  it('shows the headline with ranges, the cost, each goal in words and the interventions', async () => {
    await open('change_manager');
    expect(view.text('estimate-label')).toBe('Observational estimate');
    expect(view.text('method-note')).toContain('difference in differences');
    expect(view.text('method-note')).toContain('person-level bootstrap');
    // fixtures.ts works out each figure
    expect(headline('headline-value-to-date')).toEqual(['€21,006', 'p10–p90 €16,504 – €25,507']);
    expect(view.text('headline-value-to-date')).toContain('Measured value to date (3 months)');
    expect(headline('headline-value-per-year')).toEqual(['€84,022', 'p10–p90 €66,018 – €102,027']);
    expect(headline('headline-roi')).toEqual(['121%', 'p10–p90 74% – 168%']);
    expect(headline('headline-payback')).toEqual(['month 6', 'p10–p90 month 5 – month 8']);
    expect(view.text('measured-per-year')).toBe('€84,022');
    expect(view.text('assumed-per-year')).toBe('€50,000');
    expect(view.rows('cost-breakdown')).toEqual([
      ['€48,000'],
      ['€10,000'],
      ['€18,000'],
      ['€76,000'],
      ['€28,000'],
      ['€2,000'],
    ]);
    expect(view.text('suppressed-note')).toBe('Some figures rest on fewer than 5 people and are hidden.');

    expect(texts('goal-name')).toEqual([
      'Fewer internal e-mails',
      'Half the company active every week',
      'Faster answers',
    ]);
    const [email, active, fresh] = all('goal-card');
    expect(within(email, 'effect-sentence')).toBe(
      'In the pilot, people sent 14% fewer e-mails a week than comparable colleagues (95% interval 9–19%), worth about €84,000 a year.',
    );
    expect(within(email, 'effect-treated-people')).toBe('120 people');
    expect(within(email, 'effect-comparison-people')).toBe('118 people');
    expect(within(email, 'baseline-value')).toBe(
      '20.04 e-mails · 7 weeks from 5 Jan 2026 to 1 Mar 2026 (1 without a value)',
    );
    expect(email.querySelector('[data-testid="baseline-changed"]')).toBeNull();
    expect(email.querySelector('[data-testid="trend-warning"]')).toBeNull();
    expect(within(active, 'effect-sentence')).toContain('there is no estimate yet: fewer than 5 people');
    expect(within(active, 'effect-treated-people')).toBe('hidden (< 5 people) people');
    expect(within(active, 'trend-warning')).toContain('Fewer than 3 weeks before the start');
    expect(within(active, 'baseline-changed')).toContain('Changed');
    expect(within(fresh, 'goal-problem')).toBe('The goal has no measurement yet.');
    expect(within(fresh, 'baseline-none')).toBe('not frozen yet');

    // the weekly chart of the e-mail goal asks for the intervention markers; its table says why a week is hidden
    const charts = view.fixture.debugElement.queryAll(By.directive(ChartStub));
    expect(charts).toHaveLength(1);
    expect((charts[0].componentInstance as ChartStub).interventionMarkers()).toBe(true);
    expect(view.rows('effect-weeks')[2]).toEqual(['2026-03-02 (after)', '17.6', 'hidden (< 5 people)']);

    expect(view.rows('intervention-row')).toEqual([]);
    expect(texts('intervention-row-title')).toEqual([
      'CEO asks to reply in the network, not by e-mail',
      'Working out loud training for Sales',
    ]);
    expect(texts('intervention-row-target')).toEqual(['for Everyone', 'for Sales']);
    expect(texts('intervention-row-kind')).toEqual(['Leadership post', 'Training']);
    expect(texts('intervention-row-day')).toEqual(['10 Mar 2026', '4 Mar 2026']);
    // editors' controls
    expect(all('measurement-edit')).toHaveLength(3);
    expect(all('baseline-freeze')).toHaveLength(3);
    expect(byTestId('cost-edit')).not.toBeNull();
    expect(byTestId('intervention-new')).not.toBeNull();
    expect(all('intervention-edit')).toHaveLength(2);
  });

  it('shows an executive the same figures without any edit control (and loads no plan)', async () => {
    await open('executive');
    expect(headline('headline-roi')).toEqual(['121%', 'p10–p90 74% – 168%']);
    expect(all('goal-card')).toHaveLength(3);
    expect(all('intervention-row')).toHaveLength(2);
    for (const control of [
      'measurement-edit',
      'baseline-freeze',
      'cost-edit',
      'intervention-new',
      'intervention-edit',
      'intervention-delete',
    ]) {
      expect(all(control)).toHaveLength(0);
    }
    // everyone may read an intervention's effect
    expect(all('intervention-effect-toggle')).toHaveLength(2);
  });

  it('says what is missing when nothing is measured yet', async () => {
    await open('change_manager', emptyReport);
    expect(view.text('headline-empty')).toBe('Set the programme cost to see ROI and payback.');
    expect(view.text('cost-empty')).toBe('No programme cost set yet.');
    expect(view.text('goals-empty')).toBe('No goals yet.');
    expect(byTestId('suppressed-note')).toBeNull();
  });

  it('shows the server’s message when the report fails', async () => {
    view = renderSection(BusinessCasePage, 'executive');
    (await request(`${ORG}/business-case`)).flush(
      { message: 'Not allowed' },
      { status: 403, statusText: 'Forbidden' },
    );
    await view.settle();
    (await request(`${ORG}/interventions`)).flush([]);
    (await request(`${ORG}/org-units`)).flush([]);
    (await request(`${ORG}/groups`)).flush([]);
    await view.settle();
    expect(view.text('error-banner')).toBe('Not allowed');
    expect(view.text('interventions-empty')).toBe('No intervention logged yet.');
  });

  it('checks the measurement form before sending, shows server errors at their field, then reloads', async () => {
    await open('change_manager');
    all('measurement-edit')[2].click(); // the goal without a measurement
    await view.settle();
    // the plan's phases in their order, the first one chosen
    const phases = [...byTestId<HTMLSelectElement>('measurement-phase')!.options].map((o) => [
      o.text.trim(),
      o.selected,
    ]);
    expect(phases).toEqual([
      ['Pilot', true],
      ['Wave 1', false],
    ]);
    type('measurement-preWeeks', '1');
    byTestId('measurement-save')!.click();
    await view.settle();
    expect(view.text('error-preWeeks')).toBe('must not be less than 2');
    expect(view.text('error-people')).toBe('must be a number');
    view.http.expectNone(`${ORG}/goals/66666666-6666-4666-8666-666666666666/measurement`);

    type('measurement-preWeeks', '6');
    type('measurement-people', '20000000');
    view.choose('measurement-comparison', 'matched');
    byTestId('measurement-save')!.click();
    await view.settle();
    expect(view.text('error-people')).toBe('must not be greater than 10000000');

    type('measurement-people', '300');
    byTestId('measurement-save')!.click();
    const put = await request(`${ORG}/goals/66666666-6666-4666-8666-666666666666/measurement`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      planId: PLAN_ID,
      phaseId: PILOT_ID,
      comparison: 'matched',
      preWeeks: 6,
      assumptions: {
        minutesPerUnit: 2,
        lowerIsBetter: true,
        people: 300,
        workingWeeksPerYear: 44,
        hourlyCost: 60,
        currency: 'EUR',
      },
    });
    put.flush(...badRequest('assumptions.hourlyCost must not be greater than 100000'));
    await view.settle();
    expect(view.text('error-hourlyCost')).toBe('assumptions.hourlyCost must not be greater than 100000');

    byTestId('measurement-save')!.click();
    (await request(`${ORG}/goals/66666666-6666-4666-8666-666666666666/measurement`)).flush({});
    await view.settle();
    (await request(`${ORG}/business-case`)).flush(report);
    await view.settle();
    expect(byTestId('measurement-form')).toBeNull();
  });

  it('freezes a baseline and sets the programme cost', async () => {
    await open('admin');
    all('baseline-freeze')[1].click();
    const freeze = await request(`${ORG}/goals/${ACTIVE_GOAL_ID}/baseline`);
    expect(freeze.request.method).toBe('POST');
    expect(freeze.request.body).toEqual({});
    freeze.flush({});
    await view.settle();
    (await request(`${ORG}/business-case`)).flush(report);
    await view.settle();

    byTestId('cost-edit')!.click();
    await view.settle();
    type('cost-months', '0');
    byTestId('cost-save')!.click();
    await view.settle();
    expect(view.text('error-months')).toBe('must not be less than 1');
    type('cost-months', '36');
    byTestId('cost-save')!.click();
    const put = await request(`${ORG}/rollouts/${PLAN_ID}/programme-cost`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ ...report.cost, months: 36 });
    put.flush({
      planId: PLAN_ID,
      cost: { ...report.cost, months: 36 },
      updatedAt: '2026-03-20T00:00:00.000Z',
    });
    await view.settle();
    (await request(`${ORG}/business-case`)).flush(report);
    await view.settle();
    expect(byTestId('cost-form')).toBeNull();
  });

  it('logs an intervention aimed at a department, then loads the log again for every chart', async () => {
    await open('change_manager');
    byTestId('intervention-new')!.click();
    await view.settle();
    expect(byTestId<HTMLInputElement>('intervention-day')!.value).toBe(todayUtc());
    byTestId('intervention-save')!.click();
    await view.settle();
    expect(view.text('error-title')).toBe('must be longer than or equal to 1 characters');

    const day = addDays(todayUtc(), -14);
    type('intervention-day', day);
    view.choose('intervention-kind', 'communication');
    type('intervention-title', 'Town hall on working out loud');
    const units = byTestId<HTMLSelectElement>('intervention-org-units')!;
    units.options[0].selected = true;
    units.dispatchEvent(new Event('change'));
    byTestId('intervention-save')!.click();
    const post = await request(`${ORG}/interventions`);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      day,
      kind: 'communication',
      title: 'Town hall on working out loud',
      target: { orgUnitIds: [SALES_ID], groupIds: [] },
    });
    post.flush(...badRequest('day must not be after tomorrow'));
    await view.settle();
    expect(view.text('error-day')).toBe('day must not be after tomorrow');

    byTestId('intervention-save')!.click();
    (await request({ method: 'POST', url: `${ORG}/interventions` })).flush({ ...training, id: 'new' });
    await view.settle();
    const created = {
      ...training,
      id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      day,
      title: 'Town hall on working out loud',
    };
    (await request({ method: 'GET', url: `${ORG}/interventions` })).flush([
      training,
      leadershipPost,
      created,
    ]);
    await view.settle();
    expect(byTestId('intervention-form')).toBeNull();
    expect(texts('intervention-row-title')[0]).toBe('Town hall on working out loud');
  });

  it('deletes an intervention only after confirming', async () => {
    await open('change_manager');
    all('intervention-delete')[1].click();
    await view.settle();
    view.http.expectNone(`${ORG}/interventions/${training.id}`);
    byTestId('intervention-delete-confirm')!.click();
    const remove = await request(`${ORG}/interventions/${training.id}`);
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null);
    await view.settle();
    (await request(`${ORG}/interventions`)).flush([leadershipPost]);
    await view.settle();
    expect(all('intervention-row')).toHaveLength(1);
  });

  it('measures an intervention’s effect on the metric picked', async () => {
    await open('executive');
    all('intervention-effect-toggle')[1].click(); // the training
    await view.settle();
    const url = `${ORG}/interventions/${training.id}/effect`;
    (await request(`${url}?metric=usage%3Aemail.sent`)).flush(emailEffect);
    await view.settle();
    expect(view.text('effect-sentence', 'intervention-effect')).toBe(
      'After “Working out loud training for Sales”, people sent 14% fewer e-mails a week than comparable colleagues (95% interval 9–19%).',
    );
    view.choose('intervention-effect-metric', 'weekly_active_rate');
    await view.settle();
    (await request(`${url}?metric=weekly_active_rate`)).flush({
      ...emailEffect,
      relativeEffect: { estimate: 0.05, low: 0.01, high: 0.09 },
    });
    await view.settle();
    expect(view.text('effect-sentence', 'intervention-effect')).toBe(
      'After “Working out loud training for Sales”, people were active in 5% more weeks than comparable colleagues (95% interval 1–9%).',
    );
  });
});
