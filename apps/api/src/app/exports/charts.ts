import type { AdoptionReport, GoalView } from '@uptake/contracts';
import { CHART_COLOURS, renderChartPng } from '@uptake/render';
import type { EChartsCoreOption } from 'echarts/core';
import type { Formats } from './locale';
import type { Translate } from './messages';

/**
 * The documents' charts as ECharts options, drawn from the same report data as the dashboard's overview
 * (weekly adoption rate with each adoption goal's target as a dashed line), rendered to PNG by @uptake/render.
 */

/** Chart size in the documents (CSS pixels; the PNG is twice as wide for sharp slides). */
export const CHART_SIZE = { width: 900, height: 380 } as const;

/** Weekly adoption rate (withheld weeks are gaps) with each target as a dashed line. */
export function adoptionChartOption(
  report: AdoptionReport,
  targets: readonly GoalView[],
  t: Translate,
  f: Formats,
): EChartsCoreOption {
  const deadlines = targets.map((goal) => goal.deadline).filter((day): day is string => day !== null);
  const lastDay = report.points.at(-1)?.end ?? report.scope.to;
  return {
    grid: { left: 56, right: 24, top: 40, bottom: 36 },
    legend: { top: 0, data: [t('doc.adoptionRate')] },
    xAxis: { type: 'time', max: [lastDay, ...deadlines].sort().at(-1) },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { formatter: (value: number) => f.share(value) },
    },
    series: [
      {
        name: t('doc.adoptionRate'),
        type: 'line',
        data: report.points.map((point) => [point.end, point.adoptionRate]),
        connectNulls: false,
        showSymbol: false,
        lineStyle: { width: 2.5 },
        itemStyle: { color: CHART_COLOURS.accent },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: CHART_COLOURS.good },
          data: targets.map((goal) => ({
            name: goal.name,
            yAxis: goal.target,
            label: {
              formatter: t('doc.targetLine', { target: f.share(goal.target) }),
              position: 'insideStartTop',
            },
          })),
        },
      },
    ],
  };
}

/** A goal's last 12 weeks with its target as a dashed line. */
export function goalSeriesChartOption(goal: GoalView, t: Translate, f: Formats): EChartsCoreOption {
  const share = ['adoption_rate', 'weekly_active_rate', 'contributor_share'].includes(goal.kpi);
  return {
    grid: { left: 56, right: 24, top: 32, bottom: 36 },
    legend: { top: 0, data: [t('doc.weekly')] },
    xAxis: { type: 'category', data: goal.progress.series.map((week) => f.day(week.week)) },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { formatter: (value: number) => (share ? f.share(value) : f.number(value)) },
    },
    series: [
      {
        name: t('doc.weekly'),
        type: 'line',
        data: goal.progress.series.map((week) => week.value),
        connectNulls: false,
        itemStyle: { color: CHART_COLOURS.accent },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: CHART_COLOURS.good },
          data: [
            {
              yAxis: goal.target,
              label: {
                formatter: t('doc.targetLine', {
                  target: share ? f.share(goal.target) : f.number(goal.target),
                }),
              },
            },
          ],
        },
      },
    ],
  };
}

/**
 * A chart option as a PNG at the documents' size. `scale` 2 is sharp on slides; PDFs take 1.5, since pdfkit
 * decodes every PNG in JavaScript (about 0.5 s for a 2× chart, a quarter of that at 1×).
 */
export function chartPng(option: EChartsCoreOption, scale = 2): Buffer {
  return renderChartPng(option, { ...CHART_SIZE, scale });
}
