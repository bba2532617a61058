import { diffusion } from './adoption.fixtures';
import {
  adopterCategoriesOption,
  bassCumulative,
  dayAtWeek,
  diffusionCurveOption,
  fittedAdopters,
  fittedWeeks,
  fitQuality,
  forecastSentence,
  observedAdopters,
} from './diffusion';

const bass = { p: 0.1, q: 0.4, m: 80 };

describe('Bass curve', () => {
  it('starts at 0 and saturates at the market potential', () => {
    expect(bassCumulative(0, bass)).toBe(0);
    expect(bassCumulative(1000, bass)).toBeCloseTo(80, 6);
  });

  it('matches hand-computed values', () => {
    // t = 1: e^-0.5 = 0.606531; 80 × 0.393469 / (1 + 4 × 0.606531) = 31.47755 / 3.42612 = 9.1875
    expect(bassCumulative(1, bass)).toBeCloseTo(9.1875, 3);
    // t = 2: e^-1 = 0.367879; 80 × 0.632121 / (1 + 4 × 0.367879) = 50.56964 / 2.47152 = 20.461
    expect(bassCumulative(2, bass)).toBeCloseTo(20.461, 2);
  });

  it('dates week t as the Sunday ending it, counted from the launch Monday', () => {
    expect(dayAtWeek('2026-01-05', 0)).toBe('2026-01-04');
    expect(dayAtWeek('2026-01-05', 1)).toBe('2026-01-11');
  });
});

describe('diffusion charts', () => {
  it('sets the actual share of each adopter category against Rogers', () => {
    const option = adopterCategoriesOption(diffusion) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[] }[];
    };
    expect(option.xAxis.data[0]).toBe('Innovators');
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Actual share', [null, 15, 35, 33.3, 13.3]],
      ["Rogers' ideal share", [2.5, 13.5, 34, 34, 16]],
    ]);
  });

  it('plots counted adopters at the end of their week', () => {
    expect(observedAdopters(diffusion)).toEqual([
      ['2026-01-11', 10],
      ['2026-01-18', 30],
      ['2026-01-25', 50],
      ['2026-02-01', 60],
    ]);
  });

  it('draws the fit up to a few weeks past the forecast interval', () => {
    // p90 2026-03-01 is day 55 after the launch: week 8, plus 4 weeks
    expect(fittedWeeks(diffusion)).toBe(12);
    const fitted = fittedAdopters(diffusion);
    expect(fitted).toHaveLength(13);
    expect(fitted.slice(0, 3)).toEqual([
      ['2026-01-04', 0],
      ['2026-01-11', 9.2],
      ['2026-01-18', 20.5],
    ]);
    expect(fittedWeeks({ ...diffusion, forecast: null })).toBe(17);
    expect(fittedAdopters({ ...diffusion, bass: null })).toEqual([]);
  });

  it('marks the target, the forecast date and the p10–p90 band', () => {
    const option = diffusionCurveOption(diffusion) as {
      series: {
        markLine?: { data: { name: string; xAxis?: string; yAxis?: number }[] };
        markArea?: { data: { xAxis: string }[][] };
      }[];
    };
    const fit = option.series[1];
    expect(fit.markLine?.data.map((line) => [line.name, line.xAxis ?? line.yAxis])).toEqual([
      ['Target 70%', 70],
      ['Forecast 15 Feb 2026', '2026-02-15'],
    ]);
    expect(fit.markArea?.data[0].map((edge) => edge.xAxis)).toEqual(['2026-02-08', '2026-03-01']);
  });
});

describe('forecast wording', () => {
  it('gives the date and its interval', () => {
    expect(forecastSentence(diffusion)).toBe(
      '70% of eligible people (70) reached around 15 Feb 2026 (80% interval 8 Feb 2026 – 1 Mar 2026).',
    );
  });

  it('explains a target above the market potential', () => {
    const unreachable = {
      ...diffusion,
      forecast: {
        ...diffusion.forecast!,
        targetShare: 0.9,
        targetAdopters: 90,
        date: null,
        p10: null,
        p90: null,
        reason: 'target-not-below-market-potential',
      },
    };
    expect(forecastSentence(unreachable)).toBe(
      'Not reached at the current pace: the fitted market potential (80 people) stays below 90% of eligible people (90).',
    );
  });

  it("passes on the API's reason when there is no fit", () => {
    expect(
      forecastSentence({ ...diffusion, bass: null, forecast: null, reason: 'nobody has adopted yet' }),
    ).toBe('No forecast: nobody has adopted yet.');
  });

  it('grades the fit', () => {
    expect([fitQuality(0.99), fitQuality(0.9), fitQuality(0.5)]).toEqual(['good', 'fair', 'poor']);
  });
});
