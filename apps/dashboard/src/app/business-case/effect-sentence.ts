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

const MORE = $localize`:@@businessCase.sentence.more:more`;
const FEWER = $localize`:@@businessCase.sentence.fewer:fewer`;
const HIGHER = $localize`:@@businessCase.sentence.higher:higher`;
const LOWER = $localize`:@@businessCase.sentence.lower:lower`;

const EMAILS_SENT: MetricWords = {
  noun: $localize`:@@businessCase.sentence.emailsSent.noun:e-mails sent a week`,
  up: MORE,
  down: FEWER,
  clause: (change) =>
    $localize`:@@businessCase.sentence.emailsSent:people sent ${change}:change: e-mails a week than`,
};

/** Words per KPI and known usage metric; other usage metrics get generic words from their name. */
const METRIC_WORDS: Record<string, MetricWords> = {
  'usage:email.sent': EMAILS_SENT,
  emails_sent_per_person_per_week: EMAILS_SENT,
  'usage:email.read': {
    noun: $localize`:@@businessCase.sentence.emailsRead.noun:e-mails read a week`,
    up: MORE,
    down: FEWER,
    clause: (change) =>
      $localize`:@@businessCase.sentence.emailsRead:people read ${change}:change: e-mails a week than`,
  },
  'usage:email.received': {
    noun: $localize`:@@businessCase.sentence.emailsReceived.noun:e-mails received a week`,
    up: MORE,
    down: FEWER,
    clause: (change) =>
      $localize`:@@businessCase.sentence.emailsReceived:people received ${change}:change: e-mails a week than`,
  },
  weekly_active_rate: {
    noun: $localize`:@@businessCase.sentence.weeklyActive.noun:weeks active`,
    up: MORE,
    down: FEWER,
    clause: (change) =>
      $localize`:@@businessCase.sentence.weeklyActive:people were active in ${change}:change: weeks than`,
  },
  adoption_rate: {
    noun: $localize`:@@businessCase.sentence.adoption.noun:adoption`,
    up: HIGHER,
    down: LOWER,
    clause: (change) =>
      $localize`:@@businessCase.sentence.adoption:adoption was ${change}:change: than among`,
  },
  contributor_share: {
    noun: $localize`:@@businessCase.sentence.contributing.noun:weeks contributing`,
    up: MORE,
    down: FEWER,
    clause: (change) =>
      $localize`:@@businessCase.sentence.contributing:people posted, replied or reacted in ${change}:change: weeks than`,
  },
  median_hours_to_first_response: {
    noun: $localize`:@@businessCase.sentence.firstResponse.noun:hours to a first response`,
    up: $localize`:@@businessCase.sentence.longer:longer`,
    down: $localize`:@@businessCase.sentence.less:less`,
    clause: (change) =>
      $localize`:@@businessCase.sentence.firstResponse:threads waited ${change}:change: for a first response than those of`,
  },
};

/** The words of a metric; `usage:meetings.attended` → "weekly meetings attended". */
export function metricWords(metric: string): MetricWords {
  const known = METRIC_WORDS[metric];
  if (known) return known;
  const name = metric.replace(/^usage:/, '').replace(/[._]/g, ' ');
  return {
    noun: $localize`:@@businessCase.sentence.generic.noun:weekly ${name}:metric:`,
    up: HIGHER,
    down: LOWER,
    clause: (change) =>
      $localize`:@@businessCase.sentence.generic:people’s weekly ${name}:metric: was ${change}:change: than that of`,
  };
}

/** The metrics offered in pickers: the goal KPIs and the usage metrics the demo and M365 reports carry. */
export const EFFECT_METRIC_OPTIONS: { value: string; label: string }[] = [
  {
    value: 'usage:email.sent',
    label: $localize`:@@businessCase.metric.emailsSent:E-mails sent (usage report)`,
  },
  {
    value: 'usage:email.read',
    label: $localize`:@@businessCase.metric.emailsRead:E-mails read (usage report)`,
  },
  {
    value: 'weekly_active_rate',
    label: $localize`:@@businessCase.metric.weeklyActiveRate:Weekly active rate`,
  },
  { value: 'adoption_rate', label: $localize`:@@businessCase.metric.adoptionRate:Adoption rate` },
  { value: 'contributor_share', label: $localize`:@@businessCase.metric.contributorShare:Contributor share` },
  {
    value: 'median_hours_to_first_response',
    label: $localize`:@@businessCase.metric.firstResponse:Hours to first response`,
  },
  {
    value: 'emails_sent_per_person_per_week',
    label: $localize`:@@businessCase.metric.emailsPerPerson:E-mails sent per person per week`,
  },
];

/**
 * Who the treated people were compared with, in words. The report's `comparisonKind` says it; older callers
 * leave it out, then the comparison asked for does.
 */
export function comparisonWords(kind: PanelComparisonKind | undefined, requested?: EffectComparison): string {
  const resolved = kind ?? (requested === 'phase' ? 'population' : requested);
  if (resolved === 'matched') return $localize`:@@businessCase.sentence.matched:comparable colleagues`;
  if (resolved === 'rest-of-organisation')
    return $localize`:@@businessCase.sentence.restOfOrganisation:the rest of the organisation`;
  return $localize`:@@businessCase.sentence.comparisonGroup:the comparison group`;
}

/** "In the pilot" for a phase called Pilot, else "In the “Best cases” phase". */
export function phaseLead(name: string): string {
  return /^(the )?pilot( phase)?$/i.test(name.trim())
    ? $localize`:@@businessCase.sentence.inPilot:In the pilot`
    : $localize`:@@businessCase.sentence.inPhase:In the “${name}:phase:” phase`;
}

/** "After “Working out loud training”". */
export function interventionLead(title: string): string {
  return $localize`:@@businessCase.sentence.after:After “${title}:title:”`;
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
      return $localize`:@@businessCase.sentence.tooFewPeople:fewer than ${effect.minPeoplePerGroup}:k: people in the treated or the comparison group have data both before and after the start`;
    case 'empty-window':
      return $localize`:@@businessCase.sentence.emptyWindow:there is no complete week with data before or after the start yet`;
    default:
      return (
        effect.reason?.message ??
        $localize`:@@businessCase.sentence.notEstimable:the effect could not be estimated`
      );
  }
}

/** The interval of a relative effect: "9–19%" on one side of 0, "5% fewer to 10% more" across it. */
function intervalText(low: number | null, high: number | null, words: MetricWords): string | null {
  if (low === null || high === null) return null;
  if (low < 0 && high > 0) {
    return $localize`:@@businessCase.sentence.intervalAcross:95% interval ${percent(low)}:low:% ${words.down}:down: to ${percent(high)}:high:% ${words.up}:up:`;
  }
  const [a, b] = [percent(low), percent(high)].sort((x, y) => x - y);
  return $localize`:@@businessCase.sentence.interval:95% interval ${a}:low:–${b}:high:%`;
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
  if (!effect.estimable)
    return $localize`:@@businessCase.sentence.noEstimate:${lead}:lead:, there is no estimate yet: ${notEstimableReason(effect)}:reason:.`;
  const relative = effect.relativeEffect;
  if (relative.estimate === null) {
    const k = effect.suppressed?.minGroupSize ?? effect.minPeoplePerGroup;
    return $localize`:@@businessCase.sentence.hidden:${lead}:lead:, the effect rests on fewer than ${k}:k: people and is hidden.`;
  }
  const words = metricWords(input.metric);
  const against = comparisonWords(effect.comparisonKind, input.comparison);
  const interval = intervalText(relative.low, relative.high, words);
  const bracket = interval ? ` (${interval})` : '';
  const body =
    percent(relative.estimate) === 0
      ? $localize`:@@businessCase.sentence.noDifference:there was no measurable difference in ${words.noun}:metric: from ${against}:against:`
      : `${words.clause(`${percent(relative.estimate)}% ${relative.estimate > 0 ? words.up : words.down}`)} ${against}`;
  return $localize`:@@businessCase.sentence:${lead}:lead:, ${body}:body:${bracket}:interval:${valueText(input.value)}:value:.`;
}

/** ", worth about €84,000 a year" (or ", costing about …" for a loss); nothing without a value. */
function valueText(value: EffectSentenceInput['value']): string {
  if (!value || value.perYear === null) return '';
  const rounded = roundForHeadline(value.perYear);
  const amount = formatMoney(Math.abs(rounded), value.currency);
  return rounded < 0
    ? $localize`:@@businessCase.sentence.costing:, costing about ${amount}:amount: a year`
    : $localize`:@@businessCase.sentence.worth:, worth about ${amount}:amount: a year`;
}
