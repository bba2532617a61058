import type {
  CriterionEvaluation,
  GateEvaluation,
  RolloutPhaseView,
  RolloutPlanView,
} from '@uptake/contracts';

/** Small hand-written API responses shared by the rollout specs. */
export const wauCriterion: CriterionEvaluation = {
  criterionId: 'c-wau',
  metric: 'weekly_active_rate',
  operator: '>=',
  threshold: 0.4,
  consecutiveWeeks: 2,
  status: 'at-risk',
  value: 0.42,
  weeksMet: 1,
  evidence: [
    { week: '2026-03-02', value: 0.35, met: false },
    { week: '2026-03-09', value: null, met: null },
    { week: '2026-03-16', value: 0.42, met: true },
  ],
  forecastDate: '2026-03-23',
  forecastMethod: 'trend',
  explanation: 'Met in the latest week; needs 2 weeks in a row.',
  explanationDetail: {
    code: 'holding',
    params: { value: 0.42, weeksMet: 1, consecutiveWeeks: 2, passesOn: '2026-03-23' },
  },
};

export function evaluation(overrides: Partial<GateEvaluation> = {}): GateEvaluation {
  return {
    id: 'ev-1',
    phaseId: 'ph-pilot',
    evaluatedAt: '2026-03-20T08:00:00Z',
    asOf: '2026-03-19',
    trigger: 'schedule',
    status: 'at-risk',
    population: 120,
    criteria: [wauCriterion],
    ...overrides,
  };
}

export function phase(overrides: Partial<RolloutPhaseView> = {}): RolloutPhaseView {
  return {
    id: 'ph-pilot',
    position: 0,
    name: 'Pilot',
    status: 'active',
    plannedStart: '2026-03-01',
    plannedEnd: '2026-04-12',
    startedAt: '2026-03-01T00:00:00Z',
    completedAt: null,
    target: { orgUnitIds: ['ou-sales'], groupIds: [], pseudonyms: ['p-1', 'p-2'], rules: [] },
    comparison: { kind: 'rest-of-organisation' },
    gateCriteria: [
      { id: 'c-wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.4, consecutiveWeeks: 2 },
    ],
    cohortGroupId: 'g-cohort',
    comparisonGroupId: 'g-rest',
    latestEvaluation: evaluation(),
    ...overrides,
  };
}

export function plan(overrides: Partial<RolloutPlanView> = {}): RolloutPlanView {
  return {
    id: 'plan-1',
    name: 'Demo rollout',
    status: 'active',
    createdAt: '2026-02-20T10:00:00Z',
    updatedAt: '2026-03-20T08:00:00Z',
    phases: [
      phase({ id: 'ph-full', position: 2, name: 'Full rollout', status: 'planned', latestEvaluation: null }),
      phase(),
      phase({ id: 'ph-best', position: 1, name: 'Best cases', status: 'planned', latestEvaluation: null }),
    ],
    ...overrides,
  };
}
