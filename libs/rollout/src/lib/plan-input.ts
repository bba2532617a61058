import {
  GATE_METRIC_KEYS,
  GATE_METRICS,
  type ComparisonTarget,
  type GateCriterion,
  type PopulationTarget,
} from '@uptake/contracts';
import { addDays } from '@uptake/kpi';
import { z } from 'zod';

const uuid = z.uuid({ message: 'must be a UUID' });
const day = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

export const populationTargetSchema = z.strictObject({
  orgUnitIds: z.array(uuid).max(500).default([]),
  groupIds: z.array(uuid).max(500).default([]),
  pseudonyms: z.array(z.string().min(1).max(200)).max(100_000).default([]),
  rules: z
    .array(
      z.strictObject({
        attribute: z.enum(['level', 'location', 'legacyUnitId']),
        values: z
          .array(z.union([z.string().min(1).max(200), z.number().int()]))
          .min(1, 'needs at least one value')
          .max(1_000),
      }),
    )
    .max(20)
    .default([]),
});

export const comparisonTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rest-of-organisation') }),
  populationTargetSchema.extend({ kind: z.literal('target') }),
]);

export const gateCriterionSchema = z
  .strictObject({
    id: z.string().min(1).max(64).optional(),
    metric: z.enum(GATE_METRIC_KEYS as [GateCriterion['metric'], ...GateCriterion['metric'][]], {
      message: `must be one of ${GATE_METRIC_KEYS.join(', ')}`,
    }),
    operator: z.enum(['>=', '<='], { message: "must be '>=' or '<='" }),
    threshold: z.number({ message: 'must be a number' }).finite(),
    consecutiveWeeks: z.number().int().min(1).max(26).default(1),
  })
  .superRefine((criterion, context) => {
    const share = GATE_METRICS[criterion.metric].unit === 'share';
    if (share && (criterion.threshold < 0 || criterion.threshold > 1)) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${criterion.metric} is a share: the threshold must be between 0 and 1 (0.4 for 40%)`,
      });
    }
    if (!share && criterion.threshold < 0) {
      context.addIssue({ code: 'custom', path: ['threshold'], message: 'must not be negative' });
    }
  });

export const phaseInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(120),
    plannedStart: day.nullable().optional(),
    plannedEnd: day.nullable().optional(),
    target: populationTargetSchema.optional(),
    comparison: comparisonTargetSchema.optional(),
    gateCriteria: z.array(gateCriterionSchema).max(20).optional(),
  })
  .refine((phase) => !phase.plannedStart || !phase.plannedEnd || phase.plannedEnd >= phase.plannedStart, {
    path: ['plannedEnd'],
    message: 'must not be before plannedStart',
  });
export type PhaseInput = z.input<typeof phaseInputSchema>;

/** A phase's definition after validation, criteria with ids. */
export interface PhaseDefinition {
  name: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  target: PopulationTarget;
  comparison: ComparisonTarget;
  gateCriteria: GateCriterion[];
}

export class PhaseInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'PhaseInputError';
  }
}

export const EVERYONE: PopulationTarget = { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] };

/**
 * Validates a phase as sent by a client; problems name the field (`gateCriteria[1].threshold: …`).
 * Fields left out keep `previous`'s value, so a client may send only what changed.
 */
export function parsePhaseInput(input: unknown, previous?: PhaseDefinition): PhaseDefinition {
  const parsed = phaseInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new PhaseInputError(problems(parsed.error.issues));
  }
  const phase = parsed.data;
  const criteria = (phase.gateCriteria ?? previous?.gateCriteria ?? []).map((criterion, index) => ({
    ...criterion,
    id: criterion.id ?? `${criterion.metric}-${index + 1}`,
  }));
  const ids = new Set<string>();
  for (const criterion of criteria) {
    if (ids.has(criterion.id))
      throw new PhaseInputError([`gateCriteria: id '${criterion.id}' is used twice`]);
    ids.add(criterion.id);
  }
  return {
    name: phase.name,
    plannedStart: phase.plannedStart !== undefined ? phase.plannedStart : (previous?.plannedStart ?? null),
    plannedEnd: phase.plannedEnd !== undefined ? phase.plannedEnd : (previous?.plannedEnd ?? null),
    target: phase.target ?? previous?.target ?? EVERYONE,
    comparison: phase.comparison ?? previous?.comparison ?? { kind: 'rest-of-organisation' },
    gateCriteria: criteria,
  };
}

/** A target sent on its own (e.g. the default template's pilot); problems are named under `field`. */
export function parsePopulationTarget(input: unknown, field: string): PopulationTarget {
  const parsed = populationTargetSchema.safeParse(input);
  if (!parsed.success) throw new PhaseInputError(problems(parsed.error.issues, [field]));
  return parsed.data;
}

/** "gateCriteria[1].threshold: must be a number" for each issue. */
function problems(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.map((issue) =>
    `${fieldPath([...prefix, ...issue.path])}: ${issue.message}`.replace(/^: /, ''),
  );
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/**
 * The default plan: a pilot, "best cases" that show value, then everyone — with the gate criteria change
 * managers most often use (WAU ≥ 40% for 4 weeks, contributors ≥ 30%, cross-department ≥ 25%,
 * median first reply ≤ 4 h, "tried and stopped" ≤ 15%). Durations: 12, 12 and 26 weeks.
 */
export function defaultPhases(startDate: string, pilot: PopulationTarget = EVERYONE): PhaseDefinition[] {
  const criterion = (
    id: string,
    metric: GateCriterion['metric'],
    operator: GateCriterion['operator'],
    threshold: number,
    consecutiveWeeks = 1,
  ): GateCriterion => ({ id, metric, operator, threshold, consecutiveWeeks });
  const pilotEnd = addDays(startDate, 12 * 7 - 1);
  const bestCasesEnd = addDays(pilotEnd, 12 * 7);
  return [
    {
      name: 'Pilot',
      plannedStart: startDate,
      plannedEnd: pilotEnd,
      target: pilot,
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        criterion('wau', 'weekly_active_rate', '>=', 0.4, 4),
        criterion('contributors', 'contributor_share', '>=', 0.3),
        criterion('first-reply', 'median_hours_to_first_response', '<=', 4),
        criterion('tried-and-stopped', 'tried_and_stopped_rate', '<=', 0.15),
      ],
    },
    {
      name: 'Best cases',
      plannedStart: addDays(pilotEnd, 1),
      plannedEnd: bestCasesEnd,
      target: EVERYONE,
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        criterion('wau', 'weekly_active_rate', '>=', 0.4, 4),
        criterion('cross-department', 'cross_department_share', '>=', 0.25),
        criterion('answered', 'threads_with_response_share', '>=', 0.6),
      ],
    },
    {
      name: 'Full rollout',
      plannedStart: addDays(bestCasesEnd, 1),
      plannedEnd: addDays(bestCasesEnd, 26 * 7),
      target: EVERYONE,
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        criterion('adoption', 'adoption_rate', '>=', 0.8),
        criterion('wau', 'weekly_active_rate', '>=', 0.5, 4),
      ],
    },
  ];
}
