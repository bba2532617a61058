import { HttpErrorResponse } from '@angular/common/http';
import type {
  BusinessCaseGoal,
  EffectComparison,
  GoalMeasurementRequest,
  ProgrammeCost,
} from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { messagesOf, sortByField, type FieldMessages } from '../shared/field-errors';

/*
 * The Business case page's forms as plain drafts (text fields as typed) and the checks that mirror the
 * contract's bounds (goalMeasurementSchema, valueAssumptionsSchema, programmeCostSchema), with the API's own
 * messages, so a person sees the same words before and after sending. The server stays the judge: its 400
 * messages are sorted to the same fields (they name the field first: "assumptions.people must …").
 */

/** A number field's bounds, as in the contract. */
interface Bounds {
  min: number;
  max: number;
  integer?: boolean;
  optional?: boolean;
}

/** The contract's message for a number field, or null when it is fine. */
export function numberProblem(text: string, bounds: Bounds): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return bounds.optional ? null : 'must be a number';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return bounds.integer ? 'must be a whole number' : 'must be a number';
  if (bounds.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (value < bounds.min) return `must not be less than ${bounds.min}`;
  if (value > bounds.max) return `must not be greater than ${bounds.max}`;
  return null;
}

/**
 * A failed write's messages sorted to the form's fields (the API names the field first); anything else, such
 * as a 403 or a network failure, is shown for the whole form.
 */
export function serverFieldErrors<F extends string>(error: unknown, fields: readonly F[]): FieldMessages<F> {
  const messages = error instanceof HttpErrorResponse ? messagesOf(error.error) : [];
  return sortByField(messages.length > 0 ? messages : [errorMessage(error)], fields);
}

/** The client's message for a field, else the server's, else nothing. */
export function fieldError<F extends string>(
  field: F,
  client: Partial<Record<F, string>>,
  server: FieldMessages<F> | null,
): string | null {
  return client[field] ?? server?.byField[field]?.join('; ') ?? null;
}

// The contract's values, repeated: importing them from @uptake/contracts would bundle zod into the page.
const CURRENCY = /^[A-Z]{3}$/;
const USAGE_METRIC = /^usage:[a-z][a-z0-9_.]{0,63}$/;
const GOAL_KPI_KEYS = [
  'adoption_rate',
  'weekly_active_rate',
  'contributor_share',
  'median_hours_to_first_response',
  'emails_sent_per_person_per_week',
];

// ---------------------------------------------------------------------------------------------------------
// A goal's measurement

export const MEASUREMENT_FIELDS = [
  'phaseId',
  'metric',
  'comparison',
  'preWeeks',
  'postWeeks',
  'assumptions.minutesPerUnit',
  'assumptions.lowerIsBetter',
  'assumptions.people',
  'assumptions.workingWeeksPerYear',
  'assumptions.hourlyCost',
  'assumptions.currency',
] as const;
export type MeasurementField = (typeof MEASUREMENT_FIELDS)[number];

export interface MeasurementDraft {
  phaseId: string;
  /** '' = the goal's own KPI. */
  metric: string;
  comparison: EffectComparison;
  preWeeks: string;
  postWeeks: string;
  minutesPerUnit: string;
  lowerIsBetter: boolean;
  people: string;
  workingWeeksPerYear: string;
  hourlyCost: string;
  currency: string;
}

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/**
 * The form for a goal: its measurement as it is, else sensible defaults (the plan's first phase, the goal's
 * own KPI, the phase's comparison, 8 weeks before; fewer e-mails save time; 44 working weeks; EUR).
 */
export function measurementDraft(goal: BusinessCaseGoal, firstPhaseId: string | undefined): MeasurementDraft {
  const m = goal.measurement;
  if (m) {
    return {
      phaseId: m.phaseId,
      metric: m.metric ?? '',
      comparison: m.comparison,
      preWeeks: text(m.preWeeks),
      postWeeks: text(m.postWeeks),
      minutesPerUnit: text(m.assumptions.minutesPerUnit),
      lowerIsBetter: m.assumptions.lowerIsBetter,
      people: text(m.assumptions.people),
      workingWeeksPerYear: text(m.assumptions.workingWeeksPerYear),
      hourlyCost: text(m.assumptions.hourlyCost),
      currency: m.assumptions.currency,
    };
  }
  return {
    phaseId: goal.phase?.id ?? firstPhaseId ?? '',
    metric: '',
    comparison: 'phase',
    preWeeks: '8',
    postWeeks: '',
    minutesPerUnit: '2',
    lowerIsBetter:
      goal.kpi === 'emails_sent_per_person_per_week' || goal.kpi === 'median_hours_to_first_response',
    people: '',
    workingWeeksPerYear: '44',
    hourlyCost: '60',
    currency: 'EUR',
  };
}

export interface Checked<B, F extends string> {
  /** The body to send, when every field passed. */
  body: B | null;
  errors: Partial<Record<F, string>>;
}

/** Checks a measurement draft against the contract and builds its body. */
export function measurementBody(
  draft: MeasurementDraft,
  planId: string,
): Checked<GoalMeasurementRequest, MeasurementField> {
  const errors: Partial<Record<MeasurementField, string>> = {};
  const check = (field: MeasurementField, problem: string | null) => {
    if (problem) errors[field] = problem;
  };
  check('phaseId', draft.phaseId ? null : 'choose the phase that measures the goal');
  const metric = draft.metric.trim();
  check(
    'metric',
    metric === '' || GOAL_KPI_KEYS.includes(metric) || USAGE_METRIC.test(metric)
      ? null
      : `must be one of ${GOAL_KPI_KEYS.join(', ')} or usage:<metric> (e.g. usage:email.sent)`,
  );
  check('preWeeks', numberProblem(draft.preWeeks, { min: 2, max: 52, integer: true }));
  check('postWeeks', numberProblem(draft.postWeeks, { min: 1, max: 52, integer: true, optional: true }));
  check('assumptions.minutesPerUnit', numberProblem(draft.minutesPerUnit, { min: 0, max: 480 }));
  check('assumptions.people', numberProblem(draft.people, { min: 0, max: 10_000_000 }));
  check('assumptions.workingWeeksPerYear', numberProblem(draft.workingWeeksPerYear, { min: 1, max: 53 }));
  check('assumptions.hourlyCost', numberProblem(draft.hourlyCost, { min: 0, max: 100_000 }));
  check(
    'assumptions.currency',
    CURRENCY.test(draft.currency.trim()) ? null : 'must be an ISO 4217 code like EUR',
  );
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return {
    body: {
      planId,
      phaseId: draft.phaseId,
      ...(metric ? { metric } : {}),
      comparison: draft.comparison,
      preWeeks: Number(draft.preWeeks),
      ...(draft.postWeeks.trim() ? { postWeeks: Number(draft.postWeeks) } : {}),
      assumptions: {
        minutesPerUnit: Number(draft.minutesPerUnit),
        lowerIsBetter: draft.lowerIsBetter,
        people: Number(draft.people),
        workingWeeksPerYear: Number(draft.workingWeeksPerYear),
        hourlyCost: Number(draft.hourlyCost),
        currency: draft.currency.trim(),
      },
    },
    errors,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The programme cost

export const COST_FIELDS = [
  'licencePerSeatPerMonth',
  'seats',
  'months',
  'oneOffCosts',
  'trainingHours',
  'championHours',
] as const;
export type CostField = (typeof COST_FIELDS)[number];
export type CostDraft = Record<CostField, string>;

/** The contract's bounds per cost field, and what each field is called on the form. */
export const COST_BOUNDS: Record<CostField, Bounds & { label: string }> = {
  licencePerSeatPerMonth: {
    min: 0,
    max: 100_000,
    label: $localize`:@@businessCase.costField.licence:Licence per seat and month`,
  },
  seats: { min: 0, max: 10_000_000, label: $localize`:@@businessCase.costField.seats:Seats` },
  months: { min: 1, max: 120, label: $localize`:@@businessCase.costField.months:Horizon (months)` },
  oneOffCosts: {
    min: 0,
    max: 1_000_000_000,
    label: $localize`:@@businessCase.costField.oneOff:One-off costs`,
  },
  trainingHours: {
    min: 0,
    max: 100_000_000,
    label: $localize`:@@businessCase.costField.training:Training hours (all people)`,
  },
  championHours: {
    min: 0,
    max: 100_000_000,
    label: $localize`:@@businessCase.costField.champion:Champion hours`,
  },
};

export function costDraft(cost: ProgrammeCost | null): CostDraft {
  const fields = cost ?? {
    licencePerSeatPerMonth: 0,
    seats: 0,
    months: 24,
    oneOffCosts: 0,
    trainingHours: 0,
    championHours: 0,
  };
  return Object.fromEntries(COST_FIELDS.map((field) => [field, String(fields[field])])) as CostDraft;
}

export function costBody(draft: CostDraft): Checked<ProgrammeCost, CostField> {
  const errors: Partial<Record<CostField, string>> = {};
  for (const field of COST_FIELDS) {
    const problem = numberProblem(draft[field], COST_BOUNDS[field]);
    if (problem) errors[field] = problem;
  }
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body = Object.fromEntries(COST_FIELDS.map((field) => [field, Number(draft[field])])) as ProgrammeCost;
  return { body, errors };
}
