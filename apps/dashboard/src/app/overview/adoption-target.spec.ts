import { adoptionTargetChartOption, goalsForPopulation, percentLabel } from './adoption-target';
import { adoptionReport, goal } from './test-data';

interface MarkLineDatum {
  name: string;
  xAxis?: string;
  yAxis?: number;
}
interface LineSeries {
  name: string;
  data: [string, number | null][];
  markLine: { data: MarkLineDatum[] };
}

describe('goalsForPopulation', () => {
  const companyWide = goal({ id: 'a' });
  const sales = goal({ id: 'b', orgUnitId: 'sales' });
  const hours = goal({ id: 'c', kpi: 'median_hours_to_first_response' });

  it('keeps adoption and weekly-active goals over exactly the filtered population', () => {
    expect(goalsForPopulation([companyWide, sales, hours], {}).map((g) => g.id)).toEqual(['a']);
    expect(goalsForPopulation([companyWide, sales], { orgUnitId: 'sales' }).map((g) => g.id)).toEqual(['b']);
    expect(goalsForPopulation([companyWide, sales], { groupId: 'pilot' })).toEqual([]);
  });
});

describe('adoptionTargetChartOption', () => {
  const goals = [
    goal({ id: 'wau', name: 'WAU half', kpi: 'weekly_active_rate', target: 0.5, deadline: '2026-06-30' }),
    goal({ id: 'adoption', name: 'Everyone tried', kpi: 'adoption_rate', target: 0.8, deadline: null }),
  ];
  const option = adoptionTargetChartOption(adoptionReport, goals) as {
    xAxis: { max: string };
    series: LineSeries[];
  };
  const series = (name: string) => option.series.find((s) => s.name === name)!;

  it('draws both rates per week as of the week end, hidden weeks as gaps', () => {
    expect(series('Adoption rate').data.at(-1)).toEqual(['2026-03-15', 0.5]);
    const weekly = series('Weekly active rate').data;
    expect(weekly[0]).toEqual(['2026-02-08', null]);
    expect(weekly[1]).toEqual(['2026-02-15', 0.25]); // 50 / 200
    expect(weekly[5]).toEqual(['2026-03-15', 0.4]); // 84 / 210
  });

  it("puts each goal's target on its own KPI's line, with its deadline", () => {
    expect(series('Weekly active rate').markLine.data).toEqual([
      expect.objectContaining({ name: 'WAU half', yAxis: 0.5 }),
      expect.objectContaining({
        name: 'WAU half: deadline',
        xAxis: '2026-06-30',
        label: expect.objectContaining({ formatter: 'Deadline 30 Jun 2026' }),
      }),
    ]);
    expect(series('Adoption rate').markLine.data).toEqual([
      expect.objectContaining({ name: 'Everyone tried', yAxis: 0.8 }),
    ]);
  });

  it('stretches the time axis to the latest deadline, or ends with the data', () => {
    expect(option.xAxis.max).toBe('2026-06-30');
    const noGoals = adoptionTargetChartOption(adoptionReport, []) as { xAxis: { max: string } };
    expect(noGoals.xAxis.max).toBe('2026-03-15');
  });

  it('labels fractions as whole percentages', () => {
    expect(percentLabel(0.425)).toBe('43%');
    expect(percentLabel(null)).toBe('–');
  });
});
