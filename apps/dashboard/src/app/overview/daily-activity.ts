import type { DailyActivitySeries } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatNumber } from '../shared/format';
import { COLOURS } from '../shared/theme';

export interface DailyActivityHeadline {
  /** Most people active on one shown day; null when every day is hidden. */
  peakActivePeople: number | null;
  peakDay: string | null;
  /** Mean of daily active people over the days that are shown (hidden days are left out, not counted as 0). */
  averageActivePeople: number | null;
  totalEvents: number;
  hiddenDays: number;
  minGroupSize: number;
}

export function dailyActivityHeadline(series: DailyActivitySeries): DailyActivityHeadline {
  const shown = series.points.filter((point) => point.activePeople !== null);
  let peak: (typeof shown)[number] | undefined;
  for (const point of shown) if (!peak || (point.activePeople ?? 0) > (peak.activePeople ?? 0)) peak = point;
  const sum = shown.reduce((total, point) => total + (point.activePeople ?? 0), 0);
  return {
    peakActivePeople: peak?.activePeople ?? null,
    peakDay: peak?.day ?? null,
    averageActivePeople: shown.length > 0 ? Math.round((sum / shown.length) * 10) / 10 : null,
    totalEvents: shown.reduce((total, point) => total + (point.events ?? 0), 0),
    hiddenDays: series.points.length - shown.length,
    minGroupSize: series.minGroupSize,
  };
}

/** Axis values in the page's language (ECharts would print 1,000 on a Dutch page). */
const axisLabel = { formatter: (value: number) => formatNumber(value) };

const ACTIVE_PEOPLE = $localize`:@@overview.chart.activePeople:Active people`;
const EVENTS = $localize`:@@overview.chart.events:Events`;
/** True when there is nothing to draw: no day with activity that may be shown. */
export function isEmptySeries(series: DailyActivitySeries): boolean {
  return series.points.every((point) => !point.activePeople);
}

/**
 * ECharts option: daily active people as a line, events as bars on a second axis. Suppressed days are
 * `null`, which ECharts draws as gaps (connectNulls off), so hidden days never look like zero.
 */
export function dailyActivityChartOption(series: DailyActivitySeries): EChartsCoreOption {
  const days = series.points.map((point) => point.day);
  return {
    animation: false,
    grid: { left: 48, right: 56, top: 40, bottom: 64 },
    legend: { top: 0, data: [ACTIVE_PEOPLE, EVENTS] },
    tooltip: { trigger: 'axis' },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    xAxis: { type: 'category', data: days, boundaryGap: true },
    yAxis: [
      { type: 'value', name: $localize`:@@overview.chart.peopleAxis:people`, minInterval: 1, axisLabel },
      {
        type: 'value',
        name: $localize`:@@overview.chart.eventsAxis:events`,
        splitLine: { show: false },
        axisLabel,
      },
    ],
    series: [
      {
        name: EVENTS,
        type: 'bar',
        yAxisIndex: 1,
        data: series.points.map((point) => point.events),
        itemStyle: { color: COLOURS.accent200 },
        barMaxWidth: 12,
      },
      {
        name: ACTIVE_PEOPLE,
        type: 'line',
        yAxisIndex: 0,
        data: series.points.map((point) => point.activePeople),
        connectNulls: false,
        showSymbol: false,
        lineStyle: { width: 2.5 },
        itemStyle: { color: COLOURS.accent },
      },
    ],
  };
}
