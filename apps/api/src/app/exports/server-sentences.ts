import {
  BEST_CASE_METHOD_CODE,
  bestCaseExplanationSchema,
  criterionExplanationSchema,
  GATE_METRICS,
  MEASURED_EFFECT,
  type CriterionExplanation,
  type CriterionMetric,
} from '@uptake/contracts';
import { formats } from './locale';
import type { Translate } from './messages';
import type { Row } from './table';

/*
 * The API's English sentences (gate explanations, best-case explanations, the best-case method) in the
 * export's language, from the code and figures stored beside them (`say.*` messages), as the dashboard's
 * shared/server-text.ts does on the page. English exports keep the sentence as the API wrote it, word for
 * word; a row without a code (an evaluation stored before codes existed) or with figures that do not fit its
 * code keeps it too.
 */

/** A gate criterion's explanation (a row of the rollout report's criteria table). */
export function gateSentence(row: Row, t: Translate): string | undefined {
  if (t.locale === 'en') return undefined;
  const parsed = criterionExplanationSchema.safeParse(row['explanationDetail']);
  if (!parsed.success) return undefined;
  const metric = row['metric'] as CriterionMetric;
  const f = formats(t.locale);
  const value = (figure: number) =>
    metric !== MEASURED_EFFECT && GATE_METRICS[metric]?.unit === 'hours'
      ? t('say.hours', { hours: f.hours(figure) })
      : f.share(figure);
  const signed = (figure: number) => `${figure > 0 ? '+' : ''}${f.share(figure)}`;
  const criterion = criterionLabel(row, parsed.data, t, value);
  return detailSentence(parsed.data, criterion, t, value, signed);
}

function criterionLabel(
  row: Row,
  detail: CriterionExplanation,
  t: Translate,
  value: (figure: number) => string,
): string {
  const operator = row['operator'] === '<=' ? '≤' : '≥';
  const threshold = Number(row['threshold']);
  if (row['metric'] === MEASURED_EFFECT) {
    const effect = (row['effect'] ?? {}) as Row;
    const label = t('say.gate.effectCriterion', {
      metric: String(effect['metric'] ?? '–'),
      operator,
      threshold: `${threshold > 0 ? '+' : ''}${formats(t.locale).share(threshold)}`,
    });
    const significant = 'requireSignificant' in detail.params && detail.params.requireSignificant;
    return significant ? t('say.gate.significant', { criterion: label }) : label;
  }
  const metric = t.optional(`value.${String(row['metric'])}`) ?? String(row['metric']);
  const weeks = Number(row['consecutiveWeeks']);
  return weeks > 1
    ? t('say.gate.criterionWeeks', { metric, operator, threshold: value(threshold), weeks })
    : t('say.gate.criterion', { metric, operator, threshold: value(threshold) });
}

function detailSentence(
  detail: CriterionExplanation,
  criterion: string,
  t: Translate,
  value: (figure: number) => string,
  signed: (figure: number) => string,
): string {
  const day = (text: string) => formats(t.locale).day(text);
  switch (detail.code) {
    case 'no-complete-week':
    case 'latest-week-not-measured':
      return t(`say.gate.${detail.code}`, { criterion });
    case 'latest-week-withheld':
      return t('say.gate.latest-week-withheld', { criterion, k: detail.params.minGroupSize });
    case 'held': {
      const { week, weeksMet } = detail.params;
      const params = { criterion, value: value(detail.params.value), week: day(week), weeks: weeksMet };
      return t(weeksMet === 1 ? 'say.gate.held-one' : 'say.gate.held', params);
    }
    case 'holding': {
      const { weeksMet, consecutiveWeeks, passesOn } = detail.params;
      return t('say.gate.holding', {
        criterion,
        weeksMet,
        weeks: consecutiveWeeks,
        value: value(detail.params.value),
        passesOn: day(passesOn),
      });
    }
    case 'forecast': {
      const { week, forecastDate, method, plannedEnd } = detail.params;
      const params = {
        criterion,
        value: value(detail.params.value),
        week: day(week),
        forecastDate: day(forecastDate),
        fit: t(`say.gate.fit.${method}`),
      };
      return plannedEnd === null
        ? t('say.gate.forecast', params)
        : t('say.gate.forecast-late', { ...params, plannedEnd: day(plannedEnd) });
    }
    case 'not-forecast':
      return t('say.gate.not-forecast', {
        criterion,
        value: value(detail.params.value),
        week: day(detail.params.week),
      });
    case 'effect-not-estimable':
      return t('say.gate.effect-not-estimable', {
        criterion,
        reason: t(`say.gate.reason.${detail.params.reason ?? 'unknown'}`),
      });
    default: {
      const { estimate, low, high } = detail.params;
      return t(`say.gate.${detail.code}`, {
        criterion,
        estimate: signed(estimate),
        low: signed(low),
        high: signed(high),
      });
    }
  }
}

/** A best-case criterion's explanation (a row of the best-cases report's criteria table). */
export function bestCaseSentence(row: Row, t: Translate): string | undefined {
  if (t.locale === 'en') return undefined;
  const parsed = bestCaseExplanationSchema.safeParse(row['explanationDetail']);
  if (!parsed.success || parsed.data.params.criterion !== row['criterion']) return undefined;
  const detail = parsed.data;
  const f = formats(t.locale);
  const criterion = detail.params.criterion;
  // As the API rounds them: shares in whole percent, growth signed, hours to 0.1.
  const whole = (value: number) => f.share(Math.round(Math.abs(value) * 100) / 100);
  const figure = (value: number) =>
    criterion === 'medianHoursToFirstReply'
      ? t('say.hours', { hours: f.hours(value) })
      : criterion === 'growth'
        ? `${value >= 0 ? '+' : '−'}${whole(value)}`
        : whole(value);
  const name = t(`value.${criterion}`);
  switch (detail.code) {
    case 'no-figure':
      return t('say.bestCase.no-figure', { criterion: name });
    case 'no-organisation-figure':
      return t('say.bestCase.no-organisation-figure', {
        criterion: name,
        value: figure(detail.params.value),
      });
    case 'compared':
      return t(`say.bestCase.${criterion}`, {
        value: figure(detail.params.value),
        organisation: figure(detail.params.organisationValue),
      });
  }
}

/** The best-case method paragraph, when the report names the method this catalogue translates. */
export function bestCasesMethodSentence(row: Row, t: Translate): string | undefined {
  if (t.locale === 'en' || row['figure'] !== 'method') return undefined;
  return row['methodCode'] === BEST_CASE_METHOD_CODE ? t('say.method.best-cases') : undefined;
}
