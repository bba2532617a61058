import { knowledgeFlow } from './adoption.fixtures';
import {
  crossingByMonthOption,
  flowMatrix,
  heatmapHeight,
  hiddenExpertiseUnits,
  isEmptyKnowledgeFlow,
  knowledgeFlowHeatmapOption,
  levelLabel,
  unitAxisLabel,
} from './knowledge-flow';

describe('knowledge-flow view model', () => {
  it('puts responders across and askers down, on the same list of units', () => {
    const matrix = flowMatrix(knowledgeFlow);
    expect(matrix.units).toEqual(['Finance', 'IT', 'Legal']);
    expect(matrix.hiddenExpertise).toEqual([false, true, false]);
    // Finance (0) answered Finance 20 times, IT (1) answered Finance 10, Finance answered IT 6, IT itself 3
    expect(matrix.cells).toEqual([
      [0, 0, 20],
      [1, 0, 10],
      [0, 1, 6],
      [1, 1, 3],
    ]);
    expect(matrix.maxThreads).toBe(20);
  });

  it('adds a unit a cell names but the list lacks as "Unknown unit", once', () => {
    const matrix = flowMatrix({
      ...knowledgeFlow,
      units: [knowledgeFlow.units[0]],
      cells: [
        { askerOrgUnitId: 'unit-a', responderOrgUnitId: null, threads: 7 },
        { askerOrgUnitId: null, responderOrgUnitId: 'unit-a', threads: 5 },
      ],
    });
    expect(matrix.units).toEqual(['Finance', 'Unknown unit']);
    expect(matrix.cells).toEqual([
      [1, 0, 7],
      [0, 1, 5],
    ]);
  });

  it('colours the heatmap up to the busiest cell and stars hidden-expertise units', () => {
    const option = knowledgeFlowHeatmapOption(knowledgeFlow) as {
      visualMap: { min: number; max: number };
      xAxis: { data: string[]; axisLabel: { formatter: (name: string, index: number) => string } };
      series: { type: string; data: number[][] }[];
      tooltip: { formatter: (item: { value: number[] }) => string };
    };
    expect(option.visualMap).toMatchObject({ min: 0, max: 20 });
    expect(option.series[0].type).toBe('heatmap');
    expect(option.series[0].data).toHaveLength(4);
    expect(option.xAxis.axisLabel.formatter('IT', 1)).toBe('{expert|★ IT}');
    expect(option.xAxis.axisLabel.formatter('Finance', 0)).toBe('Finance');
    expect(option.tooltip.formatter({ value: [1, 0, 10] })).toBe('IT answered Finance: 10 threads');
    expect(option.tooltip.formatter({ value: [1, 1, 1] })).toBe('Within IT: 1 thread');
  });

  it('keeps directory names from being read as markup', () => {
    expect(unitAxisLabel('R{&}D|x', true)).toBe('{expert|★ R & D x}');
    const option = knowledgeFlowHeatmapOption({
      ...knowledgeFlow,
      units: [{ ...knowledgeFlow.units[0], name: '<img>' }],
      cells: [knowledgeFlow.cells[0]],
    }) as { tooltip: { formatter: (item: { value: number[] }) => string } };
    expect(option.tooltip.formatter({ value: [0, 0, 20] })).toBe('Within &lt;img&gt;: 20 threads');
  });

  it('plots cross-department and cross-company shares per month, withheld months as gaps', () => {
    const option = crossingByMonthOption(knowledgeFlow) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[] }[];
    };
    expect(option.xAxis.data).toEqual(['2026-03', '2026-04']);
    // 0.4571 → 45.7
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Across departments', [32, 45.7]],
      ['Across legacy companies', [10, null]],
    ]);
  });

  it('names hidden-expertise units, levels, the height and when nothing flowed', () => {
    expect(hiddenExpertiseUnits(knowledgeFlow)).toEqual(['IT']);
    expect([1, 3, null].map((level) => levelLabel(level))).toEqual([
      'Level 1 (top)',
      'Level 3',
      'Unknown level',
    ]);
    // 9 + 1.8 × 3 = 14.4 → at least 20
    expect(heatmapHeight(knowledgeFlow)).toBe('20rem');
    const many = Array.from({ length: 10 }, (_, i) => ({ ...knowledgeFlow.units[0], orgUnitId: `u-${i}` }));
    // 9 + 1.8 × 10 = 27
    expect(heatmapHeight({ ...knowledgeFlow, units: many, cells: [] })).toBe('27rem');
    expect(isEmptyKnowledgeFlow(knowledgeFlow)).toBe(false);
    expect(isEmptyKnowledgeFlow({ ...knowledgeFlow, answeredThreads: 0, cells: [] })).toBe(true);
    expect(isEmptyKnowledgeFlow({ ...knowledgeFlow, answeredThreads: null, cells: [] })).toBe(false);
  });
});
