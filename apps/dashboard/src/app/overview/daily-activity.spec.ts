import type { DailyActivitySeries } from '@uptake/contracts';
import { dailyActivityChartOption, dailyActivityHeadline, isEmptySeries } from './daily-activity';

const hidden = { code: 'below-k' as const, minGroupSize: 5 };
const series: DailyActivitySeries = {
  organisationId: 'org',
  from: '2026-03-01',
  to: '2026-03-05',
  minGroupSize: 5,
  points: [
    { day: '2026-03-01', activePeople: 0, events: 0 },
    { day: '2026-03-02', activePeople: 12, events: 40 },
    { day: '2026-03-03', activePeople: null, events: null, suppressed: hidden },
    { day: '2026-03-04', activePeople: 20, events: 55 },
    { day: '2026-03-05', activePeople: 7, events: 9 },
  ],
};

type Series = { name: string; data: (number | null)[]; connectNulls?: boolean };

describe('dailyActivityChartOption', () => {
  const option = dailyActivityChartOption(series) as { xAxis: { data: string[] }; series: Series[] };

  it('puts every day on the axis, hidden ones included', () => {
    expect(option.xAxis.data).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
  });

  it('draws hidden days as gaps, never as zero', () => {
    const people = option.series.find((s) => s.name === 'Active people')!;
    expect(people.data).toEqual([0, 12, null, 20, 7]);
    expect(people.connectNulls).toBe(false);
    expect(option.series.find((s) => s.name === 'Events')!.data).toEqual([0, 40, null, 55, 9]);
  });
});

describe('dailyActivityHeadline', () => {
  it('computes peak, average over shown days and events, and counts hidden days', () => {
    expect(dailyActivityHeadline(series)).toEqual({
      peakActivePeople: 20,
      peakDay: '2026-03-04',
      averageActivePeople: 9.8, // (0 + 12 + 20 + 7) / 4
      totalEvents: 104,
      hiddenDays: 1,
      minGroupSize: 5,
    });
  });

  it('has no peak or average when every day is hidden', () => {
    const allHidden = {
      ...series,
      points: series.points.map((p) => ({
        day: p.day,
        activePeople: null,
        events: null,
        suppressed: hidden,
      })),
    };
    expect(dailyActivityHeadline(allHidden)).toMatchObject({
      peakActivePeople: null,
      averageActivePeople: null,
      totalEvents: 0,
      hiddenDays: 5,
    });
    expect(isEmptySeries(allHidden)).toBe(true);
  });

  it('treats a series of quiet days as empty and one active day as not', () => {
    expect(isEmptySeries({ ...series, points: [{ day: '2026-03-01', activePeople: 0, events: 0 }] })).toBe(
      true,
    );
    expect(isEmptySeries(series)).toBe(false);
  });
});
