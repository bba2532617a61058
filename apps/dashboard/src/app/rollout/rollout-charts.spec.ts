import type { ComparisonMetric } from '@uptake/contracts';
import { wauCriterion } from './fixtures';
import { comparisonChartOption, evidenceChartOption } from './rollout-charts';

type LineSeries = {
  name: string;
  data: ({ value: number | null; itemStyle: { color: string } } | number | null)[];
  markLine?: { data: { yAxis: number }[]; label: { formatter: string } };
};

describe('evidenceChartOption', () => {
  const option = evidenceChartOption(wauCriterion) as {
    xAxis: { data: string[] };
    yAxis: { axisLabel: { formatter: string } };
    series: LineSeries[];
  };

  it('draws weekly values in %, withheld weeks as gaps, coloured by whether the condition held', () => {
    expect(option.xAxis.data).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(option.series[0].data).toEqual([
      { value: 35, itemStyle: { color: '#b91c1c' } },
      { value: null, itemStyle: { color: '#6b7280' } },
      { value: 42, itemStyle: { color: '#15803d' } },
    ]);
    expect(option.yAxis.axisLabel.formatter).toBe('{value}%');
  });

  it('marks the threshold', () => {
    expect(option.series[0].markLine?.data).toEqual([{ yAxis: 40 }]);
    expect(option.series[0].markLine?.label.formatter).toBe('threshold 40%');
  });
});

describe('comparisonChartOption', () => {
  const metric: ComparisonMetric = {
    metric: 'median_hours_to_first_response',
    label: 'Median time to first reply',
    unit: 'hours',
    phase: 3,
    comparison: 5,
    difference: -2,
    low: -3,
    high: -1,
    significant: true,
    weeks: [
      { week: '2026-03-02', phase: 3.04, comparison: 5 },
      { week: '2026-03-09', phase: null, comparison: 4.96 },
    ],
  };

  it('draws both populations, hours unscaled and hidden weeks as gaps', () => {
    const option = comparisonChartOption(metric, { phase: 'Pilot', comparison: 'Rest of organisation' }) as {
      legend: { data: string[] };
      series: LineSeries[];
    };
    expect(option.legend.data).toEqual(['Pilot', 'Rest of organisation']);
    expect(option.series.map((s) => s.data)).toEqual([
      [3, null],
      [5, 5],
    ]);
  });
});
