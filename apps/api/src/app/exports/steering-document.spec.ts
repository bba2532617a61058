import type { AdoptionReport, BusinessCaseReport, GoalView, RolloutPlanView } from '@uptake/contracts';
import { formats } from './locale';
import { translator } from './messages';
import {
  fixedSectionCount,
  MAX_DOCUMENT_GOALS,
  steeringDocument,
  type SteeringData,
} from './steering-document';

const en = translator('en');
const f = formats('en');
const scope = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  from: '2026-03-02',
  to: '2026-03-15',
  granularity: 'week' as const,
  orgUnitId: null,
  groupId: null,
  minGroupSize: 5,
  perturbation: false,
};
const point = (end: string, adoptionRate: number | null) => ({
  start: end,
  end,
  eligible: 40,
  active: null,
  activated: null,
  adoptionRate,
  averageDailyActive: null,
  weeklyActive: null,
  monthlyActive: null,
  stickiness: null,
  ...(adoptionRate === null ? { suppressed: { code: 'below-k' as const, minGroupSize: 5 } } : {}),
});
const adoption: AdoptionReport = { scope, points: [point('2026-03-08', 0.3), point('2026-03-15', 0.425)] };

function goal(id: string, overrides: Partial<GoalView> = {}): GoalView {
  return {
    id,
    name: `Goal ${id}`,
    kpi: 'adoption_rate',
    kpiDescription: 'Share of eligible people who have been active at least once',
    unit: '',
    baseline: 0.1,
    target: 0.5,
    deadline: '2026-06-30',
    orgUnitId: null,
    groupId: null,
    valueModel: null,
    progress: {
      current: 0.425,
      currentWeek: '2026-03-09',
      progress: 0.81,
      trendPerWeek: 0.01,
      projectedDate: '2026-05-04',
      status: 'on-track',
      series: [{ week: '2026-03-09', value: 0.425 }],
    },
    annualValue: {
      activePeople: 10,
      hoursPerPersonPerYear: 18,
      hoursPerYear: 180,
      amount: 10800,
      currency: 'EUR',
      hourlyCost: 60,
      workingDaysPerYear: 220,
    },
    ...overrides,
  };
}

const plan: RolloutPlanView = {
  id: 'plan',
  name: 'Rollout 2026',
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  phases: [
    {
      id: 'b',
      position: 1,
      name: 'Full rollout',
      status: 'planned',
      plannedStart: null,
      plannedEnd: null,
      startedAt: null,
      completedAt: null,
      latestEvaluation: null,
    },
    {
      id: 'a',
      position: 0,
      name: 'Pilot',
      status: 'active',
      plannedStart: '2026-03-02',
      plannedEnd: '2026-05-24',
      startedAt: null,
      completedAt: null,
      latestEvaluation: { status: 'at-risk' },
    },
  ],
} as unknown as RolloutPlanView;

const data = (overrides: Partial<SteeringData> = {}): SteeringData => ({
  kind: 'overview',
  organisation: 'Acme',
  subtitle: ['Period: 2 Mar 2026 – 15 Mar 2026'],
  adoption,
  goals: [
    goal('1'),
    goal('2', {
      kpi: 'median_hours_to_first_response',
      target: 4,
      baseline: 10,
      annualValue: null,
      orgUnitId: 'sales',
      progress: {
        ...goal('2').progress,
        current: 6.5,
        status: 'at-risk',
        series: [{ week: '2026-03-09', value: null }],
      },
    }),
  ],
  plan,
  ...overrides,
});

describe('the steering document', () => {
  it('opens with the headline: latest adoption vs the target of the same population, with the chart', () => {
    const document = steeringDocument(data(), en, f);
    expect(document.title).toBe('Executive overview: Acme');
    const [headline] = document.sections;
    expect(headline.heading).toBe('Adoption');
    expect(headline.lines).toEqual([
      '42.5% of eligible people have been active, in the week ending 15 Mar 2026',
      // goal 2 is over Sales and not an adoption goal: not a target of this chart
      'Target: 50% by 30 Jun 2026 (Goal 1)',
    ]);
    expect(headline.chart).toBeDefined();
  });

  it('says when the latest week is withheld, and when there is no target or no figure', () => {
    const withheld = steeringDocument(
      data({ adoption: { scope, points: [point('2026-03-15', null)] }, goals: [] }),
      en,
      f,
    );
    expect(withheld.sections[0].lines).toEqual([
      'Adoption in the week ending 15 Mar 2026 is withheld: it rests on fewer than 5 people',
      'No adoption target is set for this population',
    ]);
    const empty = steeringDocument(
      data({ adoption: { scope, points: [] }, goals: [], plan: undefined }),
      en,
      f,
    );
    expect(empty.sections[0]).toEqual({
      heading: 'Adoption',
      lines: ['No adoption figures in this period', 'No adoption target is set for this population'],
    });
    expect(empty.sections.map((section) => section.lines)).toEqual([
      ['No adoption figures in this period', 'No adoption target is set for this population'],
      ['No business goals yet'],
      ['No rollout plan yet'],
    ]);
  });

  it('lists the goals with status and value, the rollout phases in order, then a section per goal', () => {
    const document = steeringDocument(data(), en, f);
    expect(document.sections).toHaveLength(fixedSectionCount('overview') + 2);
    const goals = document.sections[1];
    expect(goals.table).toEqual({
      columns: ['Goal', 'Status', 'Current', 'Target', 'Value'],
      rows: [
        ['Goal 1', 'On track', '42.5%', '50%', '€10,800 per year (180 hours)'],
        ['Goal 2', 'At risk', '6.5 h', '4 h', '–'],
      ],
    });
    const rollout = document.sections[2];
    expect(rollout.lines).toEqual(['Plan: Rollout 2026 (under way)']);
    expect(rollout.table?.rows).toEqual([
      ['Pilot', 'In progress', '2 Mar 2026 – 24 May 2026', 'Gate at risk'],
      ['Full rollout', 'Planned', 'no dates yet', 'Not evaluated'],
    ]);
    const [first, second] = document.sections.slice(3);
    expect(first.heading).toBe('Goal 1');
    expect(first.lines).toContain('Projected: 4 May 2026');
    expect(first.chart).toBeDefined();
    // no measured week: no chart
    expect(second.chart).toBeUndefined();
  });

  it('shows the business case: totals with p10–p90, each goal’s measured value range, in Dutch', () => {
    const businessCase = {
      label: 'observational estimate',
      plan: { id: 'plan', name: 'Rollout 2026', startedOn: '2026-03-02' },
      currency: 'EUR',
      monthsElapsed: 1,
      cost: null,
      costBreakdown: {
        licences: 4800,
        oneOff: 15000,
        peopleTime: 24000,
        total: 43800,
        upfront: 39000,
        monthly: 400,
      },
      goals: [
        {
          goalId: '1',
          name: 'Goal 1',
          phase: { id: 'a', name: 'Pilot', startedOn: '2026-03-02' },
          effect: {
            estimable: true,
            effect: { estimate: -2.5, low: -3.1, high: -1.9, p10: -2.9, p90: -2.1 },
          },
          value: {
            currency: 'EUR',
            measured: { valuePerYear: { estimate: 120000, p10: 90000, p90: 150000 } },
          },
          problem: null,
        },
      ],
      totals: {
        valuePerYear: { estimate: 120000, p10: 90000, p90: 150000 },
        valueToDate: { estimate: 10000, p10: null, p90: null },
        roi: { estimate: 1.5, p10: 0.9, p90: 2.1 },
        paybackMonth: { estimate: 5, p10: 4, p90: 7 },
      },
      interventions: [],
    } as unknown as BusinessCaseReport;
    const nl = translator('nl');
    const document = steeringDocument(
      data({ kind: 'business-case', businessCase, goals: [goal('1')] }),
      nl,
      formats('nl'),
    );
    expect(document.sections).toHaveLength(fixedSectionCount('business-case') + 1);
    const totals = document.sections[1];
    expect(totals.heading).toBe('Waarde en rendement');
    expect(totals.lines[0]).toMatch(/^Observationele schatting/);
    // Intl writes a no-break space between € and the amount in Dutch
    expect(totals.lines.slice(1).map((line) => line.replace(/\u00a0/g, ' '))).toEqual([
      'Waarde per jaar: € 120.000 (p10–p90: € 90.000 – € 150.000)',
      'Waarde tot nu toe: € 10.000',
      'Rendement op de investering: 150% (p10–p90: 90% – 210%)',
      'Terugverdienmaand: 5 (p10–p90: 4 – 7)',
      'Programmakosten: € 43.800',
    ]);
    expect(document.sections[2].table?.rows[0][4].replace(/\u00a0/g, ' ')).toBe(
      '€ 120.000 per jaar (p10–p90: € 90.000 – € 150.000)',
    );
    const goalSection = document.sections[4];
    expect(goalSection.lines).toContain('Effect (observationele schatting): -2,5 (95%-interval -3,1 – -1,9)');
    expect(goalSection.lines).toContain('Gemeten met fase: Pilot');
  });

  it('keeps at most MAX_DOCUMENT_GOALS goal sections and says how many were left out', () => {
    const many = Array.from({ length: MAX_DOCUMENT_GOALS + 3 }, (_, index) => goal(String(index)));
    const document = steeringDocument(data({ goals: many }), en, f);
    expect(document.sections).toHaveLength(fixedSectionCount('overview') + MAX_DOCUMENT_GOALS);
    expect(document.sections[1].lines).toEqual([
      `The first ${MAX_DOCUMENT_GOALS} goals; 3 more are in the goals export`,
    ]);
  });
});
