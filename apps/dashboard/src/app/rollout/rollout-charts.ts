import type { ComparisonMetric, CriterionEvaluation } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatMetricValue, isShareMetric, TONE_COLOURS } from './gates';

/** Shares are drawn in % (0.42 → 42), hours as they are; withheld weeks stay null so they show as gaps. */
function chartValue(unit: 'share' | 'hours', value: number | null): number | null {
  if (value === null) return null;
  return unit === 'share' ? Math.round(value * 1000) / 10 : Math.round(value * 10) / 10;
}

function axisFormatter(unit: 'share' | 'hours'): string {
  return unit === 'share' ? '{value}%' : '{value} h';
}

function thresholdLabel(threshold: string): string {
  return $localize`:@@rollout.chart.threshold:threshold ${threshold}:threshold:`;
}

/**
 * Weekly evidence of one criterion: the values as a line, each week's point coloured by whether the
 * condition held, and the threshold as a dashed line.
 */
export function evidenceChartOption(criterion: CriterionEvaluation): EChartsCoreOption {
  const unit = isShareMetric(criterion.metric) ? 'share' : 'hours';
  const threshold = chartValue(unit, criterion.threshold) as number;
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: criterion.evidence.map((week) => week.week) },
    yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(unit) }, scale: unit === 'hours' },
    series: [
      {
        name: $localize`:@@rollout.chart.value:Value`,
        type: 'line',
        connectNulls: false,
        data: criterion.evidence.map((week) => ({
          value: chartValue(unit, week.value),
          itemStyle: {
            color: week.met === null ? TONE_COLOURS.none : week.met ? TONE_COLOURS.good : TONE_COLOURS.bad,
          },
        })),
        symbolSize: 8,
        lineStyle: { color: TONE_COLOURS.info, width: 2 },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: TONE_COLOURS.warn },
          label: {
            formatter: thresholdLabel(formatMetricValue(criterion.metric, criterion.threshold)),
            position: 'insideEndTop',
          },
          data: [{ yAxis: threshold }],
        },
      },
    ],
  };
}

/** One metric's weekly values for the phase population and its comparison group. */
export function comparisonChartOption(
  metric: ComparisonMetric,
  names: { phase: string; comparison: string },
): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: [names.phase, names.comparison] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: metric.weeks.map((week) => week.week) },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: axisFormatter(metric.unit) },
      scale: metric.unit === 'hours',
    },
    series: [
      {
        name: names.phase,
        type: 'line',
        connectNulls: false,
        data: metric.weeks.map((week) => chartValue(metric.unit, week.phase)),
        itemStyle: { color: TONE_COLOURS.info },
      },
      {
        name: names.comparison,
        type: 'line',
        connectNulls: false,
        data: metric.weeks.map((week) => chartValue(metric.unit, week.comparison)),
        itemStyle: { color: TONE_COLOURS.none },
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}
