import { engagement } from './adoption.fixtures';
import {
  engagementRatesOption,
  isEmptyEngagement,
  latestEngagement,
  responsivenessOption,
} from './engagement';

type Series = { name: string; data: (number | null)[]; yAxisIndex?: number };

describe('engagement', () => {
  it('draws one line per rate, with gaps for withheld periods', () => {
    const option = engagementRatesOption(engagement) as { series: Series[] };
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Posts per active person', [0.2, null]],
      ['Replies per active person', [0.5, null]],
      ['Reactions per active person', [2, null]],
    ]);
  });

  it('shows answered threads in percent and the median hours on the second axis', () => {
    const option = responsivenessOption(engagement) as { series: Series[] };
    expect(option.series[0].data).toEqual([80, null]);
    expect(option.series[1]).toMatchObject({ yAxisIndex: 1, data: [6.5, null] });
  });

  it('headlines the latest period with people active', () => {
    expect(latestEngagement(engagement)?.start).toBe('2026-04-06');
    expect(latestEngagement({ ...engagement, points: [engagement.points[1]] })).toBeNull();
  });

  it('is empty when nobody was active in any period', () => {
    expect(isEmptyEngagement(engagement)).toBe(false);
    expect(isEmptyEngagement({ ...engagement, points: [{ ...engagement.points[0], active: 0 }] })).toBe(true);
  });
});
