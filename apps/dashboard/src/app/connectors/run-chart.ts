import type { EChartsCoreOption } from 'echarts/core';
import type { SyncRun } from './connectors.types';

/** Short label of a run on the chart's axis: its start (or creation) time, "03-02 14:05". */
export function runLabel(run: SyncRun): string {
  const iso = run.startedAt ?? run.createdAt;
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/**
 * Records per run as stacked bars (inserted, duplicates, quarantined), oldest run on the left, and each
 * run's duration in seconds as a line on a second axis. Runs that never started have no duration (a gap).
 */
export function runChartOption(runs: readonly SyncRun[]): EChartsCoreOption {
  const oldestFirst = [...runs].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return {
    animation: false,
    grid: { left: 56, right: 56, top: 40, bottom: 32 },
    legend: { top: 0, data: ['Inserted', 'Duplicates', 'Quarantined', 'Duration (s)'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: oldestFirst.map(runLabel) },
    yAxis: [
      { type: 'value', name: 'records', minInterval: 1 },
      { type: 'value', name: 'seconds', splitLine: { show: false } },
    ],
    series: [
      bar(
        'Inserted',
        '#4338ca',
        oldestFirst.map((run) => run.recordsInserted),
      ),
      bar(
        'Duplicates',
        '#a5b4fc',
        oldestFirst.map((run) => run.recordsDuplicate),
      ),
      bar(
        'Quarantined',
        '#dc2626',
        oldestFirst.map((run) => run.recordsQuarantined),
      ),
      {
        name: 'Duration (s)',
        type: 'line',
        yAxisIndex: 1,
        data: oldestFirst.map((run) =>
          run.durationMs === null ? null : Math.round(run.durationMs / 100) / 10,
        ),
        itemStyle: { color: '#059669' },
        symbolSize: 6,
      },
    ],
  };
}

function bar(name: string, color: string, data: number[]) {
  return { name, type: 'bar', stack: 'records', data, itemStyle: { color }, barMaxWidth: 24 };
}
