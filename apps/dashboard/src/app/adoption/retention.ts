import type { RetentionReport } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatShare, hiddenLabel, percentOrNull } from '../shared/format';
import { HIDDEN, peopleCount } from './network';
import { escapeHtml } from '../charts/escape-html';
import { COLOURS } from '../shared/theme';

export interface RetentionHeatmap {
  /** One row per cohort: its first week and its size (or that the size is withheld). */
  rows: string[];
  /** "Week 0", "Week 1", … up to the longest cohort. */
  columns: string[];
  /** [column, row, retained percent] for the figures that may be shown. */
  cells: [number, number, number][];
  /** [column, row] of figures withheld because they rest on fewer than k people. */
  hiddenCells: [number, number][];
}

/** Shapes the cohorts for a heatmap; weeks after the range's end are absent (not hidden, not 0). */
export function retentionHeatmap(report: RetentionReport): RetentionHeatmap {
  const width = Math.max(0, ...report.cohorts.map((cohort) => cohort.retained.length));
  const cells: [number, number, number][] = [];
  const hiddenCells: [number, number][] = [];
  report.cohorts.forEach((cohort, row) =>
    cohort.retained.forEach((share, column) => {
      const percent = percentOrNull(share);
      if (percent === null) hiddenCells.push([column, row]);
      else cells.push([column, row, percent]);
    }),
  );
  return {
    rows: report.cohorts.map(
      (cohort) => `${cohort.week} (${cohort.size === null ? HIDDEN : peopleCount(cohort.size)})`,
    ),
    columns: Array.from(
      { length: width },
      (_, week) => $localize`:@@adoption.retention.weekN:Week ${week}:week:`,
    ),
    cells,
    hiddenCells,
  };
}

/** Cohort heatmap: colour is the share of the cohort active in its n-th week; withheld cells in grey. */
export function retentionHeatmapOption(report: RetentionReport): EChartsCoreOption {
  const heatmap = retentionHeatmap(report);
  const hiddenName = $localize`:@@adoption.retention.hiddenSeries:Hidden (< ${report.scope.minGroupSize}:k: people)`;
  return {
    animation: false,
    grid: { left: 150, right: 16, top: 36, bottom: 72 },
    legend: { top: 0, right: 0, data: [hiddenName] },
    tooltip: {
      position: 'top',
      formatter: (item: { seriesIndex: number; value: number[] }) => {
        const [column, row, percent] = item.value;
        const figure =
          item.seriesIndex === 0
            ? $localize`:@@adoption.retention.tip.active:${formatShare(percent / 100)}:share: active`
            : hiddenLabel(report.scope.minGroupSize);
        return $localize`:@@adoption.retention.tip:Cohort ${escapeHtml(heatmap.rows[row])}:cohort:<br>${escapeHtml(heatmap.columns[column])}:week:: ${figure}:figure:`;
      },
    },
    xAxis: { type: 'category', data: heatmap.columns, splitArea: { show: true } },
    yAxis: { type: 'category', data: heatmap.rows, inverse: true, splitArea: { show: true } },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: ['100% retained', '0%'],
      inRange: { color: [COLOURS.accent50, COLOURS.accent400, COLOURS.accent900] },
    },
    series: [
      {
        name: $localize`:@@adoption.retention.series.retained:Retained`,
        type: 'heatmap',
        data: heatmap.cells,
        label: {
          show: true,
          fontSize: 10,
          formatter: (item: { value: number[] }) => `${Math.round(item.value[2])}`,
        },
      },
      {
        name: hiddenName,
        type: 'heatmap',
        data: heatmap.hiddenCells.map(([column, row]) => [column, row, 0]),
        itemStyle: { color: COLOURS.neutralMark, borderColor: COLOURS.surface, borderWidth: 1 },
        label: { show: true, fontSize: 10, color: COLOURS.muted, formatter: '–' },
      },
    ],
  };
}
