import type { AdoptionReport, GoalView } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatDay, formatShare } from '../shared/format';
import { weeklyActiveRate } from './headline';
import { COLOURS } from '../shared/theme';

/** The goal KPIs this chart draws, with the line each one's target belongs to. */
const LINES = [
  {
    kpi: 'adoption_rate',
    name: $localize`:@@overview.chart.adoptionRate:Adoption rate`,
    color: COLOURS.accent,
  },
  {
    kpi: 'weekly_active_rate',
    name: $localize`:@@overview.chart.weeklyActiveRate:Weekly active rate`,
    color: COLOURS.chartTeal,
  },
] as const;

/**
 * Goals whose target belongs on the chart: an adoption or weekly-active goal over the same population as
 * the chart (a company-wide target drawn over one department would mislead).
 */
export function goalsForPopulation(
  goals: readonly GoalView[],
  population: { orgUnitId?: string; groupId?: string },
): GoalView[] {
  return goals.filter(
    (goal) =>
      LINES.some((line) => line.kpi === goal.kpi) &&
      goal.orgUnitId === (population.orgUnitId ?? null) &&
      goal.groupId === (population.groupId ?? null),
  );
}

/**
 * ECharts option: weekly adoption rate and weekly-active rate (each as of the week's last day) on a time
 * axis, each goal's target as a dashed horizontal markLine on its KPI's line and its deadline as a vertical
 * one. The axis reaches the latest deadline so the remaining distance is visible. Hidden weeks are gaps.
 */
export function adoptionTargetChartOption(
  report: AdoptionReport,
  goals: readonly GoalView[],
): EChartsCoreOption {
  const deadlines = goals.map((goal) => goal.deadline).filter((day): day is string => day !== null);
  const lastDay = report.points.at(-1)?.end ?? report.scope.to;
  const axisEnd = [lastDay, ...deadlines].sort().at(-1);
  const valuesOf = (kpi: (typeof LINES)[number]['kpi']) =>
    report.points.map((point) => [
      point.end,
      kpi === 'adoption_rate' ? point.adoptionRate : weeklyActiveRate(point),
    ]);
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 48, bottom: 32 },
    legend: { top: 0, data: LINES.map((line) => line.name) },
    tooltip: { trigger: 'axis', valueFormatter: percentLabel },
    // Days carry their month ("5 Apr"): ECharts restarts its weekly ticks at each month, so bare day numbers
    // read as a jumble ("29 Apr 5 8"); labels that would touch are dropped.
    xAxis: {
      type: 'time',
      max: axisEnd,
      axisLabel: { hideOverlap: true, formatter: { month: '{MMM}', day: '{d} {MMM}' } },
    },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: percentLabel } },
    series: LINES.map((line) => {
      const lineGoals = goals.filter((goal) => goal.kpi === line.kpi);
      return {
        name: line.name,
        type: 'line',
        data: valuesOf(line.kpi),
        connectNulls: false,
        showSymbol: false,
        lineStyle: { width: 2.5 },
        itemStyle: { color: line.color },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: line.color },
          data: [
            ...lineGoals.map((goal) => ({
              name: goal.name,
              yAxis: goal.target,
              // at the start: the end of the line is where the deadline labels stand
              label: {
                formatter: $localize`:@@overview.chart.target:Target ${percentLabel(goal.target)}:target:`,
                position: 'insideStartTop',
              },
            })),
            ...lineGoals.flatMap((goal) =>
              goal.deadline === null
                ? []
                : [
                    {
                      name: $localize`:@@overview.chart.deadlineName:${goal.name}:goal:: deadline`,
                      xAxis: goal.deadline,
                      label: {
                        formatter: $localize`:@@overview.chart.deadline:Deadline ${formatDay(goal.deadline)}:day:`,
                        position: 'insideEndTop',
                      },
                    },
                  ],
            ),
          ],
        },
      };
    }),
  };
}

/** Axis and tooltip label of a fraction: 0.425 -> "43%" (null stays visible as a dash). */
export function percentLabel(value: unknown): string {
  return typeof value === 'number' ? formatShare(value, { digits: 0 }) : '–';
}
