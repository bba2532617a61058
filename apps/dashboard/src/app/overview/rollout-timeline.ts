import type { GateStatus, RolloutPhaseStatus, RolloutPlanStatus, RolloutPlanView } from '@uptake/contracts';
import { formatDay } from '../shared/format';
import { COLOURS } from '../shared/theme';

/** The plan an executive cares about: the active one, else the most recently changed. */
export function currentPlan(plans: readonly RolloutPlanView[]): RolloutPlanView | undefined {
  const latestFirst = [...plans].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return latestFirst.find((plan) => plan.status === 'active') ?? latestFirst[0];
}

export const PLAN_STATUS: Record<RolloutPlanStatus, string> = {
  draft: $localize`:@@overview.planStatus.draft:draft`,
  active: $localize`:@@overview.planStatus.active:under way`,
  completed: $localize`:@@overview.planStatus.completed:completed`,
  archived: $localize`:@@overview.planStatus.archived:archived`,
};

export const PHASE_STATUS: Record<RolloutPhaseStatus, string> = {
  planned: $localize`:@@overview.phaseStatus.planned:Planned`,
  active: $localize`:@@overview.phaseStatus.active:In progress`,
  completed: $localize`:@@overview.phaseStatus.completed:Completed`,
  skipped: $localize`:@@overview.phaseStatus.skipped:Skipped`,
};

/** Gate colours: the word goes with the colour so it reads without it. */
export const GATE_STATUS: Record<GateStatus | 'none', { label: string; color: string }> = {
  pass: { label: $localize`:@@overview.gate.pass:Gate passed`, color: COLOURS.good },
  'at-risk': { label: $localize`:@@overview.gate.atRisk:Gate at risk`, color: COLOURS.warn },
  fail: { label: $localize`:@@overview.gate.fail:Gate failing`, color: COLOURS.danger },
  'no-data': { label: $localize`:@@overview.gate.noData:Gate: no data`, color: COLOURS.neutral },
  none: { label: $localize`:@@overview.gate.none:Not evaluated`, color: COLOURS.accent200 },
};

/**
 * A planned phase's gate is evaluated too (its target population may already use the network), but it is not
 * yet a verdict: it reads as a preview of where the gate would stand today.
 */
export function gateLook(
  phaseStatus: RolloutPhaseStatus,
  gate: GateStatus | undefined,
): (typeof GATE_STATUS)[keyof typeof GATE_STATUS] {
  const look = GATE_STATUS[gate ?? 'none'];
  if (phaseStatus !== 'planned' || !gate) return look;
  return { ...look, label: $localize`:@@overview.gate.preview:Preview: ${PREVIEW_WORDS[gate]}:verdict:` };
}

const PREVIEW_WORDS: Record<GateStatus, string> = {
  pass: $localize`:@@overview.gate.preview.pass:passing`,
  'at-risk': $localize`:@@overview.gate.preview.atRisk:at risk`,
  fail: $localize`:@@overview.gate.preview.fail:failing`,
  'no-data': $localize`:@@overview.gate.preview.noData:no data`,
};

export interface TimelinePhase {
  id: string;
  name: string;
  status: string;
  statusKey: RolloutPhaseStatus;
  gate: (typeof GATE_STATUS)[keyof typeof GATE_STATUS];
  /** "1 Mar 2026 – 31 Mar 2026", or what is known of it. */
  dates: string;
  /** Bar position in percent of the timeline; null when the phase has no dates yet. */
  left: number | null;
  width: number | null;
}

export interface Timeline {
  start: string | null;
  end: string | null;
  phases: TimelinePhase[];
  /** Where today falls, in percent, when it falls inside the timeline. */
  today: number | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS;

/**
 * Phases as bars on one time scale running from the earliest start to the latest end. A phase's span is its
 * plan (planned start/end), or what actually happened when it was not planned. Bars are at least 2% wide so a
 * one-day phase stays visible.
 */
export function phaseTimeline(plan: RolloutPlanView, today: string): Timeline {
  const phases = [...plan.phases].sort((a, b) => a.position - b.position);
  const spans = phases.map((phase) => ({
    start: phase.plannedStart ?? phase.startedAt?.slice(0, 10) ?? null,
    end: phase.plannedEnd ?? phase.completedAt?.slice(0, 10) ?? null,
  }));
  const days = spans.flatMap((span) => [span.start, span.end]).filter((day): day is string => day !== null);
  const sorted = [...days].sort();
  const start = sorted.at(0) ?? null;
  const end = sorted.at(-1) ?? null;
  // +1: the end day is included, so a phase from day 0 to day 9 covers 10 days.
  const length = start && end ? dayNumber(end) - dayNumber(start) + 1 : 0;
  const percent = (day: string) => (start ? ((dayNumber(day) - dayNumber(start)) / length) * 100 : 0);

  return {
    start,
    end,
    today: start && end && today >= start && today <= end ? round(percent(today)) : null,
    phases: phases.map((phase, index) => {
      const span = spans[index];
      const from = span.start ?? span.end;
      const to = span.end ?? span.start;
      const left = from ? round(percent(from)) : null;
      const width = from && to ? round(Math.max(2, percent(to) + 100 / length - percent(from))) : null;
      return {
        id: phase.id,
        name: phase.name,
        status: PHASE_STATUS[phase.status],
        statusKey: phase.status,
        gate: gateLook(phase.status, phase.latestEvaluation?.status),
        dates: describeSpan(span.start, span.end),
        left: left === null ? null : Math.min(left, 98),
        width,
      };
    }),
  };
}

function describeSpan(start: string | null, end: string | null): string {
  if (start && end) return `${formatDay(start)} – ${formatDay(end)}`;
  if (start) return $localize`:@@overview.dates.from:from ${formatDay(start)}:day:`;
  if (end) return $localize`:@@overview.dates.until:until ${formatDay(end)}:day:`;
  return $localize`:@@overview.dates.none:no dates yet`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
