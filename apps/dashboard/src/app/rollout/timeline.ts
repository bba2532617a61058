import type { GateStatus, PhaseTransition, RolloutPhaseView, RolloutPlanView } from '@uptake/contracts';

export function phasesInOrder(plan: RolloutPlanView): RolloutPhaseView[] {
  return [...plan.phases].sort((a, b) => a.position - b.position);
}

export function activePhase(plan: RolloutPlanView): RolloutPhaseView | undefined {
  return plan.phases.find((phase) => phase.status === 'active');
}

/** What "Advance" would do now: which phase ends, which starts, and whether the gate has to be overridden. */
export interface AdvanceStep {
  from: RolloutPhaseView | null;
  to: RolloutPhaseView | null;
  label: string;
  gateStatus: GateStatus | null;
  /** The active phase's gate has not passed: advancing needs override and a note (the API refuses otherwise). */
  needsOverride: boolean;
}

/** null when there is nothing to advance: the plan is finished, archived, or has no phase left. */
export function advanceStep(plan: RolloutPlanView): AdvanceStep | null {
  if (plan.status === 'completed' || plan.status === 'archived') return null;
  const phases = phasesInOrder(plan);
  const current = activePhase(plan) ?? null;
  const next = phases.find(
    (phase) => phase.status === 'planned' && (!current || phase.position > current.position),
  );
  if (!current) {
    return next
      ? { from: null, to: next, label: `Start ${next.name}`, gateStatus: null, needsOverride: false }
      : null;
  }
  const gateStatus = current.latestEvaluation?.status ?? null;
  return {
    from: current,
    to: next ?? null,
    label: next ? `Advance to ${next.name}` : `Complete ${current.name}`,
    gateStatus,
    needsOverride: gateStatus !== 'pass',
  };
}

/** The phase the page shows in detail: the one in the URL, else the active one, else the first. */
export function selectPhase(plan: RolloutPlanView, wanted: string | undefined): RolloutPhaseView | undefined {
  const phases = phasesInOrder(plan);
  return phases.find((phase) => phase.id === wanted) ?? activePhase(plan) ?? phases[0];
}

/** "Pilot → Best cases", "Started Pilot", "Completed Full rollout" for the transitions history. */
export function describeTransition(transition: PhaseTransition, phases: RolloutPhaseView[]): string {
  const name = (id: string | null) => phases.find((phase) => phase.id === id)?.name ?? 'a removed phase';
  if (!transition.fromPhaseId && transition.toPhaseId) return `Started ${name(transition.toPhaseId)}`;
  if (transition.fromPhaseId && !transition.toPhaseId) return `Completed ${name(transition.fromPhaseId)}`;
  return `${name(transition.fromPhaseId)} → ${name(transition.toPhaseId)}`;
}

/** Changes whenever any phase gets a new evaluation: the page polls until it does after "Evaluate now". */
export function evaluationStamp(plan: RolloutPlanView): string {
  return plan.phases.map((phase) => `${phase.id}:${phase.latestEvaluation?.evaluatedAt ?? ''}`).join('|');
}

/** "12 Mar – 9 Apr 2026"-like range in ISO dates, with open ends shown as such. */
export function plannedRange(phase: Pick<RolloutPhaseView, 'plannedStart' | 'plannedEnd'>): string {
  if (!phase.plannedStart && !phase.plannedEnd) return 'No dates planned';
  return `${phase.plannedStart ?? 'open'} → ${phase.plannedEnd ?? 'open'}`;
}
