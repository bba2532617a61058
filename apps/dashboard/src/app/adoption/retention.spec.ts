import { retention } from './adoption.fixtures';
import { retentionHeatmap, retentionHeatmapOption } from './retention';

describe('retention heatmap', () => {
  it('has a row per cohort with its size and a column per week since the first activity', () => {
    const heatmap = retentionHeatmap(retention);
    expect(heatmap.rows).toEqual(['2026-04-06 (20 people)', '2026-04-13 (10 people)', '2026-04-20 (hidden)']);
    expect(heatmap.columns).toEqual(['Week 0', 'Week 1', 'Week 2']);
  });

  it('puts shown shares in percent and withheld ones apart, leaving unobserved weeks out', () => {
    const heatmap = retentionHeatmap(retention);
    expect(heatmap.cells).toEqual([
      [0, 0, 100],
      [1, 0, 50],
      [2, 0, 25],
      [0, 1, 100],
    ]);
    expect(heatmap.hiddenCells).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });

  it('colours only the shown cells and draws the withheld ones as a grey "hidden" series', () => {
    const option = retentionHeatmapOption(retention) as {
      visualMap: { seriesIndex: number; min: number; max: number };
      series: { name: string; type: string; data: number[][] }[];
    };
    expect(option.visualMap).toMatchObject({ seriesIndex: 0, min: 0, max: 100 });
    expect(option.series.map((s) => [s.type, s.name, s.data.length])).toEqual([
      ['heatmap', 'Retained', 4],
      ['heatmap', 'Hidden (< 5 people)', 2],
    ]);
  });

  it('is an empty grid without cohorts', () => {
    expect(retentionHeatmap({ ...retention, cohorts: [] })).toEqual({
      rows: [],
      columns: [],
      cells: [],
      hiddenCells: [],
    });
  });
});
