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
    if (!next) return null;
    const name = next.name;
    return {
      from: null,
      to: next,
      label: $localize`:@@rollout.advance.start:Start ${name}:phase:`,
      gateStatus: null,
      needsOverride: false,
    };
  }
  const gateStatus = current.latestEvaluation?.status ?? null;
  return {
    from: current,
    to: next ?? null,
    label: next ? advanceLabel(next.name) : completeLabel(current.name),
    gateStatus,
    needsOverride: gateStatus !== 'pass',
  };
}

function advanceLabel(name: string): string {
  return $localize`:@@rollout.advance.to:Advance to ${name}:phase:`;
}

function completeLabel(name: string): string {
  return $localize`:@@rollout.advance.complete:Complete ${name}:phase:`;
}

/** The phase the page shows in detail: the one in the URL, else the active one, else the first. */
export function selectPhase(plan: RolloutPlanView, wanted: string | undefined): RolloutPhaseView | undefined {
  const phases = phasesInOrder(plan);
  return phases.find((phase) => phase.id === wanted) ?? activePhase(plan) ?? phases[0];
}

/** "Pilot → Best cases", "Started Pilot", "Completed Full rollout" for the transitions history. */
export function describeTransition(transition: PhaseTransition, phases: RolloutPhaseView[]): string {
  const name = (id: string | null) =>
    phases.find((phase) => phase.id === id)?.name ??
    $localize`:@@rollout.transition.removedPhase:a removed phase`;
  const from = name(transition.fromPhaseId);
  const to = name(transition.toPhaseId);
  if (!transition.fromPhaseId && transition.toPhaseId)
    return $localize`:@@rollout.transition.started:Started ${to}:phase:`;
  if (transition.fromPhaseId && !transition.toPhaseId)
    return $localize`:@@rollout.transition.completed:Completed ${from}:phase:`;
  return `${from} → ${to}`;
}

/** Changes whenever any phase gets a new evaluation: the page polls until it does after "Evaluate now". */
export function evaluationStamp(plan: RolloutPlanView): string {
  return plan.phases.map((phase) => `${phase.id}:${phase.latestEvaluation?.evaluatedAt ?? ''}`).join('|');
}

/** "12 Mar – 9 Apr 2026"-like range in ISO dates, with open ends shown as such. */
export function plannedRange(phase: Pick<RolloutPhaseView, 'plannedStart' | 'plannedEnd'>): string {
  if (!phase.plannedStart && !phase.plannedEnd) return $localize`:@@rollout.range.noDates:No dates planned`;
  const open = $localize`:@@rollout.range.open:open`;
  return `${phase.plannedStart ?? open} → ${phase.plannedEnd ?? open}`;
}
