import { participation } from './adoption.fixtures';
import {
  hiddenPersonas,
  isEmptyParticipation,
  latestParticipationMix,
  participationChartOption,
  personasChartOption,
} from './participation';

type Series = {
  name: string;
  stack: string;
  data: (number | null)[];
  markLine?: { data: { yAxis: number }[] };
};

describe('participation', () => {
  it('stacks each period as percent of eligible people, withheld periods as gaps', () => {
    const option = participationChartOption(participation) as { series: Series[]; xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['2026-04-06', '2026-04-13']);
    // 4, 20, 36, 140 of 200 eligible
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Creators', [2, null]],
      ['Contributors', [10, null]],
      ['Readers', [18, null]],
      ['Inactive', [70, null]],
    ]);
    expect(new Set(option.series.map((s) => s.stack)).size).toBe(1);
  });

  it('draws the 90-9-1 reference at 1% and 10%', () => {
    const option = participationChartOption(participation) as { series: Series[] };
    expect(option.series[0].markLine?.data.map((line) => line.yAxis)).toEqual([1, 10]);
  });

  it('takes the latest period with known figures for the mix against the reference', () => {
    expect(latestParticipationMix(participation)).toEqual({
      start: '2026-04-06',
      creators: 0.02,
      contributors: 0.1,
      rest: 0.88,
    });
    expect(latestParticipationMix({ ...participation, points: [participation.points[1]] })).toBeNull();
  });

  it('shows the known personas in the donut and lists the withheld ones', () => {
    const option = personasChartOption(participation) as {
      series: { data: { name: string; value: number }[] }[];
    };
    expect(option.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['Creators', 10],
      ['Responders', 30],
      ['Reactors', 50],
    ]);
    expect(hiddenPersonas(participation)).toEqual(['Observers']);
  });

  it('is empty only when every period had nobody active', () => {
    expect(isEmptyParticipation(participation)).toBe(false);
    const quiet = { ...participation.points[0], creators: 0, contributors: 0, readers: 0, inactive: 200 };
    expect(isEmptyParticipation({ ...participation, points: [quiet] })).toBe(true);
  });
});
