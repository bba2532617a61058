import type {
  BestCase,
  BestCaseCriterion,
  BestCaseCriterionScore,
  RolloutPhaseView,
  RolloutPlanView,
} from '@uptake/contracts';
import type { PhaseBody } from '../rollout/phase-draft';
import { phasesInOrder } from '../rollout/timeline';
import { formatShare, formatWaitingTime, type FormatOptions } from '../shared/format';
import { signedShare } from './communities';

export type BestCaseKind = 'all' | 'community' | 'orgUnit';

export const BEST_CASE_KINDS: { value: BestCaseKind; label: string }[] = [
  { value: 'all', label: 'Communities and org units' },
  { value: 'community', label: 'Communities' },
  { value: 'orgUnit', label: 'Org units' },
];

/** A candidate as the shortlist keeps it: enough to build the target and to say what it holds. */
export interface ShortlistEntry {
  kind: BestCase['kind'];
  id: string;
  name: string;
}

/** Communities and org units may share nothing but an id format: the kind keeps them apart. */
export function candidateKey(candidate: { kind: BestCase['kind']; id: string }): string {
  return `${candidate.kind}:${candidate.id}`;
}

/** How each criterion is named and printed (time is better when lower, the rest when higher). */
const CRITERIA: Record<
  BestCaseCriterion,
  { label: string; format: (v: number | null, o: FormatOptions) => string }
> = {
  healthIndex: { label: 'Health index', format: formatShare },
  replyCoverage: { label: 'Reply coverage', format: formatShare },
  medianHoursToFirstReply: { label: 'Median first reply', format: formatWaitingTime },
  crossDepartmentShare: { label: 'Cross-department', format: formatShare },
  growth: { label: 'Growth per week', format: signedShare },
};

export interface CriterionLine {
  criterion: BestCaseCriterion;
  label: string;
  value: string;
  organisationValue: string;
  /** "better", "worse" or "even" than the organisation, null when there is no score. */
  verdict: 'better' | 'worse' | 'even' | null;
  explanation: string;
}

/** One line per criterion: the candidate's value against the organisation's, and the API's explanation. */
export function criterionLines(
  criteria: readonly BestCaseCriterionScore[],
  options: FormatOptions,
): CriterionLine[] {
  return criteria.map((criterion) => {
    const look = CRITERIA[criterion.criterion];
    return {
      criterion: criterion.criterion,
      label: look.label,
      value: look.format(criterion.value, options),
      organisationValue: look.format(criterion.organisationValue, options),
      verdict:
        criterion.score === null
          ? null
          : criterion.score > 0
            ? 'better'
            : criterion.score < 0
              ? 'worse'
              : 'even',
      explanation: criterion.explanation,
    };
  });
}

/** A phase of a plan the shortlist may become the target of. */
export interface PhaseChoice {
  /** `<planId>/<phaseId>`: one value for the select. */
  key: string;
  planId: string;
  planName: string;
  phase: RolloutPhaseView;
}

/** Plans whose phases can still take a target: the active one and drafts (archived and completed plans are done). */
const OPEN_PLANS: RolloutPlanView['status'][] = ['active', 'draft'];
/** Phases whose population is still worth choosing (completed or skipped phases are history). */
const OPEN_PHASES: RolloutPhaseView['status'][] = ['planned', 'active'];

export function phaseKey(planId: string, phaseId: string): string {
  return `${planId}/${phaseId}`;
}

/** The open phases of the open plans, active plans first (then the API's order, newest first), phases in order. */
export function phaseChoices(plans: readonly RolloutPlanView[]): PhaseChoice[] {
  const open = plans.filter((plan) => OPEN_PLANS.includes(plan.status));
  const ordered = [
    ...open.filter((plan) => plan.status === 'active'),
    ...open.filter((plan) => plan.status !== 'active'),
  ];
  return ordered.flatMap((plan) =>
    phasesInOrder(plan)
      .filter((phase) => OPEN_PHASES.includes(phase.status))
      .map((phase) => ({ key: phaseKey(plan.id, phase.id), planId: plan.id, planName: plan.name, phase })),
  );
}

const BEST_CASES_PHASE = 'best cases';

/**
 * The phase a shortlist most likely belongs to: in the active plan (else the newest draft), the phase named
 * "Best cases" (the default template's second phase), else its first planned phase. Undefined when there is none.
 */
export function defaultPhaseChoice(choices: readonly PhaseChoice[]): PhaseChoice | undefined {
  const planId = choices[0]?.planId;
  const ofPlan = choices.filter((choice) => choice.planId === planId);
  return (
    ofPlan.find((choice) => choice.phase.name.trim().toLocaleLowerCase('en') === BEST_CASES_PHASE) ??
    ofPlan.find((choice) => choice.phase.status === 'planned')
  );
}

/**
 * The PUT body that makes the shortlist the phase's target: its communities as groups and its org units as
 * units, nobody by pseudonym and no attribute rules; name, dates, comparison and gate criteria (with their ids,
 * so past evaluations still refer to them) stay as they are.
 */
export function phaseTargetBody(phase: RolloutPhaseView, shortlist: readonly ShortlistEntry[]): PhaseBody {
  return {
    name: phase.name,
    plannedStart: phase.plannedStart,
    plannedEnd: phase.plannedEnd,
    target: {
      orgUnitIds: shortlist.filter((entry) => entry.kind === 'orgUnit').map((entry) => entry.id),
      groupIds: shortlist.filter((entry) => entry.kind === 'community').map((entry) => entry.id),
      pseudonyms: [],
      rules: [],
    },
    comparison: phase.comparison,
    gateCriteria: phase.gateCriteria.map((criterion) => ({ ...criterion })),
  };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Best cases now targets 3 communities and 1 unit", from the phase as the API saved it. */
export function describeSavedTarget(phase: RolloutPhaseView): string {
  const parts = [
    ...(phase.target.groupIds.length > 0
      ? [plural(phase.target.groupIds.length, 'community', 'communities')]
      : []),
    ...(phase.target.orgUnitIds.length > 0 ? [plural(phase.target.orgUnitIds.length, 'unit', 'units')] : []),
    ...(phase.target.pseudonyms.length > 0
      ? [plural(phase.target.pseudonyms.length, 'person', 'people')]
      : []),
  ];
  return `${phase.name} now targets ${parts.length > 0 ? parts.join(' and ') : 'the whole organisation'}`;
}

/** "2 communities and 1 unit shortlisted" for the action's label. */
export function describeShortlist(shortlist: readonly ShortlistEntry[]): string {
  const communities = shortlist.filter((entry) => entry.kind === 'community').length;
  const units = shortlist.length - communities;
  if (shortlist.length === 0) return 'Nothing shortlisted';
  const parts = [
    ...(communities > 0 ? [plural(communities, 'community', 'communities')] : []),
    ...(units > 0 ? [plural(units, 'unit', 'units')] : []),
  ];
  return `${parts.join(' and ')} shortlisted`;
}
