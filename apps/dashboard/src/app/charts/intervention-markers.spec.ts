import type { EChartsCoreOption } from 'echarts/core';
import {
  interventionMarkers,
  MARKER_SERIES_ID,
  mondayOf,
  withInterventionMarkers,
  type MarkedIntervention,
} from './intervention-markers';

const intervention = (day: string, title: string, kind: MarkedIntervention['kind'] = 'training') => ({
  id: `${day}-${title}`,
  day,
  kind,
  title,
});

/** A weekly category axis (Mondays), like the lifecycle and rollout charts. */
const weekly: EChartsCoreOption = {
  xAxis: { type: 'category', data: ['2026-03-02', '2026-03-09', '2026-03-16'] },
  yAxis: { type: 'value' },
  series: [{ name: 'Active', type: 'line', data: [1, 2, 3] }],
};

type Series = {
  id?: string;
  name: string;
  data: unknown[];
  markLine?: {
    data: { name: string; xAxis: string; label: { formatter: () => string } }[];
    tooltip: { formatter: (item: { dataIndex: number }) => string };
  };
};
const seriesOf = (option: EChartsCoreOption) => (option as { series: Series[] }).series;

describe('interventionMarkers', () => {
  it('puts each intervention on the week it falls in and combines several in one week', () => {
    const markers = interventionMarkers(weekly, [
      intervention('2026-03-11', 'CEO post', 'leadership-post'), // Wednesday of the week of 9 Mar
      intervention('2026-03-09', 'Training Sales'), // Monday of the same week
      intervention('2026-03-02', 'Kick-off', 'communication'),
    ]);
    expect(markers.map(({ at, label }) => ({ at, label }))).toEqual([
      { at: '2026-03-02', label: 'Kick-off' },
      { at: '2026-03-09', label: '2 interventions' },
    ]);
    // oldest first within the week
    expect(markers[1].description).toBe(
      '9 Mar 2026 · Training · Training Sales; 11 Mar 2026 · Leadership post · CEO post',
    );
  });

  it('leaves out days outside the axis: before the first week and after the last one ends', () => {
    const markers = interventionMarkers(weekly, [
      intervention('2026-03-01', 'Sunday before'),
      intervention('2026-03-22', 'Last day of the last week'), // 16 Mar + 6
      intervention('2026-03-23', 'Day after the axis'),
    ]);
    expect(markers.map((marker) => [marker.at, marker.label])).toEqual([
      ['2026-03-16', 'Last day of the last week'],
    ]);
  });

  it('reads month categories ("2026-04") as whole months', () => {
    const monthly = { xAxis: { type: 'category', data: ['2026-03', '2026-04'] }, series: [] };
    const markers = interventionMarkers(monthly, [
      intervention('2026-04-30', 'End of April'),
      intervention('2026-05-01', 'May'),
      intervention('2026-03-15', 'March'),
    ]);
    expect(markers.map((marker) => [marker.at, marker.label])).toEqual([
      ['2026-03', 'March'],
      ['2026-04', 'End of April'],
    ]);
  });

  it('uses the series range on a time axis, with the axis max, and marks the earliest day of the week', () => {
    const time = {
      xAxis: { type: 'time', max: '2026-06-30' },
      series: [
        {
          type: 'line',
          data: [
            ['2026-03-08', 0.1],
            ['2026-03-15', 0.2],
          ],
        },
      ],
    };
    const markers = interventionMarkers(time, [
      intervention('2026-03-07', 'Too early'),
      intervention('2026-03-12', 'Thursday'),
      intervention('2026-03-10', 'Tuesday'),
      intervention('2026-06-30', 'At the deadline'),
      intervention('2026-07-01', 'After the axis'),
    ]);
    expect(markers.map((marker) => [marker.at, marker.label])).toEqual([
      ['2026-03-10', '2 interventions'],
      ['2026-06-30', 'At the deadline'],
    ]);
  });

  it('draws nothing on axes that are not time (buckets, "Week 0…", pies) or without interventions', () => {
    const buckets = { xAxis: { type: 'category', data: ['≤ 1 h', '≤ 4 h'] }, series: [] };
    expect(interventionMarkers(buckets, [intervention('2026-03-02', 'x')])).toEqual([]);
    expect(interventionMarkers({ series: [{ type: 'pie' }] }, [intervention('2026-03-02', 'x')])).toEqual([]);
    expect(interventionMarkers(weekly, [])).toEqual([]);
  });

  it('finds Mondays', () => {
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
  });
});

describe('withInterventionMarkers', () => {
  it('adds one empty series carrying dashed vertical lines, leaving the chart’s own series as they were', () => {
    const option = withInterventionMarkers(weekly, [
      intervention('2026-03-10', '<b>Training</b>'),
      intervention('2026-03-17', 'CEO post'),
    ]);
    const series = seriesOf(option);
    expect(series).toHaveLength(2);
    expect(series[0]).toBe((weekly as { series: unknown[] }).series[0]);
    const markers = series[1];
    expect(markers.id).toBe(MARKER_SERIES_ID);
    expect(markers.data).toEqual([]);
    expect(markers.markLine!.data.map((entry) => [entry.name, entry.xAxis, entry.label.formatter()])).toEqual(
      [
        ['<b>Training</b>', '2026-03-09', '<b>Training</b>'],
        ['CEO post', '2026-03-16', 'CEO post'],
      ],
    );
    // the tooltip is HTML: titles are escaped
    expect(markers.markLine!.tooltip.formatter({ dataIndex: 0 })).toBe(
      '10 Mar 2026: &lt;b&gt;Training&lt;/b&gt;',
    );
    // applying it again replaces the markers instead of adding a second series
    expect(seriesOf(withInterventionMarkers(option, [intervention('2026-03-02', 'x')]))).toHaveLength(2);
  });

  it('returns the very same option when no marker falls on the axis', () => {
    expect(withInterventionMarkers(weekly, [intervention('2027-01-01', 'later')])).toBe(weekly);
  });
});
