import type { SuppressionReason } from './privacy';

/**
 * KPIs a gate criterion can test, each measured per ISO week on the phase's population.
 * `direction` says which way is better (a criterion's operator usually follows it).
 */
export const GATE_METRICS = {
  weekly_active_rate: { label: 'Weekly active / eligible', unit: 'share', direction: 'up' },
  adoption_rate: { label: 'Ever active / eligible', unit: 'share', direction: 'up' },
  contributor_share: { label: 'Posted, replied or reacted / eligible', unit: 'share', direction: 'up' },
  threads_with_response_share: { label: 'Threads answered by someone else', unit: 'share', direction: 'up' },
  median_hours_to_first_response: { label: 'Median time to first reply', unit: 'hours', direction: 'down' },
  cross_department_share: { label: 'Interactions across departments', unit: 'share', direction: 'up' },
  tried_and_stopped_rate: { label: '"Tried and stopped" / activated', unit: 'share', direction: 'down' },
} as const;
export type GateMetric = keyof typeof GATE_METRICS;
export const GATE_METRIC_KEYS = Object.keys(GATE_METRICS) as GateMetric[];

export type GateOperator = '>=' | '<=';

/** "WAU >= 40% of eligible for 4 consecutive weeks": metric, operator, threshold, weeks. */
export interface GateCriterion {
  /** Stable within the phase (evaluations refer to it). */
  id: string;
  metric: GateMetric;
  operator: GateOperator;
  /** Shares are fractions (0.4 for 40%); hours are hours. */
  threshold: number;
  /** Complete weeks in a row the condition must hold (1 = the latest week). */
  consecutiveWeeks: number;
}

/** Hierarchy level, location or legacy company (before a merger) of a person, from the directory. */
export type PersonAttribute = 'level' | 'location' | 'legacyUnitId';

export interface AttributeRule {
  attribute: PersonAttribute;
  /** The person's value must be one of these (levels as numbers, the rest as strings). */
  values: (string | number)[];
}

/**
 * Who a phase (or a comparison group) targets: the union of org-unit subtrees, groups and explicit people
 * (all empty = the whole organisation), narrowed by every attribute rule. People are named by pseudonym.
 */
export interface PopulationTarget {
  orgUnitIds: string[];
  groupIds: string[];
  pseudonyms: string[];
  rules: AttributeRule[];
}

/** What a phase's population is compared with: another target, or everyone in the organisation not in the phase. */
export type ComparisonTarget = { kind: 'rest-of-organisation' } | ({ kind: 'target' } & PopulationTarget);

export type RolloutPlanStatus = 'draft' | 'active' | 'completed' | 'archived';
export type RolloutPhaseStatus = 'planned' | 'active' | 'completed' | 'skipped';
/** no-data: the value is withheld (fewer than k people) or there is no complete week yet. */
export type GateStatus = 'pass' | 'at-risk' | 'fail' | 'no-data';

export interface CriterionWeek {
  /** Monday of the week. */
  week: string;
  value: number | null;
  met: boolean | null;
}

export interface CriterionEvaluation {
  criterionId: string;
  metric: GateMetric;
  operator: GateOperator;
  threshold: number;
  consecutiveWeeks: number;
  status: GateStatus;
  /** The latest complete week's value. */
  value: number | null;
  /** Weeks in a row (ending with the latest) the condition held. */
  weeksMet: number;
  /** The weekly values the decision rests on, oldest first. */
  evidence: CriterionWeek[];
  /** When the condition is expected to hold, or null when it already holds or is not expected to. */
  forecastDate: string | null;
  /** 'bass' (adoption fit) or 'trend' (least squares over the evidence weeks). */
  forecastMethod: 'bass' | 'trend' | null;
  /** One sentence a change manager can read: why this status. */
  explanation: string;
  suppressed?: SuppressionReason;
}

export interface GateEvaluation {
  id: string;
  phaseId: string;
  evaluatedAt: string;
  /** The last day with data the evaluation looked at (weeks end on or before it). */
  asOf: string;
  trigger: 'schedule' | 'ingest' | 'manual' | 'change';
  /** pass when every criterion passes; fail when any fails; otherwise at-risk (or no-data). */
  status: GateStatus;
  /** People in the phase's population when evaluated (null below k). */
  population: number | null;
  criteria: CriterionEvaluation[];
}

export interface RolloutPhaseView {
  id: string;
  position: number;
  name: string;
  status: RolloutPhaseStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  startedAt: string | null;
  completedAt: string | null;
  target: PopulationTarget;
  comparison: ComparisonTarget;
  gateCriteria: GateCriterion[];
  /** Cohort groups holding the resolved populations: usable as `groupId` in every KPI endpoint. */
  cohortGroupId: string | null;
  comparisonGroupId: string | null;
  latestEvaluation: GateEvaluation | null;
}

export interface RolloutPlanView {
  id: string;
  name: string;
  status: RolloutPlanStatus;
  createdAt: string;
  updatedAt: string;
  phases: RolloutPhaseView[];
}

/** An audited phase change. */
export interface PhaseTransition {
  at: string;
  actor: string | null;
  fromPhaseId: string | null;
  toPhaseId: string | null;
  /** True when the gate did not pass and the user advanced anyway (a note is then required). */
  overridden: boolean;
  gateStatus: GateStatus | null;
  note: string | null;
}

export interface ComparisonMetric {
  metric: GateMetric;
  label: string;
  unit: 'share' | 'hours';
  phase: number | null;
  comparison: number | null;
  /** phase − comparison. */
  difference: number | null;
  /** 95% interval of the difference (Newcombe's score interval for shares, t over weekly differences otherwise). */
  low: number | null;
  high: number | null;
  /** Whether the interval excludes 0. */
  significant: boolean | null;
  /** Weekly values of both populations, oldest first (for charts). */
  weeks: { week: string; phase: number | null; comparison: number | null }[];
  suppressed?: SuppressionReason;
}

export interface ComparisonReport {
  phaseId: string;
  from: string;
  to: string;
  phasePopulation: number | null;
  comparisonPopulation: number | null;
  comparisonLabel: string;
  metrics: ComparisonMetric[];
}

/** Usage guidelines of the social network and who acknowledged them (imported from an HR or LMS export). */
export interface GovernanceReport {
  guidelines: { version: string; title: string; publishedOn: string; url: string | null } | null;
  /** Eligible people (directory) of the organisation. */
  eligible: number | null;
  /** Of those, people who acknowledged the current version. */
  acknowledged: number | null;
  share: number | null;
  suppressed?: SuppressionReason;
}

/** Goal as returned by GET /organisations/:id/goals (see the OpenAPI for field docs). */
export interface GoalView {
  id: string;
  name: string;
  kpi: string;
  kpiDescription: string;
  unit: string;
  baseline: number;
  target: number;
  deadline: string | null;
  orgUnitId: string | null;
  groupId: string | null;
  valueModel: {
    kind: 'time-saved';
    minutesPerActivePersonPerDay: number;
    /** Left out (or null): the organisation's default hourly cost. */
    hourlyCost?: number | null;
    currency: string;
    /** Left out (or null): the organisation's working days per year. */
    workingDaysPerYear?: number | null;
  } | null;
  progress: {
    current: number | null;
    currentWeek: string | null;
    progress: number | null;
    trendPerWeek: number | null;
    projectedDate: string | null;
    status: 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'no-data';
    series: { week: string; value: number | null }[];
  };
  annualValue: {
    activePeople: number;
    hoursPerPersonPerYear: number;
    hoursPerYear: number;
    amount: number;
    currency: string;
    /** What the amount rests on: the goal's own figures or the organisation's defaults. */
    hourlyCost: number;
    workingDaysPerYear: number;
  } | null;
}
