import type { InterventionKind, InterventionRequest, InterventionView } from '@uptake/contracts';
import { addDays, formatDay } from '../shared/format';

/*
 * The intervention form as a draft and its checks, mirroring interventionBodySchema (the values are repeated:
 * importing them from @uptake/contracts would bundle zod into the page).
 */

/** INTERVENTION_KINDS with what the log calls each. */
export const INTERVENTION_KIND_LABELS: Record<InterventionKind, string> = {
  training: $localize`:@@interventions.kind.training:Training`,
  communication: $localize`:@@interventions.kind.communication:Communication`,
  'leadership-post': $localize`:@@interventions.kind.leadershipPost:Leadership post`,
  'champion-programme': $localize`:@@interventions.kind.championProgramme:Champion programme`,
  nudge: $localize`:@@interventions.kind.nudge:Nudge`,
  other: $localize`:@@interventions.kind.other:Other`,
};
export const INTERVENTION_KIND_OPTIONS = Object.entries(INTERVENTION_KIND_LABELS).map(([value, label]) => ({
  value: value as InterventionKind,
  label,
}));

/** interventionTargetSchema: at most this many org units and groups each. */
export const MAX_TARGETS = 50;

export const INTERVENTION_FIELDS = [
  'day',
  'kind',
  'title',
  'note',
  'target.orgUnitIds',
  'target.groupIds',
] as const;
export type InterventionField = (typeof INTERVENTION_FIELDS)[number];

export interface InterventionDraft {
  day: string;
  kind: InterventionKind;
  title: string;
  note: string;
  orgUnitIds: string[];
  groupIds: string[];
}

/** A new intervention: today, a training, aimed at everyone. */
export function emptyInterventionDraft(today: string): InterventionDraft {
  return { day: today, kind: 'training', title: '', note: '', orgUnitIds: [], groupIds: [] };
}

export function interventionDraftOf(intervention: InterventionView): InterventionDraft {
  return {
    day: intervention.day,
    kind: intervention.kind,
    title: intervention.title,
    note: intervention.note,
    orgUnitIds: [...intervention.target.orgUnitIds],
    groupIds: [...intervention.target.groupIds],
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Checks a draft like the API does (`today` in UTC: "not after tomorrow") and builds the body. */
export function interventionBody(
  draft: InterventionDraft,
  today: string,
): { body: InterventionRequest | null; errors: Partial<Record<InterventionField, string>> } {
  const errors: Partial<Record<InterventionField, string>> = {};
  if (!ISO_DAY.test(draft.day) || !isCalendarDay(draft.day))
    errors.day = 'must be a calendar date YYYY-MM-DD';
  else if (draft.day > addDays(today, 1)) errors.day = 'must not be after tomorrow';
  const title = draft.title.trim();
  if (title.length < 1) errors.title = 'must be longer than or equal to 1 characters';
  else if (title.length > 200) errors.title = 'must be shorter than or equal to 200 characters';
  if (draft.note.length > 2000) errors.note = 'must be shorter than or equal to 2000 characters';
  if (draft.orgUnitIds.length > MAX_TARGETS)
    errors['target.orgUnitIds'] = `must contain no more than ${MAX_TARGETS} elements`;
  if (draft.groupIds.length > MAX_TARGETS)
    errors['target.groupIds'] = `must contain no more than ${MAX_TARGETS} elements`;
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return {
    body: {
      day: draft.day,
      kind: draft.kind,
      title,
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
      target: { orgUnitIds: draft.orgUnitIds, groupIds: draft.groupIds },
    },
    errors,
  };
}

/** Who an intervention was aimed at, by name: "Sales, Working out loud pilot" or "Everyone". */
export function targetText(
  target: InterventionView['target'],
  names: { orgUnits: ReadonlyMap<string, string>; groups: ReadonlyMap<string, string> },
): string {
  const labels = [
    ...target.orgUnitIds.map(
      (id) =>
        names.orgUnits.get(id) ??
        $localize`:@@interventions.target.unknownOrgUnit:an org unit no longer listed`,
    ),
    ...target.groupIds.map(
      (id) =>
        names.groups.get(id) ?? $localize`:@@interventions.target.unknownGroup:a group no longer listed`,
    ),
  ];
  return labels.length === 0 ? $localize`:@@interventions.target.everyone:Everyone` : labels.join(', ');
}

/** A log row: the intervention with its words. */
export interface InterventionRow {
  id: string;
  day: string;
  dayText: string;
  kind: string;
  title: string;
  target: string;
  note: string;
}

/** The log, newest first (the store keeps them oldest first, as the charts read them). */
export function interventionRows(
  interventions: readonly InterventionView[],
  names: { orgUnits: ReadonlyMap<string, string>; groups: ReadonlyMap<string, string> },
): InterventionRow[] {
  return [...interventions]
    .sort((a, b) => b.day.localeCompare(a.day) || a.title.localeCompare(b.title))
    .map((intervention) => ({
      id: intervention.id,
      day: intervention.day,
      dayText: formatDay(intervention.day),
      kind: INTERVENTION_KIND_LABELS[intervention.kind],
      title: intervention.title,
      target: targetText(intervention.target, names),
      note: intervention.note,
    }));
}
