import {
  defaultOperator,
  describeCriterion,
  forecastText,
  formatComparisonValue,
  formatDifference,
  formatInterval,
  formatMetricValue,
  gateStatusLook,
  metricLabel,
  suppressedText,
  thresholdForInput,
  thresholdFromInput,
} from './gates';

describe('describeCriterion', () => {
  it('reads a share criterion in % with its weeks', () => {
    expect(
      describeCriterion({
        metric: 'weekly_active_rate',
        operator: '>=',
        threshold: 0.4,
        consecutiveWeeks: 4,
      }),
    ).toBe('Weekly active / eligible ≥ 40% for 4 weeks in a row');
  });

  it('reads an hours criterion with "h" and one week as the latest week', () => {
    expect(
      describeCriterion({
        metric: 'median_hours_to_first_response',
        operator: '<=',
        threshold: 4,
        consecutiveWeeks: 1,
      }),
    ).toBe('Median time to first reply ≤ 4 h in the latest week');
  });
});

describe('formatMetricValue', () => {
  it('shows shares in % with one decimal, hours in h, and nothing as a dash (never 0)', () => {
    expect(formatMetricValue('adoption_rate', 0.4123)).toBe('41.2%');
    expect(formatMetricValue('adoption_rate', 0)).toBe('0%');
    expect(formatMetricValue('median_hours_to_first_response', 2.345)).toBe('2.3 h');
    expect(formatMetricValue('adoption_rate', null)).toBe('–');
  });
});

describe('thresholds entered in %', () => {
  it('turns % into fractions for share metrics without floating-point noise', () => {
    expect(thresholdFromInput('weekly_active_rate', 40)).toBe(0.4);
    expect(thresholdFromInput('weekly_active_rate', 7)).toBe(0.07);
    expect(thresholdFromInput('weekly_active_rate', 12.5)).toBe(0.125);
    expect(thresholdFromInput('median_hours_to_first_response', 6)).toBe(6);
  });

  it('shows stored fractions back in %', () => {
    expect(thresholdForInput('contributor_share', 0.07)).toBe(7);
    expect(thresholdForInput('contributor_share', 0.125)).toBe(12.5);
    expect(thresholdForInput('median_hours_to_first_response', 6)).toBe(6);
  });
});

describe('differences between populations', () => {
  it('signs percentage points and hours', () => {
    expect(formatDifference('share', 0.123)).toBe('+12.3 pp');
    expect(formatDifference('share', -0.05)).toBe('−5 pp');
    expect(formatDifference('hours', -1.26)).toBe('−1.3 h');
    expect(formatDifference('share', 0)).toBe('±0 pp');
    expect(formatDifference('share', null)).toBe('–');
  });

  it('gives the 95% interval only when both ends are known', () => {
    expect(formatInterval('share', 0.05, 0.2)).toBe('95% interval +5 pp to +20 pp');
    expect(formatInterval('share', null, 0.2)).toBeNull();
    expect(formatComparisonValue('share', 0.5)).toBe('50%');
    expect(formatComparisonValue('hours', 3.04)).toBe('3 h');
  });
});

describe('status looks', () => {
  it('maps every gate status to a label and tone, and a missing evaluation to "Not evaluated"', () => {
    expect(gateStatusLook('pass')).toEqual({ label: 'Passing', tone: 'good' });
    expect(gateStatusLook('at-risk')).toEqual({ label: 'At risk', tone: 'warn' });
    expect(gateStatusLook('fail')).toEqual({ label: 'Failing', tone: 'bad' });
    expect(gateStatusLook('no-data')).toEqual({ label: 'No data', tone: 'none' });
    expect(gateStatusLook(null)).toEqual({ label: 'Not evaluated', tone: 'none' });
  });
});

describe('forecastText and suppressedText', () => {
  it('names the forecast method, or says why there is no date', () => {
    expect(forecastText({ status: 'at-risk', forecastDate: '2026-04-06', forecastMethod: 'bass' })).toBe(
      '2026-04-06 (adoption curve fit)',
    );
    expect(forecastText({ status: 'fail', forecastDate: '2026-05-04', forecastMethod: 'trend' })).toBe(
      '2026-05-04 (linear trend)',
    );
    expect(forecastText({ status: 'pass', forecastDate: null, forecastMethod: null })).toBe('Already met');
    expect(forecastText({ status: 'fail', forecastDate: null, forecastMethod: null })).toBe('Not expected');
  });

  it('says hidden with the privacy minimum', () => {
    expect(suppressedText({ code: 'below-k', minGroupSize: 5 })).toBe('hidden (< 5 people)');
  });
});

describe('measured-effect criteria', () => {
  const criterion = {
    metric: 'measured_effect' as const,
    operator: '<=' as const,
    threshold: -0.1,
    consecutiveWeeks: 1,
    effect: {
      metric: 'usage:email.sent',
      comparison: 'matched' as const,
      preWeeks: 8,
      requireSignificant: true,
    },
  };

  it('reads as the effect it tests, in % of the pre-period mean', () => {
    expect(describeCriterion(criterion)).toBe(
      'Effect on usage:email.sent vs matched colleagues ≤ -10%, 95% interval excluding 0',
    );
  });

  it('is typed in % and wants "at most" by default', () => {
    expect(thresholdFromInput('measured_effect', -10)).toBe(-0.1);
    expect(defaultOperator('measured_effect')).toBe('<=');
    expect(metricLabel('measured_effect')).toContain('Measured effect');
  });
});
