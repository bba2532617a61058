import type { EChartsCoreOption } from 'echarts/core';
import type { SyncRunView } from '@uptake/contracts';
import { COLOURS } from '../shared/theme';

/** Short label of a run on the chart's axis: its start (or creation) time, "03-02 14:05". */
export function runLabel(run: SyncRunView): string {
  const iso = run.startedAt ?? run.createdAt;
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/**
 * Records per run as stacked bars (inserted, duplicates, quarantined), oldest run on the left, and each
 * run's duration in seconds as a line on a second axis. Runs that never started have no duration (a gap).
 */
export function runChartOption(runs: readonly SyncRunView[]): EChartsCoreOption {
  const oldestFirst = [...runs].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const names = {
    inserted: $localize`:@@connectors.chart.inserted:Inserted`,
    duplicates: $localize`:@@connectors.chart.duplicates:Duplicates`,
    quarantined: $localize`:@@connectors.chart.quarantined:Quarantined`,
    duration: $localize`:@@connectors.chart.duration:Duration (s)`,
  };
  return {
    animation: false,
    grid: { left: 56, right: 56, top: 40, bottom: 32 },
    legend: { top: 0, data: [names.inserted, names.duplicates, names.quarantined, names.duration] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: oldestFirst.map(runLabel) },
    yAxis: [
      { type: 'value', name: $localize`:@@connectors.chart.records:records`, minInterval: 1 },
      {
        type: 'value',
        name: $localize`:@@connectors.chart.seconds:seconds`,
        splitLine: { show: false },
      },
    ],
    series: [
      bar(
        names.inserted,
        COLOURS.accent,
        oldestFirst.map((run) => run.recordsInserted),
      ),
      bar(
        names.duplicates,
        COLOURS.accent300,
        oldestFirst.map((run) => run.recordsDuplicate),
      ),
      bar(
        names.quarantined,
        COLOURS.badMark,
        oldestFirst.map((run) => run.recordsQuarantined),
      ),
      {
        name: names.duration,
        type: 'line',
        yAxisIndex: 1,
        data: oldestFirst.map((run) =>
          run.durationMs === null ? null : Math.round(run.durationMs / 100) / 10,
        ),
        itemStyle: { color: COLOURS.chartEmerald },
        symbolSize: 6,
      },
    ],
  };
}

function bar(name: string, color: string, data: number[]) {
  return { name, type: 'bar', stack: 'records', data, itemStyle: { color }, barMaxWidth: 24 };
}
