import type { GateEvaluation, RolloutPhaseView, RolloutPlanView } from '@uptake/contracts';
import { currentPlan, GATE_STATUS, gateLook, phaseTimeline } from './rollout-timeline';

function phase(overrides: Partial<RolloutPhaseView>): RolloutPhaseView {
  return {
    id: 'p',
    position: 0,
    name: 'Pilot',
    status: 'planned',
    plannedStart: null,
    plannedEnd: null,
    startedAt: null,
    completedAt: null,
    target: { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] },
    comparison: { kind: 'rest-of-organisation' },
    gateCriteria: [],
    cohortGroupId: null,
    comparisonGroupId: null,
    latestEvaluation: null,
    ...overrides,
  };
}

function plan(overrides: Partial<RolloutPlanView>): RolloutPlanView {
  return {
    id: 'plan',
    name: 'Rollout',
    status: 'draft',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    phases: [],
    ...overrides,
  };
}

const evaluation = (status: GateEvaluation['status']) => ({ status }) as GateEvaluation;

describe('currentPlan', () => {
  it('prefers the active plan, else the most recently updated', () => {
    const oldActive = plan({ id: 'active', status: 'active', updatedAt: '2026-01-02T00:00:00Z' });
    const newDraft = plan({ id: 'draft', updatedAt: '2026-03-01T00:00:00Z' });
    const older = plan({ id: 'older', status: 'completed', updatedAt: '2025-12-01T00:00:00Z' });
    expect(currentPlan([newDraft, oldActive, older])?.id).toBe('active');
    expect(currentPlan([older, newDraft])?.id).toBe('draft');
    expect(currentPlan([])).toBeUndefined();
  });
});

describe('phaseTimeline', () => {
  // Three phases over 2026-03-01 .. 2026-04-09: 40 days, each day 2.5% of the width.
  const rollout = plan({
    phases: [
      phase({
        id: 'full',
        position: 2,
        name: 'Full rollout',
        plannedStart: '2026-03-31',
        plannedEnd: '2026-04-09',
      }),
      phase({
        id: 'pilot',
        position: 0,
        status: 'completed',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-03-10',
        latestEvaluation: evaluation('pass'),
      }),
      phase({
        id: 'best',
        position: 1,
        name: 'Best cases',
        status: 'active',
        startedAt: '2026-03-11T08:00:00Z',
        latestEvaluation: evaluation('at-risk'),
      }),
      phase({ id: 'later', position: 3, name: 'Later' }),
    ],
  });
  const timeline = phaseTimeline(rollout, '2026-03-21');

  it('orders phases by position and places them on one scale', () => {
    expect(timeline).toMatchObject({ start: '2026-03-01', end: '2026-04-09', today: 50 }); // day 20 of 40
    expect(timeline.phases.map((p) => [p.id, p.left, p.width])).toEqual([
      ['pilot', 0, 25], // 10 days
      ['best', 25, 2.5], // started, no end: one day
      ['full', 75, 25], // day 30, 10 days
      ['later', null, null],
    ]);
  });

  it('describes status, gate colour and dates in words', () => {
    expect(timeline.phases[0]).toMatchObject({
      status: 'Completed',
      gate: { label: 'Gate passed' },
      dates: '1 Mar 2026 – 10 Mar 2026',
    });
    expect(timeline.phases[1]).toMatchObject({
      status: 'In progress',
      gate: { label: 'Gate at risk' },
      dates: 'from 11 Mar 2026',
    });
    expect(timeline.phases[3]).toMatchObject({ gate: { label: 'Not evaluated' }, dates: 'no dates yet' });
  });

  it('has no scale and no today line for a plan without dates', () => {
    const undated = phaseTimeline(plan({ phases: [phase({})] }), '2026-03-21');
    expect(undated).toMatchObject({ start: null, end: null, today: null });
    expect(undated.phases[0].left).toBeNull();
  });
});

describe('gateLook', () => {
  it("reads a planned phase's gate as a preview, a started phase's gate as the verdict", () => {
    expect(gateLook('planned', 'fail').label).toBe('Preview: failing');
    expect(gateLook('planned', 'fail').color).toBe(GATE_STATUS.fail.color);
    expect(gateLook('active', 'fail').label).toBe('Gate failing');
    expect(gateLook('planned', undefined).label).toBe('Not evaluated');
  });
});
