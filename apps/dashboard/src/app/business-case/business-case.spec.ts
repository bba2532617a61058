import {
  baselineText,
  costRows,
  effectChartOption,
  effectFigures,
  effectWeekRows,
  goalMetric,
  goalSentence,
  headlineProblem,
  headlineView,
} from './business-case';
import { activeGoal, emailEffect, emailGoal, emptyReport, newGoal, report, tooFewEffect } from './fixtures';

describe('headlineView', () => {
  it('formats value, ROI and payback with their p10–p90 ranges (fixtures.ts works them out)', () => {
    expect(headlineView(report)).toEqual({
      currency: 'EUR',
      valueToDate: { value: '€21,006', range: '€16,504 – €25,507' },
      valuePerYear: { value: '€84,022', range: '€66,018 – €102,027' },
      // 1.2111 → 121%, 0.7373 → 74%, 1.6849 → 168%
      roi: { value: '121%', range: '74% – 168%' },
      payback: { value: 'month 6', range: 'month 5 – month 8' },
      measuredPerYear: '€84,022',
      assumedPerYear: '€50,000',
      monthsElapsed: '3',
      rangeMethod: 'sum of the goals’ 10th and 90th percentiles (wider than a joint range)',
    });
  });

  it('says "not within" the horizon for a payback beyond it, and negative ROIs with a real minus', () => {
    const totals = {
      ...report.totals!,
      roi: { estimate: -0.2, p10: -0.5, p90: 0.1 },
      paybackMonth: { estimate: null, p10: 20, p90: null },
      assumedValuePerYear: null,
    };
    const view = headlineView({ ...report, totals, monthsElapsed: 10.841889 })!;
    expect(view.monthsElapsed).toBe('10.8');
    expect(view.roi).toEqual({ value: '\u221220%', range: '\u221250% – 10%' });
    expect(view.payback).toEqual({ value: 'not within 24 months', range: 'month 20 – not within 24 months' });
    expect(view.assumedPerYear).toBe('no assumption set');
  });

  it('is null without totals, and the problem says why', () => {
    expect(headlineView(emptyReport)).toBeNull();
    expect(headlineProblem(emptyReport)).toBe('Set the programme cost to see ROI and payback.');
    expect(headlineProblem({ ...emptyReport, plan: null })).toContain('no rollout plan');
    expect(headlineProblem({ ...emptyReport, cost: report.cost })).toBe('There are no goals yet.');
    expect(headlineProblem({ ...report, totals: null, currency: null })).toContain('different currencies');
  });
});

describe('costRows', () => {
  it('lists the breakdown in the currency', () => {
    expect(costRows(report.costBreakdown!, 'EUR')).toEqual([
      { label: 'Licences (seats × price × months)', amount: '€48,000' },
      { label: 'One-off costs', amount: '€10,000' },
      { label: 'People’s time (training and champions)', amount: '€18,000' },
      { label: 'Total over the horizon', amount: '€76,000' },
      { label: 'Paid up front (month 1)', amount: '€28,000' },
      { label: 'Licences per month', amount: '€2,000' },
    ]);
  });
});

describe('goals', () => {
  it('builds each goal’s sentence from its phase, metric, comparison and value', () => {
    expect(goalSentence(emailGoal)).toBe(
      'In the pilot, people sent 14% fewer e-mails a week than comparable colleagues (95% interval 9–19%), worth about €84,000 a year.',
    );
    expect(goalSentence(activeGoal)).toBe(
      'In the “Wave 1” phase, there is no estimate yet: fewer than 5 people in the treated or the comparison group have data both before and after the start.',
    );
    expect(goalSentence(newGoal)).toBe('The goal has no measurement yet.');
  });

  it('reads the e-mail goal’s own KPI from the usage report', () => {
    expect(goalMetric({ kpi: 'emails_sent_per_person_per_week', measurement: null })).toBe(
      'usage:email.sent',
    );
    expect(goalMetric(activeGoal)).toBe('weekly_active_rate');
    expect(goalMetric(emailGoal)).toBe('usage:email.sent');
  });

  it('describes the frozen baseline, hidden when it rests on too few people', () => {
    expect(baselineText(emailGoal, 5)).toBe(
      '20.04 e-mails · 7 weeks from 5 Jan 2026 to 1 Mar 2026 (1 without a value)',
    );
    expect(baselineText(activeGoal, 5)).toBe(
      'hidden (< 5 people) · 0 weeks from 5 Jan 2026 to 1 Mar 2026 (8 without a value)',
    );
    expect(baselineText(newGoal, 5)).toBeNull();
  });
});

describe('effects', () => {
  it('gives the figures of an estimable effect', () => {
    expect(effectFigures(emailEffect)).toEqual({
      absolute: '\u22122.80 (95% interval \u22123.80 to \u22121.80) per person per week',
      relative: '\u221214% (\u221219% to \u22129%)',
      significant: 'Yes: the 95% interval excludes no change',
      treatedPeople: '120',
      comparisonPeople: '118',
      comparison: 'comparable colleagues',
      trendWarning: null,
      windows: 'Before: 5 Jan 2026 – 1 Mar 2026 · after: 2 Mar 2026 – 29 Mar 2026',
      bootstrap: '1,000 bootstrap replicates (person-level cluster bootstrap, expanded percentile interval)',
    });
  });

  it('warns when the trends were not parallel or not checked, and hides groups below k', () => {
    const drifting = {
      ...emailEffect,
      parallelTrends: {
        ...emailEffect.parallelTrends,
        flat: false,
        warning: 'The gap grew by 1.2 before the start.',
      },
    };
    expect(effectFigures(drifting).trendWarning).toBe('The gap grew by 1.2 before the start.');
    const figures = effectFigures(tooFewEffect);
    expect(figures.trendWarning).toContain('Fewer than 3 weeks before the start');
    expect(figures.treatedPeople).toBe('hidden (< 5 people)');
    expect(figures.absolute).toBe('hidden (< 5 people)');
    expect(figures.relative).toBeNull();
    expect(figures.comparison).toBe('the rest of the organisation');
  });

  it('lists the weeks, hidden ones with the reason, the weeks from the start marked as after', () => {
    expect(effectWeekRows(emailEffect)).toEqual([
      { week: '2026-02-16', treated: '20.1', comparison: '19', after: false },
      { week: '2026-02-23', treated: '19.9', comparison: '19.1', after: false },
      { week: '2026-03-02', treated: '17.6', comparison: 'hidden (< 5 people)', after: true },
      { week: '2026-03-09', treated: '17.4', comparison: '19.3', after: true },
    ]);
    expect(effectWeekRows(tooFewEffect)).toEqual([]);
  });

  it('draws both groups over the weeks with the start as a vertical line and hidden weeks as gaps', () => {
    const option = effectChartOption(
      emailEffect,
      { treated: 'Pilot', comparison: 'comparable colleagues' },
      'usage:email.sent',
    ) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[]; markLine?: { data: { xAxis: string }[] } }[];
    };
    expect(option.xAxis.data).toEqual(['2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09']);
    expect(option.series.map((series) => series.name)).toEqual(['Pilot', 'comparable colleagues']);
    expect(option.series[0].data).toEqual([20.1, 19.9, 17.6, 17.4]);
    expect(option.series[1].data).toEqual([19, 19.1, null, 19.3]);
    expect(option.series[0].markLine?.data).toEqual([{ name: 'Start', xAxis: '2026-03-02' }]);
  });
});
