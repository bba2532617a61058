import { runChartOption, runLabel } from './run-chart';
import { syncRun } from './test-data';

describe('runChartOption', () => {
  const newer = syncRun({
    id: 'b',
    createdAt: '2026-03-03T08:00:00.000Z',
    startedAt: '2026-03-03T08:00:01.000Z',
    recordsInserted: 5,
    recordsDuplicate: 95,
    recordsQuarantined: 0,
    durationMs: 2_340,
  });
  const older = syncRun({
    id: 'a',
    createdAt: '2026-03-02T14:05:00.000Z',
    startedAt: '2026-03-02T14:05:02.000Z',
    durationMs: 12_000,
  });
  const queued = syncRun({
    id: 'c',
    status: 'queued',
    createdAt: '2026-03-04T09:30:00.000Z',
    startedAt: null,
    durationMs: null,
    recordsInserted: 0,
    recordsDuplicate: 0,
    recordsQuarantined: 0,
  });

  it('puts runs oldest first with stacked record counts and durations in seconds', () => {
    const option = runChartOption([queued, newer, older]) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[]; stack?: string }[];
    };
    expect(option.xAxis.data).toEqual(['03-02 14:05', '03-03 08:00', '03-04 09:30']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Inserted', [90, 5, 0]],
      ['Duplicates', [8, 95, 0]],
      ['Quarantined', [2, 0, 0]],
      ['Duration (s)', [12, 2.3, null]],
    ]);
    expect(option.series.slice(0, 3).every((s) => s.stack === 'records')).toBe(true);
  });

  it('labels a run by its start, or its creation when it has not started', () => {
    expect(runLabel(older)).toBe('03-02 14:05');
    expect(runLabel(queued)).toBe('03-04 09:30');
  });
});
