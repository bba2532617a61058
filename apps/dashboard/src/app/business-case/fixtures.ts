import type {
  BusinessCaseGoal,
  BusinessCaseReport,
  BusinessValueReport,
  DifferenceInDifferencesReport,
  GoalBaselineView,
  GoalMeasurement,
  InterventionView,
} from '@uptake/contracts';

/*
 * Hand-written API answers for the Business case specs (k = 5, no perturbation). The figures are what the API
 * would compute, worked out here so each formatted text in the specs can be checked by hand:
 *
 * E-mails sent, pilot vs comparable colleagues, 8 weeks before / 4 after the pilot's start (2 Mar 2026):
 *   treated 20 → 17.5 (−2.5), comparison 19 → 19.3 (+0.3): effect −2.5 − 0.3 = −2.8 e-mails a person a week,
 *   relative −2.8 / 20 = −0.14; 95% interval −3.8..−1.8 (−0.19..−0.09); p10..p90 −3.4..−2.2.
 * Value: 2.8 e-mails × 2 min × 44 weeks × 341 people = 84,022.4 min, at €60 an hour = €84,022.40 a year
 *   (p10 from −2.2: €66,017.60; p90 from −3.4: €102,027.20).
 * Cost: 5 €/seat/month × 400 seats × 24 months = 48,000 licences; 10,000 one-off; (200 + 100) h × €60 = 18,000
 *   people's time; total 76,000; up front 28,000; 2,000 a month.
 * ROI: (2 × 84,022.4 − 76,000) / 76,000 = 1.2111 (p10 0.7373, p90 1.6849).
 * Payback: 7,001.87 a month vs 28,000 + 2,000 a month → 28,000 / 5,001.87 = 5.6 → month 6 (p10 month 5, p90 month 8).
 * To date (3 months): 3 × 7,001.87 = 21,005.60 (p10 16,504.40, p90 25,506.80).
 */

export const PLAN_ID = '11111111-1111-4111-8111-111111111111';
export const PILOT_ID = '22222222-2222-4222-8222-222222222222';
export const WAVE_ID = '33333333-3333-4333-8333-333333333333';
export const EMAIL_GOAL_ID = '44444444-4444-4444-8444-444444444444';
export const ACTIVE_GOAL_ID = '55555555-5555-4555-8555-555555555555';
export const NEW_GOAL_ID = '66666666-6666-4666-8666-666666666666';
export const SALES_ID = '77777777-7777-4777-8777-777777777777';
export const PILOT_GROUP_ID = '88888888-8888-4888-8888-888888888888';

const weeks = (from: string, values: [number | null, number | null][]) =>
  values.map(([treated, comparison], index) => {
    const date = new Date(`${from}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + 7 * index);
    return { week: date.toISOString().slice(0, 10), treated, comparison };
  });

/** The pilot's effect on e-mails sent (see the header). */
export const emailEffect: DifferenceInDifferencesReport = {
  label: 'observational estimate',
  estimable: true,
  reason: null,
  phaseStart: '2026-03-02',
  pre: { from: '2026-01-05', to: '2026-03-01' },
  post: { from: '2026-03-02', to: '2026-03-29' },
  minPeoplePerGroup: 5,
  treated: { people: 120, preMean: 20, postMean: 17.5, change: -2.5 },
  comparison: { people: 118, preMean: 19, postMean: 19.3, change: 0.3 },
  effect: { estimate: -2.8, low: -3.8, high: -1.8, p10: -3.4, p90: -2.2 },
  relativeEffect: { estimate: -0.14, low: -0.19, high: -0.09 },
  significant: true,
  parallelTrends: {
    slopePerWeek: 0.01,
    low: -0.05,
    high: 0.07,
    driftOverPre: 0.08,
    flat: true,
    warning: null,
  },
  bootstrap: {
    method: 'person-level cluster bootstrap, expanded percentile interval',
    replicates: 1000,
    seed: 42,
  },
  weeks: [
    ...weeks('2026-02-16', [
      [20.1, 19],
      [19.9, 19.1],
    ]),
    // a week resting on fewer than 5 people in the comparison: withheld
    ...weeks('2026-03-02', [
      [17.6, null],
      [17.4, 19.3],
    ]),
  ],
  comparisonKind: 'matched',
  matching: null,
  suppressed: { code: 'below-k', minGroupSize: 5 },
};

/** Too few people in the wave's comparison: no estimate. */
export const tooFewEffect: DifferenceInDifferencesReport = {
  ...emailEffect,
  estimable: false,
  reason: { code: 'too-few-people', message: 'fewer than 5 people in a group' },
  treated: { people: null, preMean: null, postMean: null, change: null },
  comparison: { people: 40, preMean: 0.5, postMean: 0.55, change: 0.05 },
  effect: { estimate: null, low: null, high: null, p10: null, p90: null },
  relativeEffect: { estimate: null, low: null, high: null },
  significant: null,
  parallelTrends: {
    slopePerWeek: null,
    low: null,
    high: null,
    driftOverPre: null,
    flat: null,
    warning: null,
  },
  weeks: [],
  comparisonKind: 'rest-of-organisation',
};

const assumptions = {
  minutesPerUnit: 2,
  lowerIsBetter: true,
  people: 341,
  workingWeeksPerYear: 44,
  hourlyCost: 60,
  currency: 'EUR',
};

const costBreakdown = {
  licences: 48_000,
  oneOff: 10_000,
  peopleTime: 18_000,
  total: 76_000,
  upfront: 28_000,
  monthly: 2_000,
};

const emailMeasured = {
  // 2.8 × 2 × 44 / 60 = 4.1067 h a person a year
  hoursPerPersonPerYear: { estimate: 4.1067, p10: 3.2267, p90: 4.9867 },
  valuePerYear: { estimate: 84_022.4, p10: 66_017.6, p90: 102_027.2 },
  valueToDate: { estimate: 21_005.6, p10: 16_504.4, p90: 25_506.8 },
  roi: { estimate: 1.2111, p10: 0.7373, p90: 1.6849 },
  paybackMonth: { estimate: 6, p10: 5, p90: 8 },
};

export const emailValue: BusinessValueReport = {
  label: 'observational estimate',
  currency: 'EUR',
  horizonMonths: 24,
  monthsElapsed: 3,
  assumptions,
  cost: costBreakdown,
  measured: emailMeasured,
  assumed: {
    activePeople: 250,
    hoursPerPersonPerYear: 3.3333,
    valuePerYear: 50_000,
    valueToDate: 12_500,
    roi: 0.3158,
    paybackMonth: 14,
  },
};

const emailBaseline: GoalBaselineView = {
  definition: {
    kpi: 'usage:email.sent',
    population: { orgUnitId: null, groupId: PILOT_GROUP_ID },
    filters: {},
    definitionVersion: 1,
  },
  value: 20.04,
  from: '2026-01-05',
  to: '2026-03-01',
  weeks: 7,
  withheldWeeks: 1,
  definitionHash: 'a'.repeat(64),
  frozenAt: '2026-03-02T09:00:00.000Z',
  changed: false,
};

const emailMeasurement: GoalMeasurement = {
  planId: PLAN_ID,
  phaseId: PILOT_ID,
  metric: 'usage:email.sent',
  comparison: 'matched',
  preWeeks: 8,
  postWeeks: 4,
  assumptions,
};

export const emailGoal: BusinessCaseGoal = {
  goalId: EMAIL_GOAL_ID,
  name: 'Fewer internal e-mails',
  kpi: 'emails_sent_per_person_per_week',
  unit: 'e-mails',
  baseline: emailBaseline,
  measurement: emailMeasurement,
  phase: { id: PILOT_ID, name: 'Pilot', startedOn: '2026-03-02' },
  effect: emailEffect,
  value: emailValue,
  problem: null,
};

/** Measured on the wave, but too few people: the reason in words; a baseline frozen under another definition. */
export const activeGoal: BusinessCaseGoal = {
  goalId: ACTIVE_GOAL_ID,
  name: 'Half the company active every week',
  kpi: 'weekly_active_rate',
  unit: '%',
  baseline: { ...emailBaseline, value: null, weeks: 0, withheldWeeks: 8, changed: true },
  measurement: {
    ...emailMeasurement,
    phaseId: WAVE_ID,
    metric: undefined,
    comparison: 'rest-of-organisation',
  },
  phase: { id: WAVE_ID, name: 'Wave 1', startedOn: '2026-03-16' },
  effect: tooFewEffect,
  value: { ...emailValue, measured: null },
  problem: null,
};

/** No measurement yet. */
export const newGoal: BusinessCaseGoal = {
  goalId: NEW_GOAL_ID,
  name: 'Faster answers',
  kpi: 'median_hours_to_first_response',
  unit: 'h',
  baseline: null,
  measurement: null,
  phase: null,
  effect: null,
  value: null,
  problem: 'The goal has no measurement yet.',
};

export const training: InterventionView = {
  id: '99999999-9999-4999-8999-999999999999',
  day: '2026-03-04',
  kind: 'training',
  title: 'Working out loud training for Sales',
  note: 'Two sessions',
  target: { orgUnitIds: [SALES_ID], groupIds: [] },
  createdAt: '2026-03-04T10:00:00.000Z',
  updatedAt: '2026-03-04T10:00:00.000Z',
};

export const leadershipPost: InterventionView = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  day: '2026-03-10',
  kind: 'leadership-post',
  title: 'CEO asks to reply in the network, not by e-mail',
  note: '',
  target: { orgUnitIds: [], groupIds: [] },
  createdAt: '2026-03-10T10:00:00.000Z',
  updatedAt: '2026-03-10T10:00:00.000Z',
};

export const report: BusinessCaseReport = {
  label: 'observational estimate',
  plan: { id: PLAN_ID, name: 'Demo rollout', startedOn: '2026-03-02' },
  currency: 'EUR',
  monthsElapsed: 3,
  cost: {
    licencePerSeatPerMonth: 5,
    seats: 400,
    months: 24,
    oneOffCosts: 10_000,
    trainingHours: 200,
    championHours: 100,
  },
  costBreakdown,
  goals: [emailGoal, activeGoal, newGoal],
  totals: {
    valuePerYear: emailMeasured.valuePerYear,
    valueToDate: emailMeasured.valueToDate,
    roi: emailMeasured.roi,
    paybackMonth: emailMeasured.paybackMonth,
    assumedValuePerYear: 50_000,
    rangeMethod: 'sum of the goals’ 10th and 90th percentiles (wider than a joint range)',
  },
  interventions: [training, leadershipPost],
};

/** An organisation with a plan but no cost and no measured goal yet. */
export const emptyReport: BusinessCaseReport = {
  ...report,
  currency: null,
  monthsElapsed: 0,
  cost: null,
  costBreakdown: null,
  goals: [],
  totals: null,
  interventions: [],
};

export const orgUnits = [
  { id: SALES_ID, parentId: null, name: 'Sales', kind: 'department' as const, people: 80 },
];
export const groups = [
  { id: PILOT_GROUP_ID, name: 'Pilot cohort', kind: 'cohort' as const, sourceId: null, members: 120 },
];
