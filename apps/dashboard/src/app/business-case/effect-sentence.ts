import type { DifferenceInDifferencesReport, EffectComparison, PanelComparisonKind } from '@uptake/contracts';
import { formatMoney } from '../shared/format';

/*
 * The plain-language sentences of a measured effect: "In the pilot, people sent 14% fewer e-mails a week than
 * comparable colleagues (95% interval 9–19%), worth about €84,000 a year." Executives read this sentence, not
 * the table, so it is built here once, from the report's own figures, and tested word by word.
 */

/**
 * How a change in one metric reads: its direction words and `clause("14% fewer")` →
 * "people sent 14% fewer e-mails a week than".
 */
interface MetricWords {
  /** The metric as a noun phrase: "e-mails sent a week". */
  noun: string;
  up: string;
  down: string;
  clause: (change: string) => string;
}

const EMAILS_SENT: MetricWords = {
  noun: 'e-mails sent a week',
  up: 'more',
  down: 'fewer',
  clause: (change) => `people sent ${change} e-mails a week than`,
};

/** Words per KPI and known usage metric; other usage metrics get generic words from their name. */
const METRIC_WORDS: Record<string, MetricWords> = {
  'usage:email.sent': EMAILS_SENT,
  emails_sent_per_person_per_week: EMAILS_SENT,
  'usage:email.read': {
    noun: 'e-mails read a week',
    up: 'more',
    down: 'fewer',
    clause: (change) => `people read ${change} e-mails a week than`,
  },
  'usage:email.received': {
    noun: 'e-mails received a week',
    up: 'more',
    down: 'fewer',
    clause: (change) => `people received ${change} e-mails a week than`,
  },
  weekly_active_rate: {
    noun: 'weeks active',
    up: 'more',
    down: 'fewer',
    clause: (change) => `people were active in ${change} weeks than`,
  },
  adoption_rate: {
    noun: 'adoption',
    up: 'higher',
    down: 'lower',
    clause: (change) => `adoption was ${change} than among`,
  },
  contributor_share: {
    noun: 'weeks contributing',
    up: 'more',
    down: 'fewer',
    clause: (change) => `people posted, replied or reacted in ${change} weeks than`,
  },
  median_hours_to_first_response: {
    noun: 'hours to a first response',
    up: 'longer',
    down: 'less',
    clause: (change) => `threads waited ${change} for a first response than those of`,
  },
};

/** The words of a metric; `usage:meetings.attended` → "weekly meetings attended". */
export function metricWords(metric: string): MetricWords {
  const known = METRIC_WORDS[metric];
  if (known) return known;
  const name = metric.replace(/^usage:/, '').replace(/[._]/g, ' ');
  return {
    noun: `weekly ${name}`,
    up: 'higher',
    down: 'lower',
    clause: (change) => `people’s weekly ${name} was ${change} than that of`,
  };
}

/** The metrics offered in pickers: the goal KPIs and the usage metrics the demo and M365 reports carry. */
export const EFFECT_METRIC_OPTIONS: { value: string; label: string }[] = [
  { value: 'usage:email.sent', label: 'E-mails sent (usage report)' },
  { value: 'usage:email.read', label: 'E-mails read (usage report)' },
  { value: 'weekly_active_rate', label: 'Weekly active rate' },
  { value: 'adoption_rate', label: 'Adoption rate' },
  { value: 'contributor_share', label: 'Contributor share' },
  { value: 'median_hours_to_first_response', label: 'Hours to first response' },
  { value: 'emails_sent_per_person_per_week', label: 'E-mails sent per person per week' },
];

/**
 * Who the treated people were compared with, in words. The report's `comparisonKind` says it; older callers
 * leave it out, then the comparison asked for does.
 */
export function comparisonWords(kind: PanelComparisonKind | undefined, requested?: EffectComparison): string {
  const resolved = kind ?? (requested === 'phase' ? 'population' : requested);
  if (resolved === 'matched') return 'comparable colleagues';
  if (resolved === 'rest-of-organisation') return 'the rest of the organisation';
  return 'the comparison group';
}

/** "In the pilot" for a phase called Pilot, else "In the “Best cases” phase". */
export function phaseLead(name: string): string {
  return /^(the )?pilot( phase)?$/i.test(name.trim()) ? 'In the pilot' : `In the “${name}” phase`;
}

/** "After “Working out loud training”". */
export function interventionLead(title: string): string {
  return `After “${title}”`;
}

/** |fraction| as a whole percentage: −0.141 → 14. */
const percent = (fraction: number) => Math.round(Math.abs(fraction) * 100);

/**
 * An amount rounded to two significant figures, as a headline does ("about €84,000" for 83,712): the
 * interval is far wider than the last digits.
 */
export function roundForHeadline(amount: number): number {
  if (amount === 0) return 0;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.abs(amount))) - 1);
  return Math.round(amount / magnitude) * magnitude;
}

/** Why a report has no estimate, in words (the API's code, with its minimum group size). */
export function notEstimableReason(effect: DifferenceInDifferencesReport): string {
  switch (effect.reason?.code) {
    case 'too-few-people':
      return `fewer than ${effect.minPeoplePerGroup} people in the treated or the comparison group have data both before and after the start`;
    case 'empty-window':
      return 'there is no complete week with data before or after the start yet';
    default:
      return effect.reason?.message ?? 'the effect could not be estimated';
  }
}

/** The interval of a relative effect: "9–19%" on one side of 0, "5% fewer to 10% more" across it. */
function intervalText(low: number | null, high: number | null, words: MetricWords): string | null {
  if (low === null || high === null) return null;
  if (low < 0 && high > 0) {
    return `95% interval ${percent(low)}% ${words.down} to ${percent(high)}% ${words.up}`;
  }
  const [a, b] = [percent(low), percent(high)].sort((x, y) => x - y);
  return `95% interval ${a}–${b}%`;
}

export interface EffectSentenceInput {
  /** "In the pilot", "After “Training”" (see phaseLead, interventionLead). */
  lead: string;
  /** The metric measured (a goal KPI or usage:<metric>). */
  metric: string;
  effect: DifferenceInDifferencesReport;
  /** The comparison asked for, when the report does not say (comparisonKind). */
  comparison?: EffectComparison;
  /** The measured value a year (the goal's value report), when there is one. */
  value?: { perYear: number | null; currency: string } | null;
}

/**
 * One plain sentence for an effect. More/fewer follows the sign of the relative effect (the API's
 * effect / treated pre-period mean); the interval is its 95% interval; the value is the measured value a year
 * from the goal's value report, rounded for a headline. Without an estimate the sentence says why.
 */
export function effectSentence(input: EffectSentenceInput): string {
  const { lead, effect } = input;
  if (!effect.estimable) return `${lead}, there is no estimate yet: ${notEstimableReason(effect)}.`;
  const relative = effect.relativeEffect;
  if (relative.estimate === null) {
    const k = effect.suppressed?.minGroupSize ?? effect.minPeoplePerGroup;
    return `${lead}, the effect rests on fewer than ${k} people and is hidden.`;
  }
  const words = metricWords(input.metric);
  const against = comparisonWords(effect.comparisonKind, input.comparison);
  const interval = intervalText(relative.low, relative.high, words);
  const bracket = interval ? ` (${interval})` : '';
  const body =
    percent(relative.estimate) === 0
      ? `there was no measurable difference in ${words.noun} from ${against}`
      : `${words.clause(`${percent(relative.estimate)}% ${relative.estimate > 0 ? words.up : words.down}`)} ${against}`;
  return `${lead}, ${body}${bracket}${valueText(input.value)}.`;
}

/** ", worth about €84,000 a year" (or ", costing about …" for a loss); nothing without a value. */
function valueText(value: EffectSentenceInput['value']): string {
  if (!value || value.perYear === null) return '';
  const rounded = roundForHeadline(value.perYear);
  const amount = formatMoney(Math.abs(rounded), value.currency);
  return rounded < 0 ? `, costing about ${amount} a year` : `, worth about ${amount} a year`;
}
