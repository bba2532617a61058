import type { FirstPostGroup, FirstPostReport, RateWithInterval } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatCount, formatPointsChange, formatShare, hiddenLabel, percentOrNull } from '../shared/format';
import { COLOURS } from '../shared/theme';

/** Hours within which a first post counts as answered (the API's default; the contract names it 24 h). */
export const FIRST_POST_RESPONSE_HOURS = 24;

export type FirstPostDifference = FirstPostReport['difference4Weeks'];

export interface RetentionRow {
  /** Row label, e.g. "Answered · week 4". */
  label: string;
  group: 'answered' | 'unanswered';
  weeks: 4 | 8;
  figures: RateWithInterval;
}

const GROUP_LABELS = {
  answered: $localize`:@@adoption.firstPost.group.answered:Answered`,
  unanswered: $localize`:@@adoption.firstPost.group.unanswered:Not answered`,
} as const;
const GROUP_COLOURS = { answered: COLOURS.accent, unanswered: COLOURS.chartAmber } as const;

/** The four rates to compare: both groups after 4 weeks, then both after 8, so pairs sit together. */
export function retentionRows(report: FirstPostReport): RetentionRow[] {
  const row = (group: 'answered' | 'unanswered', weeks: 4 | 8): RetentionRow => {
    const figures: FirstPostGroup = report[group];
    return {
      label: $localize`:@@adoption.firstPost.rowLabel:${GROUP_LABELS[group]}:group: · week ${weeks}:weeks:`,
      group,
      weeks,
      figures: weeks === 4 ? figures.retained4Weeks : figures.retained8Weeks,
    };
  };
  return [row('answered', 4), row('unanswered', 4), row('answered', 8), row('unanswered', 8)];
}

/** No newcomer posted for the first time in the range (withheld, null, is not "nobody"). */
export function isEmptyFirstPost(report: FirstPostReport): boolean {
  return report.answered.people === 0 && report.unanswered.people === 0;
}

/** "0.0% (95% CI 12.3%–45.6%, 40 people)" — or why it is withheld. */
export function rateText(rate: RateWithInterval, minGroupSize: number): string {
  const figures = { minGroupSize, trailingZeros: true };
  if (rate.rate === null) return formatShare(null, figures);
  const interval =
    rate.low === null || rate.high === null
      ? ''
      : `95% CI ${formatShare(rate.low, figures)}–${formatShare(rate.high, figures)}, `;
  return `${formatShare(rate.rate, figures)} (${interval}${formatCount(rate.people, figures)} people)`;
}

/** Retention of answered minus unanswered newcomers in points, "+28 pts", or why it is withheld. */
export function differenceText(difference: FirstPostDifference, minGroupSize: number): string {
  return difference.difference === null
    ? hiddenLabel(minGroupSize)
    : formatPointsChange(difference.difference);
}

/** "95% CI +4 to +48 pts"; null without an interval. The interval tells whether the gap could be chance. */
export function differenceInterval(difference: FirstPostDifference): string | null {
  if (difference.difference === null || difference.low === null || difference.high === null) return null;
  // the unit once, after the upper bound
  const low = formatPointsChange(difference.low).replace(/ pts$/, '');
  return `95% CI ${low} to ${formatPointsChange(difference.high)}`;
}

/**
 * What the difference means: an interval wholly above 0 says answered newcomers stay more, one wholly below
 * says they stay less, one across 0 that the data cannot tell the groups apart yet.
 */
export function differenceVerdict(difference: FirstPostDifference): string | null {
  const { low, high } = difference;
  if (difference.difference === null || low === null || high === null) return null;
  if (low > 0)
    return $localize`:@@adoption.firstPost.verdict.more:answered newcomers stay clearly more often`;
  if (high < 0)
    return $localize`:@@adoption.firstPost.verdict.less:answered newcomers stay clearly less often`;
  return $localize`:@@adoption.firstPost.verdict.chance:not distinguishable from chance yet`;
}

interface ItemTooltip {
  dataIndex: number;
}

/**
 * Dot-and-whisker comparison as horizontal bars: each row's retention rate as a bar and its 95% interval as
 * a whisker (a mark line from low to high at the row). Withheld rates have neither.
 */
export function retentionComparisonOption(report: FirstPostReport): EChartsCoreOption {
  const k = report.scope.minGroupSize;
  const rows = retentionRows(report);
  const whiskers = rows
    .filter((row) => row.figures.rate !== null && row.figures.low !== null && row.figures.high !== null)
    .map((row) => [
      { coord: [percentOrNull(row.figures.low), row.label] },
      { coord: [percentOrNull(row.figures.high), row.label] },
    ]);
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'item',
      // labels and figures are ours and the API's numbers, not user text
      formatter: (item: ItemTooltip) =>
        `${rows[item.dataIndex].label}: ${rateText(rows[item.dataIndex].figures, k)}`,
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.label) },
    series: [
      {
        name: $localize`:@@adoption.firstPost.series.retained:Retained`,
        type: 'bar',
        barMaxWidth: 22,
        data: rows.map((row) => ({
          value: percentOrNull(row.figures.rate),
          itemStyle: { color: GROUP_COLOURS[row.group], opacity: 0.75 },
        })),
        markLine: {
          silent: true,
          symbol: ['none', 'none'],
          label: { show: false },
          lineStyle: { color: COLOURS.ink, type: 'solid', width: 2 },
          data: whiskers,
        },
      },
    ],
  };
}

/** The leading indicator week by week: share of first posts answered within 24 h; withheld weeks are gaps. */
export function answeredByWeekOption(report: FirstPostReport): EChartsCoreOption {
  const k = report.scope.minGroupSize;
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      formatter: (items: ItemTooltip[]) => {
        const week = report.byWeek[items[0]?.dataIndex ?? -1];
        if (!week) return '';
        const figures = { minGroupSize: k, trailingZeros: true };
        return (
          $localize`:@@adoption.firstPost.tip:Week of ${week.week}:week:<br>Answered within 24 h: ${formatShare(week.answeredWithin24h, figures)}:share:` +
          $localize`:@@adoption.firstPost.tip.posts:<br>First posts: ${formatCount(week.firstPosts, figures)}:posts:`
        );
      },
    },
    xAxis: { type: 'category', data: report.byWeek.map((week) => week.week) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: $localize`:@@adoption.firstPost.series.answered:Answered within 24 h`,
        type: 'line',
        connectNulls: false,
        symbolSize: 6,
        itemStyle: { color: COLOURS.accent },
        data: report.byWeek.map((week) => percentOrNull(week.answeredWithin24h)),
      },
    ],
  };
}
