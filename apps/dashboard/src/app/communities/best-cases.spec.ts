import { phase, plan } from '../rollout/fixtures';
import {
  candidateKey,
  criterionLines,
  defaultPhaseChoice,
  describeSavedTarget,
  describeShortlist,
  phaseChoices,
  phaseTargetBody,
  type ShortlistEntry,
} from './best-cases';
import { bestCases } from './communities.fixtures';

const shortlist: ShortlistEntry[] = [
  { kind: 'community', id: 'g-guild', name: 'Engineering guild' },
  { kind: 'orgUnit', id: 'ou-sales', name: 'Sales' },
  { kind: 'community', id: 'g-makers', name: 'Makers' },
];

describe('criterionLines', () => {
  it("prints each criterion's value against the organisation's with a verdict", () => {
    const options = { minGroupSize: 5, trailingZeros: true };
    expect(criterionLines(bestCases.candidates[0].criteria, options)).toEqual([
      {
        criterion: 'replyCoverage',
        label: 'Reply coverage',
        value: '90.0%',
        organisationValue: '54.0%',
        verdict: 'better',
        explanation: 'answers 90% of threads within 7 days vs 54% in the organisation',
      },
      {
        criterion: 'medianHoursToFirstReply',
        label: 'Median first reply',
        value: '2.5 h',
        organisationValue: '6.0 h',
        verdict: 'better',
        explanation: 'first reply after 2.5 h vs 6 h in the organisation',
      },
    ]);
    const sales = criterionLines(bestCases.candidates[1].criteria, options);
    expect(sales.map((line) => [line.value, line.organisationValue, line.verdict])).toEqual([
      ['\u22125.0%', '+1.0%', 'worse'],
      ['hidden (< 5 people)', '25.0%', null],
    ]);
  });
});

describe('phase choices', () => {
  const draft = plan({
    id: 'plan-draft',
    name: 'Next year',
    status: 'draft',
    phases: [phase({ id: 'ph-d1', position: 0, name: 'Pilot', status: 'planned', latestEvaluation: null })],
  });
  const archived = plan({ id: 'plan-old', name: 'Old', status: 'archived' });

  it('offers the open phases of the active plan first, then drafts, never archived plans or done phases', () => {
    const completed = plan({
      phases: [
        phase({ status: 'completed' }),
        phase({ id: 'ph-best', position: 1, name: 'Best cases', status: 'active', latestEvaluation: null }),
        phase({
          id: 'ph-full',
          position: 2,
          name: 'Full rollout',
          status: 'planned',
          latestEvaluation: null,
        }),
      ],
    });
    const choices = phaseChoices([draft, archived, completed]);
    expect(choices.map((choice) => choice.key)).toEqual([
      'plan-1/ph-best',
      'plan-1/ph-full',
      'plan-draft/ph-d1',
    ]);
  });

  it('defaults to the "Best cases" phase of the active plan', () => {
    // plan(): Pilot (active, position 0), Best cases (planned, 1), Full rollout (planned, 2), listed out of order.
    expect(defaultPhaseChoice(phaseChoices([draft, plan()]))?.key).toBe('plan-1/ph-best');
  });

  it('else to the first planned phase of that plan, else of the newest draft', () => {
    const renamed = plan({
      phases: [
        phase(),
        phase({
          id: 'ph-full',
          position: 2,
          name: 'Full rollout',
          status: 'planned',
          latestEvaluation: null,
        }),
        phase({ id: 'ph-wave', position: 1, name: 'Wave 2', status: 'planned', latestEvaluation: null }),
      ],
    });
    expect(defaultPhaseChoice(phaseChoices([renamed]))?.key).toBe('plan-1/ph-wave');
    expect(defaultPhaseChoice(phaseChoices([archived, draft]))?.key).toBe('plan-draft/ph-d1');
  });

  it('has nothing to default to without an open plan or a planned phase', () => {
    expect(defaultPhaseChoice(phaseChoices([archived]))).toBeUndefined();
    expect(defaultPhaseChoice(phaseChoices([plan({ phases: [phase()] })]))).toBeUndefined();
  });
});

describe('phaseTargetBody', () => {
  it('targets the shortlisted communities and units only, keeping every other field of the phase', () => {
    const best = phase({
      id: 'ph-best',
      name: 'Best cases',
      status: 'planned',
      plannedStart: '2026-06-01',
      plannedEnd: '2026-08-23',
      target: {
        orgUnitIds: ['ou-old'],
        groupIds: [],
        pseudonyms: ['p-9'],
        rules: [{ attribute: 'level', values: [3] }],
      },
      comparison: { kind: 'target', orgUnitIds: ['ou-hq'], groupIds: [], pseudonyms: [], rules: [] },
    });
    expect(phaseTargetBody(best, shortlist)).toEqual({
      name: 'Best cases',
      plannedStart: '2026-06-01',
      plannedEnd: '2026-08-23',
      target: { orgUnitIds: ['ou-sales'], groupIds: ['g-guild', 'g-makers'], pseudonyms: [], rules: [] },
      comparison: { kind: 'target', orgUnitIds: ['ou-hq'], groupIds: [], pseudonyms: [], rules: [] },
      gateCriteria: [
        { id: 'c-wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.4, consecutiveWeeks: 2 },
      ],
    });
  });
});

describe('descriptions', () => {
  it('says what the saved phase targets, in the singular where it is one', () => {
    const saved = (orgUnitIds: string[], groupIds: string[], pseudonyms: string[] = []) =>
      phase({ name: 'Best cases', target: { orgUnitIds, groupIds, pseudonyms, rules: [] } });
    expect(describeSavedTarget(saved(['u1'], ['g1', 'g2', 'g3']))).toBe(
      'Best cases now targets 3 communities and 1 unit',
    );
    expect(describeSavedTarget(saved([], ['g1']))).toBe('Best cases now targets 1 community');
    expect(describeSavedTarget(saved(['u1', 'u2'], []))).toBe('Best cases now targets 2 units');
    expect(describeSavedTarget(saved([], []))).toBe('Best cases now targets the whole organisation');
  });

  it('summarises the shortlist', () => {
    expect(describeShortlist(shortlist)).toBe('2 communities and 1 unit shortlisted');
    expect(describeShortlist([])).toBe('Nothing shortlisted');
    expect(candidateKey(shortlist[1])).toBe('orgUnit:ou-sales');
  });
});
