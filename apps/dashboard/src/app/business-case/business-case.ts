import type {
  BusinessCaseGoal,
  BusinessCaseReport,
  CostBreakdown,
  DifferenceInDifferencesReport,
  ValueRange,
} from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import {
  formatCount,
  formatDay,
  formatMoney,
  formatNumber,
  formatShare,
  hiddenLabel,
  withheldFigures,
} from '../shared/format';
import { bootstrapMethod } from '../shared/server-text';
import { COLOURS } from '../shared/theme';
import { comparisonWords, effectSentence, metricWords, phaseLead } from './effect-sentence';

/*
 * View models of the Business case page: the headline (value, ROI, payback with their p10–p90 ranges), the
 * programme cost, one card per goal and the effect of a phase or an intervention. Every figure comes from the
 * API; these functions only choose words and formats, so a test can check each against hand-written text.
 */

/** What every figure of the page is called: the groups were not randomised (never "impact"). */
export const ESTIMATE_LABEL = $localize`:@@businessCase.estimateLabel:Observational estimate`;

/** How the effects are measured, in two sentences for the page's method note. */
export const METHOD_NOTE = $localize`:@@businessCase.methodNote:Each effect compares how a metric changed for the people of a phase (before vs after its start) with how it changed for a comparison group over the same weeks (difference in differences). The 95% interval comes from a person-level bootstrap: people are resampled, so the interval reflects how much the result depends on who happened to be in each group.`;

/** A figure and its p10–p90 range as text: { value: "€84,000", range: "€60,000 – €110,000" }. */
export interface RangeText {
  value: string;
  range: string | null;
}

/** A value range with one formatter; the range is left out when either end is unknown. */
export function rangeText(range: ValueRange, format: (value: number) => string, missing = '–'): RangeText {
  const value = range.estimate === null ? missing : format(range.estimate);
  const ends =
    range.p10 !== null && range.p90 !== null ? `${format(range.p10)} – ${format(range.p90)}` : null;
  return { value, range: ends };
}

/** A ROI as a percentage: 1.5 → "150%", −0.2 → "−20%". */
export function formatRoi(roi: number): string {
  const rounded = Math.round(roi * 100);
  return `${rounded < 0 ? '\u2212' : ''}${formatShare(Math.abs(rounded) / 100, { digits: 0 })}`;
}

/** "month 7". */
export const formatMonth = (month: number) =>
  $localize`:@@businessCase.month:month ${Math.round(month)}:month:`;

export interface HeadlineView {
  currency: string;
  valueToDate: RangeText;
  valuePerYear: RangeText;
  roi: RangeText;
  payback: RangeText;
  /** The measured value a year next to the goals' assumed one. */
  measuredPerYear: string;
  assumedPerYear: string;
  /** Months since the plan's first phase started, to one decimal ("10.8"). */
  monthsElapsed: string;
  rangeMethod: string;
}

/**
 * The headline of a report with totals; null (with `headlineProblem` saying why) without. The payback's p10
 * is the early end (from the p90 value) and a missing end means "not within the horizon".
 */
export function headlineView(report: BusinessCaseReport): HeadlineView | null {
  const totals = report.totals;
  if (!totals || !report.currency) return null;
  const currency = report.currency;
  const money = (value: number) => formatMoney(value, currency);
  const horizon = report.cost
    ? $localize`:@@businessCase.notWithinMonths:not within ${report.cost.months}:months: months`
    : $localize`:@@businessCase.notWithinHorizon:not within the horizon`;
  const payback = totals.paybackMonth;
  return {
    currency,
    valueToDate: rangeText(totals.valueToDate, money),
    valuePerYear: rangeText(totals.valuePerYear, money),
    roi: rangeText(totals.roi, formatRoi),
    payback: {
      value: payback.estimate === null ? horizon : formatMonth(payback.estimate),
      range:
        payback.p10 === null && payback.p90 === null
          ? null
          : `${payback.p10 === null ? horizon : formatMonth(payback.p10)} – ${payback.p90 === null ? horizon : formatMonth(payback.p90)}`,
    },
    measuredPerYear: totals.valuePerYear.estimate === null ? '–' : money(totals.valuePerYear.estimate),
    assumedPerYear:
      totals.assumedValuePerYear === null
        ? $localize`:@@businessCase.noAssumption:no assumption set`
        : money(totals.assumedValuePerYear),
    monthsElapsed: formatNumber(report.monthsElapsed, 1),
    rangeMethod: totals.rangeMethod,
  };
}

/** The headline's four figures in reading order, each with its test id and label. */
export function headlineFigures(view: HeadlineView): { id: string; label: string; figure: RangeText }[] {
  return [
    {
      id: 'headline-value-to-date',
      label: $localize`:@@businessCase.headline.valueToDate:Measured value to date (${view.monthsElapsed}:months: months)`,
      figure: view.valueToDate,
    },
    {
      id: 'headline-value-per-year',
      label: $localize`:@@businessCase.headline.valuePerYear:Measured value per year`,
      figure: view.valuePerYear,
    },
    {
      id: 'headline-roi',
      label: $localize`:@@businessCase.headline.roi:ROI over the horizon`,
      figure: view.roi,
    },
    {
      id: 'headline-payback',
      label: $localize`:@@businessCase.headline.payback:Payback`,
      figure: view.payback,
    },
  ];
}

/** Why the headline is empty, in words. */
export function headlineProblem(report: BusinessCaseReport): string {
  if (!report.plan)
    return $localize`:@@businessCase.problem.noPlan:There is no rollout plan yet: the business case is measured on a plan’s phases.`;
  if (!report.cost)
    return $localize`:@@businessCase.problem.noCost:Set the programme cost to see ROI and payback.`;
  if (report.goals.length === 0) return $localize`:@@businessCase.problem.noGoals:There are no goals yet.`;
  if (report.goals.some((goal) => goal.value?.measured)) {
    return $localize`:@@businessCase.problem.currencies:The goals are valued in different currencies, so they are not added up.`;
  }
  return $localize`:@@businessCase.problem.noValue:No goal has a measured value yet: give a goal a measurement on a phase that has started.`;
}

/** The programme cost as table rows (label, amount). */
export function costRows(breakdown: CostBreakdown, currency: string): { label: string; amount: string }[] {
  const money = (value: number) => formatMoney(value, currency);
  return [
    {
      label: $localize`:@@businessCase.cost.licences:Licences (seats × price × months)`,
      amount: money(breakdown.licences),
    },
    { label: $localize`:@@businessCase.cost.oneOff:One-off costs`, amount: money(breakdown.oneOff) },
    {
      label: $localize`:@@businessCase.cost.peopleTime:People’s time (training and champions)`,
      amount: money(breakdown.peopleTime),
    },
    { label: $localize`:@@businessCase.cost.total:Total over the horizon`, amount: money(breakdown.total) },
    {
      label: $localize`:@@businessCase.cost.upfront:Paid up front (month 1)`,
      amount: money(breakdown.upfront),
    },
    { label: $localize`:@@businessCase.cost.monthly:Licences per month`, amount: money(breakdown.monthly) },
  ];
}

/** The metric a goal's effect is measured on: its measurement's, else its own KPI (e-mails read usage). */
export function goalMetric(goal: Pick<BusinessCaseGoal, 'kpi' | 'measurement'>): string {
  if (goal.measurement?.metric) return goal.measurement.metric;
  return goal.kpi === 'emails_sent_per_person_per_week' ? 'usage:email.sent' : goal.kpi;
}

/** The sentence of a goal card, or the goal's problem when there is no effect. */
export function goalSentence(goal: BusinessCaseGoal): string {
  if (!goal.effect || !goal.phase)
    return goal.problem ?? $localize`:@@businessCase.goal.noMeasurement:This goal has no measurement yet.`;
  const value = goal.value?.measured
    ? { perYear: goal.value.measured.valuePerYear.estimate, currency: goal.value.currency }
    : null;
  return effectSentence({
    lead: phaseLead(goal.phase.name),
    metric: goalMetric(goal),
    effect: goal.effect,
    comparison: goal.measurement?.comparison,
    value,
  });
}

/** A figure in the metric's unit, to two decimals, or why it is missing. */
function unitFigure(value: number | null, k: number): string {
  return value === null ? hiddenLabel(k) : formatNumber(value, 2);
}

export interface EffectFigures {
  /** "−2.10 (95% interval −2.90 to −1.30) per person per week". */
  absolute: string;
  relative: string | null;
  significant: string;
  treatedPeople: string;
  comparisonPeople: string;
  comparison: string;
  /** The parallel-trends warning, or null when the pre-period trends were flat. */
  trendWarning: string | null;
  windows: string;
  bootstrap: string;
}

const signed = (value: number) =>
  `${value < 0 ? '\u2212' : ''}${formatNumber(Math.round(Math.abs(value) * 100) / 100, 2, 2)}`;

/** The figures of an estimable effect, in words and numbers. */
export function effectFigures(effect: DifferenceInDifferencesReport, requested?: string): EffectFigures {
  const k = effect.suppressed?.minGroupSize ?? effect.minPeoplePerGroup;
  const { estimate, low, high } = effect.effect;
  const absolute =
    estimate === null
      ? hiddenLabel(k)
      : low !== null && high !== null
        ? $localize`:@@businessCase.effect.absoluteWithInterval:${signed(estimate)}:estimate: (95% interval ${signed(low)}:low: to ${signed(high)}:high:) per person per week`
        : $localize`:@@businessCase.effect.absolute:${signed(estimate)}:estimate: per person per week`;
  const rel = effect.relativeEffect;
  const percent = (value: number) =>
    `${value < 0 ? '\u2212' : '+'}${formatShare(Math.abs(Math.round(value * 100)) / 100, { digits: 0 })}`;
  const relative =
    rel.estimate === null
      ? null
      : rel.low !== null && rel.high !== null
        ? $localize`:@@businessCase.effect.relativeWithInterval:${percent(rel.estimate)}:estimate: (${percent(rel.low)}:low: to ${percent(rel.high)}:high:)`
        : percent(rel.estimate);
  const trends = effect.parallelTrends;
  let trendWarning: string | null = null;
  if (trends.flat === false) {
    trendWarning =
      trends.warning ??
      $localize`:@@businessCase.effect.drifted:Before the start the two groups already drifted apart: the estimate may partly reflect that trend.`;
  } else if (trends.flat === null) {
    trendWarning = $localize`:@@businessCase.effect.trendUnchecked:Fewer than 3 weeks before the start: whether both groups moved in parallel is not checked.`;
  }
  return {
    absolute,
    relative,
    significant:
      effect.significant === null
        ? '–'
        : effect.significant
          ? $localize`:@@businessCase.effect.significantYes:Yes: the 95% interval excludes no change`
          : $localize`:@@businessCase.effect.significantNo:No: the 95% interval includes no change`,
    treatedPeople: formatCount(effect.treated.people, withheldFigures(k)),
    comparisonPeople: formatCount(effect.comparison.people, withheldFigures(k)),
    comparison: comparisonWords(effect.comparisonKind, requested as Parameters<typeof comparisonWords>[1]),
    trendWarning,
    windows: $localize`:@@businessCase.effect.windows:Before: ${formatDay(effect.pre.from)}:preFrom: – ${formatDay(effect.pre.to)}:preTo: · after: ${formatDay(effect.post.from)}:postFrom: – ${formatDay(effect.post.to)}:postTo:`,
    bootstrap: $localize`:@@businessCase.effect.bootstrap:${formatCount(effect.bootstrap.replicates)}:replicates: bootstrap replicates (${bootstrapMethod(effect.bootstrap.method)}:method:)`,
  };
}

/** The weekly means as table rows: week, treated, comparison (hidden weeks say why). */
export function effectWeekRows(
  effect: DifferenceInDifferencesReport,
): { week: string; treated: string; comparison: string; after: boolean }[] {
  const k = effect.suppressed?.minGroupSize ?? effect.minPeoplePerGroup;
  return effect.weeks.map((week) => ({
    week: week.week,
    treated: unitFigure(week.treated, k),
    comparison: unitFigure(week.comparison, k),
    after: week.week >= effect.phaseStart,
  }));
}

const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/**
 * Weekly means of the treated people and the comparison as two lines over the pre and post windows, the start
 * as a solid vertical line. Hidden weeks are gaps. (Interventions are added by the chart, like every time chart.)
 */
export function effectChartOption(
  effect: DifferenceInDifferencesReport,
  names: { treated: string; comparison: string },
  metric: string,
): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    legend: { top: 0, data: [names.treated, names.comparison] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) =>
        value === null || value === undefined
          ? $localize`:@@businessCase.chart.hidden:hidden`
          : formatNumber(value, 2),
    },
    xAxis: { type: 'category', data: effect.weeks.map((week) => week.week) },
    yAxis: { type: 'value', name: metricWords(metric).noun, scale: true },
    series: [
      {
        name: names.treated,
        type: 'line',
        connectNulls: false,
        itemStyle: { color: COLOURS.accent },
        lineStyle: { width: 2.5 },
        data: effect.weeks.map((week) => round2(week.treated)),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'solid', color: COLOURS.ink, width: 1.5 },
          label: {
            formatter: $localize`:@@businessCase.chart.startOn:Start ${formatDay(effect.phaseStart)}:day:`,
            position: 'insideEndTop',
          },
          data: [{ name: $localize`:@@businessCase.chart.start:Start`, xAxis: effect.phaseStart }],
        },
      },
      {
        name: names.comparison,
        type: 'line',
        connectNulls: false,
        itemStyle: { color: COLOURS.chartSlate },
        lineStyle: { type: 'dashed' },
        data: effect.weeks.map((week) => round2(week.comparison)),
      },
    ],
  };
}

/** The frozen baseline in words: "20.04 e-mails · 7 weeks from 5 Jan 2026 to 1 Mar 2026 (1 without a value)". */
export function baselineText(goal: BusinessCaseGoal, k: number): string | null {
  const baseline = goal.baseline;
  if (!baseline) return null;
  const value =
    baseline.value === null
      ? hiddenLabel(k)
      : `${formatNumber(baseline.value, 2)}${goal.unit ? ` ${goal.unit}` : ''}`;
  const withheld =
    baseline.withheldWeeks > 0
      ? $localize`:@@businessCase.baseline.withheld: (${baseline.withheldWeeks}:weeks: without a value)`
      : '';
  return $localize`:@@businessCase.baseline:${value}:value: · ${baseline.weeks}:weeks: weeks from ${formatDay(baseline.from)}:from: to ${formatDay(baseline.to)}:to:${withheld}:withheld:`;
}
