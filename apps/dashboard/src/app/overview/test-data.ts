import type { AdoptionPoint, AdoptionReport, GoalView } from '@uptake/contracts';

/** Small hand-written API responses shared by the overview's specs. */
export const HIDDEN = { code: 'below-k' as const, minGroupSize: 5 };

export function adoptionPoint(start: string, end: string, figures: Partial<AdoptionPoint>): AdoptionPoint {
  return {
    start,
    end,
    eligible: null,
    active: null,
    activated: null,
    adoptionRate: null,
    averageDailyActive: null,
    weeklyActive: null,
    monthlyActive: null,
    stickiness: null,
    ...figures,
  };
}

/** Six weeks: week 1 is 4 weeks before week 5, the last one. */
export const adoptionReport: AdoptionReport = {
  scope: {
    organisationId: 'org-1',
    from: '2026-02-02',
    to: '2026-03-15',
    granularity: 'week',
    orgUnitId: null,
    groupId: null,
    minGroupSize: 5,
    perturbation: false,
  },
  points: [
    adoptionPoint('2026-02-02', '2026-02-08', { eligible: 190, activated: 40, adoptionRate: 40 / 190 }),
    adoptionPoint('2026-02-09', '2026-02-15', {
      eligible: 200,
      activated: 60,
      adoptionRate: 0.3,
      weeklyActive: 50,
      stickiness: 0.2,
    }),
    adoptionPoint('2026-02-16', '2026-02-22', { eligible: 200, activated: 70, adoptionRate: 0.35 }),
    adoptionPoint('2026-02-23', '2026-03-01', { eligible: 200, activated: 80, adoptionRate: 0.4 }),
    adoptionPoint('2026-03-02', '2026-03-08', { eligible: 200, activated: 90, adoptionRate: 0.45 }),
    adoptionPoint('2026-03-09', '2026-03-15', {
      eligible: 210,
      activated: 105,
      adoptionRate: 0.5,
      weeklyActive: 84,
      monthlyActive: 120,
      averageDailyActive: 30,
      stickiness: 0.25,
    }),
  ],
};

export function goal(overrides: Partial<GoalView> = {}): GoalView {
  return {
    id: 'goal-1',
    name: 'Half the company active every week',
    kpi: 'weekly_active_rate',
    kpiDescription: 'Weekly active people / eligible people',
    unit: '%',
    baseline: 0.1,
    target: 0.5,
    deadline: '2026-06-30',
    orgUnitId: null,
    groupId: null,
    valueModel: { kind: 'time-saved', minutesPerActivePersonPerDay: 5, hourlyCost: 60, currency: 'EUR' },
    progress: {
      current: 0.4,
      currentWeek: '2026-03-09',
      progress: 0.75,
      trendPerWeek: 0.02,
      projectedDate: '2026-04-20',
      status: 'on-track',
      series: [
        { week: '2026-02-16', value: 0.3 },
        { week: '2026-02-23', value: null },
        { week: '2026-03-02', value: 0.35 },
        { week: '2026-03-09', value: 0.4 },
      ],
    },
    annualValue: {
      activePeople: 84,
      hoursPerPersonPerYear: 18.3,
      hoursPerYear: 1540,
      amount: 92400,
      currency: 'EUR',
      hourlyCost: 60,
      workingDaysPerYear: 220,
    },
    ...overrides,
  };
}
