import { firstPost } from './adoption.fixtures';
import {
  answeredByWeekOption,
  differenceInterval,
  differenceText,
  differenceVerdict,
  isEmptyFirstPost,
  rateText,
  retentionComparisonOption,
  retentionRows,
} from './first-post';

describe('first-post view model', () => {
  it('pairs the groups per horizon: both after 4 weeks, then both after 8', () => {
    expect(retentionRows(firstPost).map((row) => [row.label, row.figures.rate])).toEqual([
      ['Answered · week 4', 0.6],
      ['Not answered · week 4', 0.32],
      ['Answered · week 8', 0.5],
      ['Not answered · week 8', null],
    ]);
  });

  it('draws each rate as a bar and its 95% interval as a whisker; withheld rates have neither', () => {
    const option = retentionComparisonOption(firstPost) as {
      yAxis: { data: string[] };
      series: { data: { value: number | null }[]; markLine: { data: { coord: [number, string] }[][] } }[];
    };
    const [bars] = option.series;
    expect(bars.data.map((item) => item.value)).toEqual([60, 32, 50, null]);
    // 0.446 → 44.6%, 0.737 → 73.7%, …
    expect(bars.markLine.data.map(([from, to]) => [from.coord, to.coord])).toEqual([
      [
        [44.6, 'Answered · week 4'],
        [73.7, 'Answered · week 4'],
      ],
      [
        [17.2, 'Not answered · week 4'],
        [51.6, 'Not answered · week 4'],
      ],
      [
        [33.2, 'Answered · week 8'],
        [66.8, 'Answered · week 8'],
      ],
    ]);
  });

  it('writes a rate with its interval and people, or why it is withheld', () => {
    expect(rateText(firstPost.answered.retained4Weeks, 5)).toBe('60.0% (95% CI 44.6%–73.7%, 40 people)');
    expect(rateText({ rate: 0.5, low: null, high: null, people: 30 }, 5)).toBe('50.0% (30 people)');
    expect(rateText(firstPost.unanswered.retained8Weeks, 5)).toBe('hidden (< 5 people)');
  });

  it('writes the difference in points with its interval and what the interval says', () => {
    // 0.28 → +28 pts; 0.04 → +4; 0.48 → +48 (one decimal, trailing zeros dropped)
    expect(differenceText(firstPost.difference4Weeks, 5)).toBe('+28 pts');
    expect(differenceInterval(firstPost.difference4Weeks)).toBe('95% CI +4 to +48 pts');
    expect(differenceText({ difference: -0.125, low: null, high: null }, 5)).toBe('\u221212.5 pts');
    expect(differenceInterval({ difference: -0.125, low: null, high: null })).toBeNull();
    expect(differenceText(firstPost.difference8Weeks, 5)).toBe('hidden (< 5 people)');
    expect(differenceInterval(firstPost.difference8Weeks)).toBeNull();
    expect(differenceVerdict(firstPost.difference4Weeks)).toBe('answered newcomers stay clearly more often');
    expect(differenceVerdict({ difference: 0.05, low: -0.02, high: 0.12 })).toBe(
      'not distinguishable from chance yet',
    );
    expect(differenceVerdict({ difference: -0.1, low: -0.2, high: -0.01 })).toBe(
      'answered newcomers stay clearly less often',
    );
    expect(differenceVerdict(firstPost.difference8Weeks)).toBeNull();
  });

  it('plots the weekly leading indicator in percent with withheld weeks as gaps', () => {
    const option = answeredByWeekOption(firstPost) as {
      xAxis: { data: string[] };
      series: { data: (number | null)[] }[];
      tooltip: { formatter: (items: { dataIndex: number }[]) => string };
    };
    expect(option.xAxis.data).toEqual(['2026-04-06', '2026-04-13', '2026-04-20']);
    // 0.6286 → 62.9
    expect(option.series[0].data).toEqual([60, 62.9, null]);
    expect(option.tooltip.formatter([{ dataIndex: 2 }])).toBe(
      'Week of 2026-04-20<br>Answered within 24 h: hidden (< 5 people)<br>First posts: hidden (< 5 people)',
    );
  });

  it('is empty only when no newcomer posted (withheld groups are not "nobody")', () => {
    const nobody = { ...firstPost.answered, people: 0 };
    expect(isEmptyFirstPost(firstPost)).toBe(false);
    expect(isEmptyFirstPost({ ...firstPost, answered: nobody, unanswered: nobody })).toBe(true);
    expect(
      isEmptyFirstPost({ ...firstPost, answered: nobody, unanswered: { ...nobody, people: null } }),
    ).toBe(false);
  });
});
