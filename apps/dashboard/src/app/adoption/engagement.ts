import type { EngagementPoint, EngagementReport } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { percentOrNull } from '../shared/format';
import { COLOURS } from '../shared/theme';

/** Rounds a ratio for display in the chart; null (withheld) stays a gap. */
const twoDecimals = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export function isEmptyEngagement(report: EngagementReport): boolean {
  return report.points.every((point) => point.active === 0);
}

/** The most recent period in which anyone (at least k people) was active: the headline figures. */
export function latestEngagement(report: EngagementReport): EngagementPoint | null {
  return [...report.points].reverse().find((point) => point.active !== null && point.active > 0) ?? null;
}

/** Posts, replies and reactions per active person, one line each; withheld periods are gaps. */
export function engagementRatesOption(report: EngagementReport): EChartsCoreOption {
  const lines = [
    {
      name: $localize`:@@adoption.engagement.series.posts:Posts per active person`,
      key: 'postsPerActive',
      colour: COLOURS.accent,
    },
    {
      name: $localize`:@@adoption.engagement.series.replies:Replies per active person`,
      key: 'repliesPerActive',
      colour: COLOURS.chartSky,
    },
    {
      name: $localize`:@@adoption.engagement.series.reactions:Reactions per active person`,
      key: 'reactionsPerActive',
      colour: COLOURS.chartGreen,
    },
  ] as const;
  return {
    animation: false,
    grid: { left: 40, right: 16, top: 56, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: report.points.map((point) => point.start) },
    yAxis: { type: 'value' },
    series: lines.map((line) => ({
      name: line.name,
      type: 'line',
      connectNulls: false,
      showSymbol: false,
      itemStyle: { color: line.colour },
      data: report.points.map((point) => twoDecimals(point[line.key])),
    })),
  };
}

/** Share of threads that got a response (bars, left axis) and median hours to it (line, right axis). */
export function responsivenessOption(report: EngagementReport): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 48, top: 56, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: report.points.map((point) => point.start) },
    yAxis: [
      { type: 'value', name: 'answered', max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', name: 'hours', splitLine: { show: false } },
    ],
    series: [
      {
        name: $localize`:@@adoption.engagement.series.threads:Threads with a response`,
        type: 'bar',
        barMaxWidth: 24,
        itemStyle: { color: COLOURS.accent200 },
        data: report.points.map((point) => percentOrNull(point.threadsWithResponse)),
      },
      {
        name: $localize`:@@adoption.engagement.series.medianHours:Median hours to first response`,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        itemStyle: { color: COLOURS.warn },
        data: report.points.map((point) => twoDecimals(point.medianHoursToFirstResponse)),
      },
    ],
  };
}
