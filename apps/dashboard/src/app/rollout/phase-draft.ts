import type {
  AttributeRule,
  ComparisonTarget,
  CriterionMetric,
  EffectCriterion,
  GateCriterion,
  GateOperator,
  PersonAttribute,
  PopulationTarget,
  RolloutPhaseView,
} from '@uptake/contracts';
import { defaultOperator, thresholdForInput, thresholdFromInput } from './gates';

/** A gate criterion as the form holds it: the threshold in the unit people type (% for shares). */
export interface CriterionDraft {
  /** Existing criteria keep their id, so past evaluations still refer to them. */
  id: string | null;
  metric: CriterionMetric;
  operator: GateOperator;
  threshold: number | null;
  consecutiveWeeks: number | null;
  /** What a measured_effect criterion measures (kept as is for the other metrics: absent). */
  effect?: EffectCriterion;
}

export interface RuleDraft {
  attribute: PersonAttribute;
  /** Comma-separated values as typed. */
  values: string;
}

export interface TargetDraft {
  orgUnitIds: string[];
  groupIds: string[];
  /** One pseudonym per line (commas and spaces also separate). */
  pseudonyms: string;
  rules: RuleDraft[];
}

export interface PhaseDraft {
  name: string;
  plannedStart: string;
  plannedEnd: string;
  target: TargetDraft;
  comparisonKind: ComparisonTarget['kind'];
  comparison: TargetDraft;
  gateCriteria: CriterionDraft[];
}

/** Body of POST /phases and PUT /phases/:id. Missing numbers go as null so the API names the field. */
export interface PhaseBody {
  name: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  target: PopulationTarget;
  comparison: ComparisonTarget;
  gateCriteria: (Omit<GateCriterion, 'id' | 'threshold' | 'consecutiveWeeks'> & {
    id?: string;
    threshold: number | null;
    consecutiveWeeks: number | null;
  })[];
}

/** An org unit's kind as the target editor names it; a kind this page does not know reads as the API sends it. */
export function orgUnitKindName(kind: string): string {
  switch (kind) {
    case 'organisation':
      return $localize`:@@rollout.orgUnitKind.organisation:organisation`;
    case 'division':
      return $localize`:@@rollout.orgUnitKind.division:division`;
    case 'department':
      return $localize`:@@rollout.orgUnitKind.department:department`;
    case 'team':
      return $localize`:@@rollout.orgUnitKind.team:team`;
    case 'legacy_company':
      return $localize`:@@rollout.orgUnitKind.legacyCompany:legacy company`;
    case 'location':
      return $localize`:@@rollout.orgUnitKind.location:location`;
    case 'other':
      return $localize`:@@rollout.orgUnitKind.other:other`;
    default:
      return kind;
  }
}

/** The attributes a rule can test, named in the page's language. */
export function personAttributes(): { value: PersonAttribute; label: string }[] {
  return [
    { value: 'level', label: $localize`:@@rollout.attribute.level:Hierarchy level` },
    { value: 'location', label: $localize`:@@rollout.attribute.location:Location` },
    { value: 'legacyUnitId', label: $localize`:@@rollout.attribute.legacyUnitId:Legacy company` },
  ];
}

export function emptyTargetDraft(): TargetDraft {
  return { orgUnitIds: [], groupIds: [], pseudonyms: '', rules: [] };
}

export function newCriterionDraft(metric: CriterionMetric = 'weekly_active_rate'): CriterionDraft {
  return { id: null, metric, operator: defaultOperator(metric), threshold: null, consecutiveWeeks: 1 };
}

function targetDraft(target: PopulationTarget): TargetDraft {
  return {
    orgUnitIds: [...target.orgUnitIds],
    groupIds: [...target.groupIds],
    pseudonyms: target.pseudonyms.join('\n'),
    rules: target.rules.map((rule) => ({ attribute: rule.attribute, values: rule.values.join(', ') })),
  };
}

/** The form's starting point: the phase as it is, or an empty new phase. */
export function draftFromPhase(phase: RolloutPhaseView | null): PhaseDraft {
  if (!phase) {
    return {
      name: '',
      plannedStart: '',
      plannedEnd: '',
      target: emptyTargetDraft(),
      comparisonKind: 'rest-of-organisation',
      comparison: emptyTargetDraft(),
      gateCriteria: [],
    };
  }
  return {
    name: phase.name,
    plannedStart: phase.plannedStart ?? '',
    plannedEnd: phase.plannedEnd ?? '',
    target: targetDraft(phase.target),
    comparisonKind: phase.comparison.kind,
    comparison: phase.comparison.kind === 'target' ? targetDraft(phase.comparison) : emptyTargetDraft(),
    gateCriteria: phase.gateCriteria.map((criterion) => ({
      id: criterion.id,
      metric: criterion.metric,
      operator: criterion.operator,
      threshold: thresholdForInput(criterion.metric, criterion.threshold),
      consecutiveWeeks: criterion.consecutiveWeeks,
      ...(criterion.effect ? { effect: criterion.effect } : {}),
    })),
  };
}

/** "a, b\nc" → ['a', 'b', 'c'] without blanks or repeats. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/** Levels are numbers in the directory; other attributes are strings. */
function ruleFromDraft(rule: RuleDraft): AttributeRule {
  const values = rule.values
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  return {
    attribute: rule.attribute,
    values:
      rule.attribute === 'level'
        ? values.map((value) => (/^-?\d+$/.test(value) ? Number(value) : value))
        : values,
  };
}

export function targetFromDraft(draft: TargetDraft): PopulationTarget {
  return {
    orgUnitIds: [...draft.orgUnitIds],
    groupIds: [...draft.groupIds],
    pseudonyms: splitList(draft.pseudonyms),
    rules: draft.rules.map(ruleFromDraft).filter((rule) => rule.values.length > 0),
  };
}

export function phaseBody(draft: PhaseDraft): PhaseBody {
  return {
    name: draft.name.trim(),
    plannedStart: draft.plannedStart || null,
    plannedEnd: draft.plannedEnd || null,
    target: targetFromDraft(draft.target),
    comparison:
      draft.comparisonKind === 'target'
        ? { kind: 'target', ...targetFromDraft(draft.comparison) }
        : { kind: 'rest-of-organisation' },
    gateCriteria: draft.gateCriteria.map((criterion) => ({
      ...(criterion.id ? { id: criterion.id } : {}),
      metric: criterion.metric,
      operator: criterion.operator,
      threshold:
        criterion.threshold === null ? null : thresholdFromInput(criterion.metric, criterion.threshold),
      consecutiveWeeks: criterion.consecutiveWeeks,
      ...(criterion.effect ? { effect: criterion.effect } : {}),
    })),
  };
}

/** Parses a number input's text: empty or not a number → null (the API then names the field). */
export function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
