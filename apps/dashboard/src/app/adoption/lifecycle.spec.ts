import { lifecycle } from './adoption.fixtures';
import {
  LIFECYCLE_FLOWS,
  flowValue,
  isEmptyLifecycle,
  latestLifecycleWeek,
  lifecycleChartOption,
  lifecycleSentence,
  lifecycleTooltip,
} from './lifecycle';

type Series = { name: string; type: string; stack?: string; data: (number | null)[] };

describe('lifecycle view model', () => {
  it('stacks retained, new and reactivated above the axis and dormant below it, with the net change', () => {
    const option = lifecycleChartOption(lifecycle) as { xAxis: { data: string[] }; series: Series[] };
    expect(option.xAxis.data).toEqual(['2026-04-06', '2026-04-13', '2026-04-20']);
    expect(option.series.map((s) => [s.name, s.type, s.stack ?? null, s.data])).toEqual([
      ['Retained', 'bar', 'people', [35, 43, 46]],
      // withheld weeks are gaps (null), never 0
      ['New', 'bar', 'people', [10, 6, null]],
      ['Reactivated', 'bar', 'people', [5, 3, null]],
      // dormant people drawn downwards: −8, −7, −6
      ['Dormant', 'bar', 'people', [-8, -7, -6]],
      ['Net change', 'line', null, [7, 2, -4]],
    ]);
  });

  it('draws a flow as its signed count and a withheld one as a gap', () => {
    const [week] = lifecycle.weeks;
    const dormant = LIFECYCLE_FLOWS[3];
    expect(flowValue(week, dormant)).toBe(-8);
    expect(flowValue({ ...week, dormant: null }, dormant)).toBeNull();
    expect(flowValue({ ...week, dormant: 0 }, dormant)).toBe(-0);
  });

  it('sums up the last week in a sentence, withheld figures saying why', () => {
    const week = latestLifecycleWeek(lifecycle);
    expect(week?.week).toBe('2026-04-20');
    expect(lifecycleSentence(week!, 5)).toBe(
      'Week of 20 Apr 2026: 48 people active (\u22124): hidden (< 5 people) new, hidden (< 5 people) back, 6 went quiet.',
    );
    expect(lifecycleSentence(lifecycle.weeks[0], 5)).toBe(
      'Week of 6 Apr 2026: 50 people active (+7): 10 new, 5 back, 8 went quiet.',
    );
    expect(latestLifecycleWeek({ ...lifecycle, weeks: [] })).toBeNull();
  });

  it('lists each flow as a count of people in the tooltip, dormant as a positive number', () => {
    const items = [
      { seriesIndex: 1, seriesName: 'New', axisValue: '2026-04-20', marker: '', value: null },
      { seriesIndex: 3, seriesName: 'Dormant', axisValue: '2026-04-20', marker: '', value: -6 },
      { seriesIndex: 4, seriesName: 'Net change', axisValue: '2026-04-20', marker: '', value: -4 },
    ];
    expect(lifecycleTooltip(items, 5)).toBe(
      'Week of 20 Apr 2026<br>New: hidden (< 5 people)<br>Dormant: 6<br>Net change: \u22124',
    );
    expect(lifecycleTooltip([], 5)).toBe('');
  });

  it('is empty when no week had anyone active or going dormant, but not when weeks are withheld', () => {
    const quiet = { active: 0, new: 0, retained: 0, reactivated: 0, dormant: 0, netChange: 0 };
    expect(isEmptyLifecycle({ ...lifecycle, weeks: [] })).toBe(true);
    expect(isEmptyLifecycle({ ...lifecycle, weeks: [{ week: '2026-04-06', ...quiet }] })).toBe(true);
    // everyone of last week went quiet: 0 active, 7 dormant is a story, not an empty chart
    expect(
      isEmptyLifecycle({
        ...lifecycle,
        weeks: [{ week: '2026-04-06', ...quiet, dormant: 7, netChange: -7 }],
      }),
    ).toBe(false);
    const withheld = { ...quiet, active: null, dormant: null, netChange: null };
    expect(isEmptyLifecycle({ ...lifecycle, weeks: [{ week: '2026-04-06', ...withheld }] })).toBe(false);
    expect(isEmptyLifecycle(lifecycle)).toBe(false);
  });
});
