import type { GoalView } from '@uptake/contracts';
import {
  demoInterventions,
  demoProgrammeCost,
  seedDemoBusinessCase,
  type DemoApi,
} from './demo-business-case';

const PLAN = 'plan-1';
const PHASE = 'phase-1';
const PILOT = 'group-pilot';
const GOAL = { id: 'goal-email', name: 'Pilot sends fewer e-mails' } as GoalView;

/**
 * An in-memory API holding what the seeding reads and writes (programme cost, the goal's measurement and
 * baseline, interventions), answering like the real endpoints; it records every write.
 */
function fakeApi() {
  const state = {
    cost: null as unknown,
    measurement: null as unknown,
    baseline: null as unknown,
    interventions: [] as { title: string; day: string }[],
  };
  const writes: string[] = [];
  const api: DemoApi = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const route = `${method} ${path}`;
    if (method !== 'GET') writes.push(route);
    switch (route) {
      case `GET /rollouts/${PLAN}/programme-cost`:
        return { planId: PLAN, cost: state.cost, updatedAt: null } as T;
      case `PUT /rollouts/${PLAN}/programme-cost`:
        state.cost = body;
        return undefined as T;
      case `GET /business-case?planId=${PLAN}`:
        return {
          plan: { id: PLAN, name: 'Demo rollout', startedOn: '2026-01-05' },
          goals: [{ goalId: GOAL.id, measurement: state.measurement, baseline: state.baseline }],
        } as T;
      case 'GET /groups':
        return [{ id: PILOT, name: 'Pilot', members: 40 }] as T;
      case `PUT /goals/${GOAL.id}/measurement`:
        state.measurement = body;
        return body as T;
      case `POST /goals/${GOAL.id}/baseline`:
        state.baseline = { value: 120 };
        return state.baseline as T;
      case 'GET /interventions':
        return state.interventions as T;
      case 'POST /interventions':
        state.interventions.push(body as { title: string; day: string });
        return body as T;
    }
    throw new Error(`unexpected ${route}`);
  };
  return { api, state, writes };
}

describe('seedDemoBusinessCase', () => {
  const options = { pilotGroupId: PILOT, planId: PLAN, pilotPhaseId: PHASE, goals: [GOAL], people: 250 };

  it('sets the cost, measures the e-mail goal, freezes its baseline and logs two interventions', async () => {
    const { api, state, writes } = fakeApi();
    await seedDemoBusinessCase(api, options);
    expect(writes).toEqual([
      `PUT /rollouts/${PLAN}/programme-cost`,
      `PUT /goals/${GOAL.id}/measurement`,
      `POST /goals/${GOAL.id}/baseline`,
      'POST /interventions',
      'POST /interventions',
    ]);
    // 250 seats at 4 €, 12 months, 15,000 € one-off, 2 h training × 250 people = 500 h, 200 champion hours
    expect(state.cost).toEqual({
      licencePerSeatPerMonth: 4,
      seats: 250,
      months: 12,
      oneOffCosts: 15_000,
      trainingHours: 500,
      championHours: 200,
    });
    expect(state.measurement).toEqual({
      planId: PLAN,
      phaseId: PHASE,
      metric: 'usage:email.sent',
      comparison: 'phase',
      preWeeks: 8,
      assumptions: {
        minutesPerUnit: 3,
        lowerIsBetter: true,
        people: 40,
        workingWeeksPerYear: 44,
        hourlyCost: 60,
        currency: 'EUR',
      },
    });
    // the pilot started on Monday 2026-01-05: week 2 begins on 01-12, week 6 on 02-09
    expect(state.interventions.map((i) => i.day)).toEqual(['2026-01-12', '2026-02-09']);
  });

  it('changes nothing that already exists on a second run', async () => {
    const { api, writes } = fakeApi();
    await seedDemoBusinessCase(api, options);
    writes.length = 0;
    await seedDemoBusinessCase(api, options);
    expect(writes).toEqual([]);
  });

  it('aims the training at the pilot and the leadership post at everyone', () => {
    const [training, post] = demoInterventions('2026-01-05', PILOT);
    expect(training).toMatchObject({ kind: 'training', target: { groupIds: [PILOT], orgUnitIds: [] } });
    expect(post).toMatchObject({ kind: 'leadership-post', target: { groupIds: [], orgUnitIds: [] } });
    expect(demoProgrammeCost(0)).toMatchObject({ seats: 0, trainingHours: 0 });
  });
});
