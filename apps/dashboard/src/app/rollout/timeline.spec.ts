import { evaluation, phase, plan } from './fixtures';
import {
  advanceStep,
  describeTransition,
  evaluationStamp,
  phasesInOrder,
  plannedRange,
  selectPhase,
} from './timeline';

describe('timeline', () => {
  it('orders phases by position', () => {
    expect(phasesInOrder(plan()).map((p) => p.name)).toEqual(['Pilot', 'Best cases', 'Full rollout']);
  });

  it('selects the phase in the URL, else the active one', () => {
    expect(selectPhase(plan(), 'ph-best')?.name).toBe('Best cases');
    expect(selectPhase(plan(), 'gone')?.name).toBe('Pilot');
    const noneActive = plan({ phases: plan().phases.map((p) => ({ ...p, status: 'planned' as const })) });
    expect(selectPhase(noneActive, undefined)?.name).toBe('Pilot');
  });
});

describe('advanceStep', () => {
  it('needs an override while the active gate is at risk', () => {
    expect(advanceStep(plan())).toMatchObject({
      label: 'Advance to Best cases',
      gateStatus: 'at-risk',
      needsOverride: true,
    });
  });

  it('advances plainly once the gate passes', () => {
    const passing = plan({
      phases: [
        phase({ latestEvaluation: evaluation({ status: 'pass' }) }),
        phase({ id: 'b', position: 1, name: 'Best cases', status: 'planned' }),
      ],
    });
    expect(advanceStep(passing)).toMatchObject({ needsOverride: false, label: 'Advance to Best cases' });
  });

  it('needs an override when the active phase was never evaluated', () => {
    expect(advanceStep(plan({ phases: [phase({ latestEvaluation: null })] }))).toMatchObject({
      label: 'Complete Pilot',
      gateStatus: null,
      needsOverride: true,
    });
  });

  it('starts the first phase of a draft plan, and offers nothing for a finished plan', () => {
    const draft = plan({
      status: 'draft',
      phases: plan().phases.map((p) => ({ ...p, status: 'planned' as const })),
    });
    expect(advanceStep(draft)).toMatchObject({ from: null, label: 'Start Pilot', needsOverride: false });
    expect(advanceStep(plan({ status: 'completed' }))).toBeNull();
  });
});

describe('describeTransition', () => {
  const phases = plan().phases;
  const base = { at: '2026-03-01T09:00:00Z', actor: 'cm@x', overridden: false, gateStatus: null, note: null };
  it('names start, move and completion', () => {
    expect(describeTransition({ ...base, fromPhaseId: null, toPhaseId: 'ph-pilot' }, phases)).toBe(
      'Started Pilot',
    );
    expect(describeTransition({ ...base, fromPhaseId: 'ph-pilot', toPhaseId: 'ph-best' }, phases)).toBe(
      'Pilot → Best cases',
    );
    expect(describeTransition({ ...base, fromPhaseId: 'ph-full', toPhaseId: null }, phases)).toBe(
      'Completed Full rollout',
    );
    expect(describeTransition({ ...base, fromPhaseId: 'x', toPhaseId: 'ph-best' }, phases)).toBe(
      'a removed phase → Best cases',
    );
  });
});

describe('evaluationStamp and plannedRange', () => {
  it('changes when any phase gets a new evaluation', () => {
    const before = evaluationStamp(plan());
    const after = evaluationStamp(
      plan({ phases: [phase({ latestEvaluation: evaluation({ evaluatedAt: '2026-03-21T08:00:00Z' }) })] }),
    );
    expect(after).not.toBe(before);
    expect(evaluationStamp(plan())).toBe(before);
  });

  it('shows open ends', () => {
    expect(plannedRange({ plannedStart: '2026-03-01', plannedEnd: null })).toBe('2026-03-01 → open');
    expect(plannedRange({ plannedStart: null, plannedEnd: null })).toBe('No dates planned');
  });
});
