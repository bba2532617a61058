import type {
  BestCase,
  BestCaseCriterion,
  BestCaseCriterionScore,
  RolloutPhaseView,
  RolloutPlanView,
} from '@uptake/contracts';
import type { PhaseBody } from '../rollout/phase-draft';
import { phasesInOrder } from '../rollout/timeline';
import { formatCount, formatShare, formatWaitingTime, type FormatOptions } from '../shared/format';
import { bestCaseExplanation } from '../shared/server-text';
import { signedShare } from './communities';

export type BestCaseKind = 'all' | 'community' | 'orgUnit';

export const BEST_CASE_KINDS: readonly BestCaseKind[] = ['all', 'community', 'orgUnit'];

/** The candidates select's options, in the page's language. */
export function bestCaseKindOptions(): { value: BestCaseKind; label: string }[] {
  return [
    { value: 'all', label: $localize`:@@communities.bestCases.kind.all:Communities and org units` },
    { value: 'community', label: $localize`:@@communities.bestCases.kind.community:Communities` },
    { value: 'orgUnit', label: $localize`:@@communities.bestCases.kind.orgUnit:Org units` },
  ];
}

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

/** How each criterion is printed (time is better when lower, the rest when higher). */
const CRITERION_FORMATS: Record<BestCaseCriterion, (v: number | null, o: FormatOptions) => string> = {
  healthIndex: formatShare,
  replyCoverage: formatShare,
  medianHoursToFirstReply: formatWaitingTime,
  crossDepartmentShare: formatShare,
  growth: signedShare,
};

/** How each criterion is named, in the page's language. */
function criterionLabel(criterion: BestCaseCriterion): string {
  switch (criterion) {
    case 'healthIndex':
      return $localize`:@@communities.bestCases.criterion.healthIndex:Health index`;
    case 'replyCoverage':
      return $localize`:@@communities.bestCases.criterion.replyCoverage:Reply coverage`;
    case 'medianHoursToFirstReply':
      return $localize`:@@communities.bestCases.criterion.medianFirstReply:Median first reply`;
    case 'crossDepartmentShare':
      return $localize`:@@communities.bestCases.criterion.crossDepartment:Cross-department`;
    case 'growth':
      return $localize`:@@communities.bestCases.criterion.growth:Growth per week`;
  }
}

export interface CriterionLine {
  criterion: BestCaseCriterion;
  label: string;
  value: string;
  organisationValue: string;
  /** "better", "worse" or "even" than the organisation, null when there is no score. */
  verdict: 'better' | 'worse' | 'even' | null;
  explanation: string;
}

/** One line per criterion: the candidate's value against the organisation's, and the API's explanation (in the page's language). */
export function criterionLines(
  criteria: readonly BestCaseCriterionScore[],
  options: FormatOptions,
): CriterionLine[] {
  return criteria.map((criterion) => {
    const format = CRITERION_FORMATS[criterion.criterion];
    return {
      criterion: criterion.criterion,
      label: criterionLabel(criterion.criterion),
      value: format(criterion.value, options),
      organisationValue: format(criterion.organisationValue, options),
      verdict:
        criterion.score === null
          ? null
          : criterion.score > 0
            ? 'better'
            : criterion.score < 0
              ? 'worse'
              : 'even',
      explanation: bestCaseExplanation(criterion, criterionLabel(criterion.criterion)),
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

/** "3 communities", "1 unit", "2 people": one part of a target's description. */
function communities(count: number): string {
  return count === 1
    ? $localize`:@@communities.bestCases.count.community:1 community`
    : $localize`:@@communities.bestCases.count.communities:${formatCount(count)}:count: communities`;
}

function units(count: number): string {
  return count === 1
    ? $localize`:@@communities.bestCases.count.unit:1 unit`
    : $localize`:@@communities.bestCases.count.units:${formatCount(count)}:count: units`;
}

function people(count: number): string {
  return count === 1
    ? $localize`:@@communities.bestCases.count.person:1 person`
    : $localize`:@@communities.bestCases.count.people:${formatCount(count)}:count: people`;
}

/** "a and b and c" in the page's language. */
function andList(parts: readonly string[]): string {
  return parts.reduce(
    (list, part) => $localize`:@@communities.bestCases.and:${list}:list: and ${part}:part:`,
  );
}

/** "Best cases now targets 3 communities and 1 unit", from the phase as the API saved it. */
export function describeSavedTarget(phase: RolloutPhaseView): string {
  const { groupIds, orgUnitIds, pseudonyms } = phase.target;
  const parts = [
    ...(groupIds.length > 0 ? [communities(groupIds.length)] : []),
    ...(orgUnitIds.length > 0 ? [units(orgUnitIds.length)] : []),
    ...(pseudonyms.length > 0 ? [people(pseudonyms.length)] : []),
  ];
  const name = phase.name;
  return parts.length > 0
    ? $localize`:@@communities.bestCases.savedTarget:${name}:phase: now targets ${andList(parts)}:target:`
    : $localize`:@@communities.bestCases.savedWholeOrganisation:${name}:phase: now targets the whole organisation`;
}

/** "2 communities and 1 unit shortlisted" for the action's label. */
export function describeShortlist(shortlist: readonly ShortlistEntry[]): string {
  const communityCount = shortlist.filter((entry) => entry.kind === 'community').length;
  const unitCount = shortlist.length - communityCount;
  if (shortlist.length === 0)
    return $localize`:@@communities.bestCases.nothingShortlisted:Nothing shortlisted`;
  const parts = [
    ...(communityCount > 0 ? [communities(communityCount)] : []),
    ...(unitCount > 0 ? [units(unitCount)] : []),
  ];
  return $localize`:@@communities.bestCases.shortlisted:${andList(parts)}:list: shortlisted`;
}
