import {
  BEST_CASE_METHOD_CODE,
  bestCaseExplanationSchema,
  criterionExplanationSchema,
  MEASURED_EFFECT,
  type BestCaseCriterion,
  type BestCaseCriterionScore,
  type BestCaseExplanation,
  type BestCasesReport,
  type CriterionEvaluation,
  type CriterionExplanation,
  type DifferenceInDifferencesReport,
} from '@uptake/contracts';
import { describeCriterion, formatMetricValue } from '../rollout/gates';
import { formatDay, formatHours, formatShare } from './format';

/*
 * Sentences the API writes, in the page's language. The API sends its English sentence and, where the sentence
 * comes from a template, the template's code and figures; this module says them again from code + figures
 * with the page's words and number/date formats. Whenever it cannot (no code: an evaluation stored before the
 * codes existed; a code this dashboard does not know: a newer API; figures that do not fit the code), it shows
 * the API's English sentence: an English sentence is better than a wrong one.
 *
 * Connector catalogue texts and run warnings are keyed the same way (connectors/connector-texts.ts,
 * connectors/run-warning-texts.ts), with the API's English as their fallback too.
 */

// ---------------------------------------------------------------------------------------------------------
// Rollout gate criteria

/** Why a gate criterion has its status, from its code and figures (else the API's English explanation). */
export function gateExplanation(result: CriterionEvaluation): string {
  const parsed = criterionExplanationSchema.safeParse(result.explanationDetail);
  if (!parsed.success) return result.explanation;
  const detail = parsed.data;
  const label = describeCriterion({
    metric: result.metric,
    operator: result.operator,
    threshold: result.threshold,
    consecutiveWeeks: result.consecutiveWeeks,
    ...(result.metric === MEASURED_EFFECT
      ? {
          effect: {
            metric: result.effect?.metric ?? '–',
            comparison: result.effect?.comparison === 'matched' ? 'matched' : 'phase',
            preWeeks: 8,
            requireSignificant: 'requireSignificant' in detail.params && detail.params.requireSignificant,
          },
        }
      : {}),
  } as Parameters<typeof describeCriterion>[0]);
  return criterionSentence(label, result, detail);
}

function criterionSentence(label: string, result: CriterionEvaluation, detail: CriterionExplanation): string {
  const shown = (value: number) => formatMetricValue(result.metric, value);
  switch (detail.code) {
    case 'no-complete-week':
      return $localize`:@@server.gate.noCompleteWeek:${label}:criterion:: no complete week of data yet.`;
    case 'latest-week-withheld':
      return $localize`:@@server.gate.latestWeekWithheld:${label}:criterion:: the latest week is withheld (fewer than ${detail.params.minGroupSize}:k: people).`;
    case 'latest-week-not-measured':
      return $localize`:@@server.gate.latestWeekNotMeasured:${label}:criterion:: nothing measured in the latest week.`;
    case 'held': {
      const value = shown(detail.params.value);
      const week = formatDay(detail.params.week);
      const weeks = detail.params.weeksMet;
      return weeks === 1
        ? $localize`:@@server.gate.heldOneWeek:${label}:criterion:: ${value}:value: in the week of ${week}:week:, held for 1 week.`
        : $localize`:@@server.gate.held:${label}:criterion:: ${value}:value: in the week of ${week}:week:, held for ${weeks}:weeks: weeks.`;
    }
    case 'holding': {
      const { weeksMet, consecutiveWeeks } = detail.params;
      const value = shown(detail.params.value);
      const passesOn = formatDay(detail.params.passesOn);
      return $localize`:@@server.gate.holding:${label}:criterion:: held for ${weeksMet}:weeksMet: of ${consecutiveWeeks}:weeks: weeks (${value}:value: now); passes on ${passesOn}:passesOn: if it keeps holding.`;
    }
    case 'forecast': {
      const value = shown(detail.params.value);
      const week = formatDay(detail.params.week);
      const from = formatDay(detail.params.forecastDate);
      const fit =
        detail.params.method === 'bass'
          ? $localize`:@@server.gate.fit.bass:adoption fit`
          : $localize`:@@server.gate.fit.trend:trend`;
      if (detail.params.plannedEnd === null) {
        return $localize`:@@server.gate.forecast:${label}:criterion:: ${value}:value: in the week of ${week}:week:; forecast to hold from ${from}:forecastDate: (${fit}:fit:).`;
      }
      const plannedEnd = formatDay(detail.params.plannedEnd);
      return $localize`:@@server.gate.forecastLate:${label}:criterion:: ${value}:value: in the week of ${week}:week:; forecast to hold from ${from}:forecastDate: (${fit}:fit:), after the planned end ${plannedEnd}:plannedEnd:.`;
    }
    case 'not-forecast': {
      const value = shown(detail.params.value);
      const week = formatDay(detail.params.week);
      return $localize`:@@server.gate.notForecast:${label}:criterion:: ${value}:value: in the week of ${week}:week:; not forecast to hold at the current trend.`;
    }
    case 'effect-not-estimable': {
      const reason =
        detail.params.reason === 'too-few-people'
          ? $localize`:@@server.gate.effect.tooFewPeople:too few people in the phase or its comparison`
          : detail.params.reason === 'empty-window'
            ? $localize`:@@server.gate.effect.emptyWindow:no complete week with data before or after the start`
            : $localize`:@@server.gate.effect.notEstimable:not estimable`;
      return $localize`:@@server.gate.effect.noEstimate:${label}:criterion:: no estimate yet (${reason}:reason:).`;
    }
    default: {
      const estimate = signedPercent(detail.params.estimate);
      const low = signedPercent(detail.params.low);
      const high = signedPercent(detail.params.high);
      const interval = $localize`:@@server.gate.effect.interval:${estimate}:estimate: (95% interval ${low}:low: to ${high}:high:)`;
      switch (detail.code) {
        case 'effect-met':
          return $localize`:@@server.gate.effect.met:${label}:criterion:: ${interval}:interval:.`;
        case 'effect-includes-no-effect':
          return $localize`:@@server.gate.effect.includesNoEffect:${label}:criterion:: ${interval}:interval:; the interval still includes no effect.`;
        case 'effect-not-ruled-out':
          return $localize`:@@server.gate.effect.notRuledOut:${label}:criterion:: ${interval}:interval:; the estimate misses it, but the interval does not rule it out.`;
        case 'effect-ruled-out':
          return $localize`:@@server.gate.effect.ruledOut:${label}:criterion:: ${interval}:interval:; the interval rules it out.`;
      }
    }
  }
}

/** A relative effect, signed, in whole percent as the API writes it: -0.14 -> "−14%", 0.01 -> "+1%". */
function signedPercent(value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${formatShare(Math.abs(value), { digits: 0 })}`;
}

// ---------------------------------------------------------------------------------------------------------
// Best cases

/**
 * One criterion of a best case against the organisation, from its code and figures (else the API's English).
 * `label`: the criterion's name on the page (said when there is no figure).
 */
export function bestCaseExplanation(criterion: BestCaseCriterionScore, label: string): string {
  const parsed = bestCaseExplanationSchema.safeParse(criterion.explanationDetail);
  if (!parsed.success || parsed.data.params.criterion !== criterion.criterion) return criterion.explanation;
  return bestCaseSentence(parsed.data, label);
}

function bestCaseSentence(detail: BestCaseExplanation, label: string): string {
  const format = BEST_CASE_FORMATS[detail.params.criterion];
  switch (detail.code) {
    case 'no-figure':
      return $localize`:@@server.bestCase.noFigure:${label}:criterion:: no figure (too few threads or people), counted as 0`;
    case 'no-organisation-figure': {
      const value = format(detail.params.value);
      return $localize`:@@server.bestCase.noOrganisationFigure:${label}:criterion:: ${value}:value:, no organisation figure to compare, counted as 0`;
    }
    case 'compared':
      return comparedSentence(
        detail.params.criterion,
        format(detail.params.value),
        format(detail.params.organisationValue),
      );
  }
}

function comparedSentence(criterion: BestCaseCriterion, value: string, organisation: string): string {
  switch (criterion) {
    case 'healthIndex':
      return $localize`:@@server.bestCase.healthIndex:${value}:value: of its people of the last 12 months were active in the last 28 days vs ${organisation}:organisation: in the organisation`;
    case 'replyCoverage':
      return $localize`:@@server.bestCase.replyCoverage:answers ${value}:value: of threads within 7 days vs ${organisation}:organisation: in the organisation`;
    case 'medianHoursToFirstReply':
      return $localize`:@@server.bestCase.medianHoursToFirstReply:first reply after ${value}:value: (median) vs ${organisation}:organisation: in the organisation`;
    case 'crossDepartmentShare':
      return $localize`:@@server.bestCase.crossDepartmentShare:${value}:value: of first replies come from another department vs ${organisation}:organisation: in the organisation`;
    case 'growth':
      return $localize`:@@server.bestCase.growth:active people ${value}:value: over the last 4 weeks vs ${organisation}:organisation: in the organisation`;
  }
}

/** As the API rounds them: shares in whole percent, growth signed, hours to 0.1. */
const BEST_CASE_FORMATS: Record<BestCaseCriterion, (value: number) => string> = {
  healthIndex: (value) => formatShare(value, { digits: 0 }),
  replyCoverage: (value) => formatShare(value, { digits: 0 }),
  crossDepartmentShare: (value) => formatShare(value, { digits: 0 }),
  medianHoursToFirstReply: (value) => formatHours(value),
  growth: signedPercent,
};

// ---------------------------------------------------------------------------------------------------------
// Method notes

/** How the best-case score is made: the paragraph of the method the API names, else the API's English one. */
export function bestCasesMethod(report: Pick<BestCasesReport, 'method' | 'methodCode'>): string {
  if (report.methodCode !== BEST_CASE_METHOD_CODE) return report.method;
  return $localize`:@@server.method.bestCases:Each candidate (a community, or an org unit with the activity of its whole subtree) with at least k active people is compared with the organisation on five criteria: health index (active in the last 28 days / active in 12 months), reply coverage (threads answered by someone else within 7 days), median hours to the first reply (lower is better), cross-department share of first replies, and growth of active people over the last 4 weeks. A criterion’s score is (candidate − organisation) / spread, the spread being the standard deviation of that criterion across the candidates of the same kind, at least 5 percentage points (4 hours for response time); the sign is flipped for response time. A missing or withheld value scores 0. The candidate’s score is the mean of its five criteria scores; candidates are ranked by it (ties by name). Communities are compared with all communities together (people and threads pooled over communities), org units with the whole population (all its activity and threads, in any group or none).`;
}

/**
 * The bootstrap of an effect, in words. The contract fixes the method to one literal, so the literal is its
 * code; another one (a newer API) is shown as sent.
 */
export function bootstrapMethod(
  method: DifferenceInDifferencesReport['bootstrap']['method'] | string,
): string {
  return method === 'person-level cluster bootstrap, expanded percentile interval'
    ? $localize`:@@server.method.bootstrap:person-level cluster bootstrap, expanded percentile interval`
    : method;
}
