import type { LifecycleReport, LifecycleWeek } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatCount, formatCountChange, formatDay, hiddenLabel } from '../shared/format';
import { COLOURS } from '../shared/theme';

/** The four flows of a week, in stacking order (positive ones up from the axis, dormant below it). */
export const LIFECYCLE_FLOWS = [
  {
    key: 'retained',
    label: $localize`:@@adoption.lifecycle.series.retained:Retained`,
    sign: 1,
    colour: COLOURS.accent300,
  },
  { key: 'new', label: $localize`:@@adoption.lifecycle.series.new:New`, sign: 1, colour: COLOURS.chartGreen },
  {
    key: 'reactivated',
    label: $localize`:@@adoption.lifecycle.series.reactivated:Reactivated`,
    sign: 1,
    colour: COLOURS.chartSky,
  },
  {
    key: 'dormant',
    label: $localize`:@@adoption.lifecycle.series.dormant:Dormant`,
    sign: -1,
    colour: COLOURS.chartAmber,
  },
] as const satisfies readonly {
  key: keyof LifecycleWeek;
  label: string;
  sign: 1 | -1;
  colour: string;
}[];

export const NET_CHANGE_LABEL = $localize`:@@adoption.lifecycle.series.netChange:Net change`;

/**
 * Nothing to draw: no week had anyone active or going dormant. A withheld week (null) is not "nobody", so a
 * report of only withheld weeks is not empty: it shows its hidden weeks.
 */
export function isEmptyLifecycle(report: LifecycleReport): boolean {
  return report.weeks.every((week) => week.active === 0 && week.dormant === 0);
}

/** The week the headline describes: the last one of the range (withheld figures stay withheld there). */
export function latestLifecycleWeek(report: LifecycleReport): LifecycleWeek | null {
  return report.weeks.at(-1) ?? null;
}

/**
 * One sentence an executive reads instead of the chart, e.g. "Week of 13 Apr 2026: 52 people active (+4):
 * 6 new, 3 back, 5 went quiet." Withheld figures say so instead of reading as 0.
 */
export function lifecycleSentence(week: LifecycleWeek, minGroupSize: number): string {
  const figures = { minGroupSize };
  const change = week.netChange === null ? '' : ` (${formatCountChange(week.netChange)})`;
  return $localize`:@@adoption.lifecycle.sentence:Week of ${formatDay(week.week)}:week:: ${formatCount(week.active, figures)}:active: people active${change}:change:: ${formatCount(week.new, figures)}:new: new, ${formatCount(week.reactivated, figures)}:back: back, ${formatCount(week.dormant, figures)}:quiet: went quiet.`;
}

/** A flow's bar height: dormant people are drawn below the axis; withheld figures are gaps, never 0. */
export function flowValue(week: LifecycleWeek, flow: (typeof LIFECYCLE_FLOWS)[number]): number | null {
  const value = week[flow.key];
  return value === null ? null : flow.sign * value;
}

interface AxisTooltipItem {
  seriesIndex: number;
  seriesName: string;
  axisValue: string;
  marker: string;
  value: number | null;
}

/** Tooltip of a week: every flow as a count of people (dormant too, though its bar points down). */
export function lifecycleTooltip(items: AxisTooltipItem[], minGroupSize: number): string {
  if (items.length === 0) return '';
  const lines = items.map((item) => {
    const value =
      item.value === null
        ? hiddenLabel(minGroupSize)
        : item.seriesName === NET_CHANGE_LABEL
          ? formatCountChange(item.value)
          : formatCount(Math.abs(item.value));
    return `${item.marker}${item.seriesName}: ${value}`;
  });
  // The axis value is a date from the API, not text from users; series names are ours.
  return [weekOf(formatDay(items[0].axisValue)), ...lines].join('<br>');
}

/**
 * Stacked weekly bars: retained, new and reactivated people above the axis, dormant people below it, and the
 * net change of active people as a line, so growth and churn read at a glance.
 */
export function lifecycleChartOption(report: LifecycleReport): EChartsCoreOption {
  const k = report.scope.minGroupSize;
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: AxisTooltipItem[]) => lifecycleTooltip(items, k),
    },
    xAxis: { type: 'category', data: report.weeks.map((week) => week.week) },
    yAxis: { type: 'value', name: 'people' },
    series: [
      ...LIFECYCLE_FLOWS.map((flow) => ({
        name: flow.label,
        type: 'bar',
        // one stack: ECharts stacks positive and negative values apart, so dormant grows downwards
        stack: 'people',
        barMaxWidth: 28,
        itemStyle: { color: flow.colour },
        data: report.weeks.map((week) => flowValue(week, flow)),
      })),
      {
        name: NET_CHANGE_LABEL,
        type: 'line',
        connectNulls: false,
        symbolSize: 6,
        z: 3,
        itemStyle: { color: COLOURS.ink },
        data: report.weeks.map((week) => week.netChange),
      },
    ],
  };
}

/** "Week of 5 Jan 2026" (tooltips). */
export function weekOf(day: string): string {
  return $localize`:@@adoption.weekOf:Week of ${day}:day:`;
}
