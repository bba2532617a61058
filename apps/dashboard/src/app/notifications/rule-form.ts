import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_LIMITS,
  type AlertKind,
  type AlertRuleInput,
  type AlertRuleView,
  type KpiHeadline,
  type NotificationChannel,
  type ThresholdDirection,
} from '@uptake/contracts';
import { formErrors } from '../admin/http-errors';
import type { FieldMessages } from '../shared/field-errors';

/** The fields of the rule form as the API's 400s name them (more specific paths first). */
export const RULE_FIELDS = [
  'name',
  'condition.kind',
  'condition.planId',
  'condition.sourceId',
  'condition.scheduleMultiple',
  'condition.unscheduledHours',
  'condition.kpi',
  'condition.direction',
  'condition.value',
  'condition.population',
  'channels',
  'mutedUntil',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** What the rule form holds: numbers as typed, '' for "every plan / source", the threshold in percent. */
export interface RuleDraft {
  name: string;
  kind: AlertKind;
  planId: string;
  sourceId: string;
  scheduleMultiple: string;
  unscheduledHours: string;
  kpi: KpiHeadline;
  direction: ThresholdDirection;
  valuePercent: string;
  channels: NotificationChannel[];
  enabled: boolean;
  mutedUntil: string | null;
  /** Kept from the rule being edited (the form does not change whose figure a threshold watches). */
  population: { orgUnitId: string | null; groupId: string | null } | null;
}

/** A new rule of `kind`, with the API's defaults (stale after 3 intervals or 48 hours) and e-mail. */
export function emptyRuleDraft(kind: AlertKind): RuleDraft {
  return {
    name: '',
    kind,
    planId: '',
    sourceId: '',
    scheduleMultiple: '3',
    unscheduledHours: '48',
    kpi: 'weekly_active_rate',
    direction: 'below',
    valuePercent: '40',
    channels: ['email'],
    enabled: true,
    mutedUntil: null,
    population: null,
  };
}

/** The form for editing a rule. */
export function draftOfRule(rule: AlertRuleView): RuleDraft {
  const draft: RuleDraft = {
    ...emptyRuleDraft(rule.condition.kind),
    name: rule.name ?? '',
    channels: [...rule.channels],
    enabled: rule.enabled,
    mutedUntil: rule.mutedUntil,
  };
  const condition = rule.condition;
  switch (condition.kind) {
    case 'gate_status_changed':
      return { ...draft, planId: condition.planId ?? '' };
    case 'source_stale':
      return {
        ...draft,
        sourceId: condition.sourceId ?? '',
        scheduleMultiple: String(condition.scheduleMultiple),
        unscheduledHours: String(condition.unscheduledHours),
      };
    case 'source_failing':
      return { ...draft, sourceId: condition.sourceId ?? '' };
    case 'kpi_threshold':
      return {
        ...draft,
        kpi: condition.kpi,
        direction: condition.direction,
        valuePercent: String(roundShare(condition.value * 100)),
        population: condition.population,
      };
  }
}

/** Text that is a number becomes one; anything else is sent as typed, so the API's message names it. */
function numberOrTyped(typed: string): number | string {
  const trimmed = typed.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** 0.1 + 0.2 is not what anyone typed: shares keep at most 6 decimals. */
function roundShare(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The threshold as a share (40 -> 0.4); typed text that is no number goes as typed. */
function shareOf(percent: string): number | string {
  const value = numberOrTyped(percent);
  return typeof value === 'number' ? roundShare(value / 100) : value;
}

/** The condition of the draft's kind, in the API's shape. */
function conditionOf(draft: RuleDraft): AlertRuleInput['condition'] {
  switch (draft.kind) {
    case 'gate_status_changed':
      return { kind: draft.kind, planId: draft.planId || null };
    case 'source_stale':
      return {
        kind: draft.kind,
        sourceId: draft.sourceId || null,
        scheduleMultiple: numberOrTyped(draft.scheduleMultiple) as number,
        unscheduledHours: numberOrTyped(draft.unscheduledHours) as number,
      };
    case 'source_failing':
      return { kind: draft.kind, sourceId: draft.sourceId || null };
    case 'kpi_threshold':
      return {
        kind: draft.kind,
        kpi: draft.kpi,
        direction: draft.direction,
        value: shareOf(draft.valuePercent) as number,
        population: draft.population,
      };
  }
}

/** The POST / PUT body of the form: an empty name is none (the list then shows the condition). */
export function ruleBody(draft: RuleDraft): AlertRuleInput {
  const name = draft.name.trim();
  return {
    name: name === '' ? null : name,
    condition: conditionOf(draft),
    channels: [...draft.channels],
    enabled: draft.enabled,
    mutedUntil: draft.mutedUntil,
  };
}

/** A rule as the PUT body that keeps everything it has (the API replaces a rule whole). */
export function inputOfRule(rule: AlertRuleView): AlertRuleInput {
  return {
    name: rule.name,
    condition: rule.condition,
    channels: [...rule.channels],
    enabled: rule.enabled,
    mutedUntil: rule.mutedUntil,
  };
}

/** How a rule is muted from the list: for a day, a week, until unmuted (switched off), or not at all. */
export type MuteChoice = 'day' | 'week' | 'untilUnmuted' | 'unmute';

const HOUR_MS = 3_600_000;
const MUTE_HOURS: Record<'day' | 'week', number> = { day: 24, week: 24 * 7 };

/**
 * The PUT body of a rule muted (or unmuted) as chosen. A rule muted for a while stays on and its alerts in
 * that time are dropped (the API's `mutedUntil`); "until unmuted" switches it off, so it watches afresh when
 * switched on again.
 */
export function mutedRule(rule: AlertRuleView, choice: MuteChoice, now: Date): AlertRuleInput {
  const input = inputOfRule(rule);
  if (choice === 'untilUnmuted') return { ...input, enabled: false, mutedUntil: null };
  if (choice === 'unmute') return { ...input, enabled: true, mutedUntil: null };
  const until = new Date(now.getTime() + MUTE_HOURS[choice] * HOUR_MS).toISOString();
  return { ...input, enabled: true, mutedUntil: until };
}

/** Whether the member may add another rule (the API refuses the 51st). */
export function canAddRule(count: number): boolean {
  return count < NOTIFICATION_LIMITS.alertRulesPerMember;
}

/**
 * What the form says before sending: the threshold is typed in percent, so a value outside 0..100 is
 * refused here in the same words (the API would say "from 0 to 1", which is not what the member typed);
 * at least one channel. Everything else is the API's to check.
 */
export function draftErrors(draft: RuleDraft): FieldMessages<RuleField> {
  const errors: FieldMessages<RuleField> = { byField: {}, other: [] };
  if (draft.kind === 'kpi_threshold') {
    const value = numberOrTyped(draft.valuePercent);
    if (typeof value !== 'number' || value < 0 || value > 100)
      errors.byField['condition.value'] = [
        $localize`:@@notifications.rule.error.percent:The threshold must be a percentage from 0 to 100.`,
      ];
  }
  if (draft.channels.length === 0)
    errors.byField.channels = [$localize`:@@notifications.rule.error.channels:Choose at least one channel.`];
  return errors;
}

export function hasErrors(errors: FieldMessages<string>): boolean {
  return errors.other.length > 0 || Object.keys(errors.byField).length > 0;
}

/** A failed save's messages at the rule form's fields ("condition.value must be …", "channels: slack is …"). */
export function ruleErrors(error: unknown): FieldMessages<RuleField> {
  return formErrors(error, RULE_FIELDS);
}

/** A channel ticked or unticked, keeping the API's order (email, slack, teams). */
export function toggleChannel(
  channels: readonly NotificationChannel[],
  channel: NotificationChannel,
  on: boolean,
): NotificationChannel[] {
  const set = new Set(channels);
  if (on) set.add(channel);
  else set.delete(channel);
  return NOTIFICATION_CHANNELS.filter((c) => set.has(c));
}
