import { annualValueTotal, formatGoalValue, goalRow, sparklinePath } from './goals';
import { goal } from './test-data';

describe('formatGoalValue', () => {
  it('shows shares as %, hours as h and the rest with the goal unit', () => {
    expect(formatGoalValue({ kpi: 'adoption_rate', unit: '' }, 0.42)).toBe('42%');
    expect(formatGoalValue({ kpi: 'median_hours_to_first_response', unit: 'h' }, 3.25)).toBe('3.3 h');
    expect(formatGoalValue({ kpi: 'emails_sent_per_person_per_week', unit: 'e-mails' }, 31.26)).toBe(
      '31.3 e-mails',
    );
  });
});

describe('goalRow', () => {
  it('formats progress, status, dates and value', () => {
    expect(goalRow(goal())).toMatchObject({
      current: '40%',
      baseline: '10%',
      target: '50%',
      progressPercent: 75,
      status: { key: 'on-track', label: 'On track', tone: 'good' },
      projected: '20 Apr 2026',
      deadline: '30 Jun 2026',
      late: false,
      annualValue: '€92,400 · 1,540 h/year',
    });
  });

  it('clamps the bar, flags a projection after the deadline and handles a goal without data', () => {
    const late = goal({
      progress: { ...goal().progress, progress: 1.4, projectedDate: '2026-09-01', status: 'at-risk' },
    });
    expect(goalRow(late)).toMatchObject({ progressPercent: 100, late: true, status: { tone: 'warn' } });
    const empty = goal({
      annualValue: null,
      progress: {
        ...goal().progress,
        current: null,
        progress: null,
        projectedDate: null,
        status: 'no-data',
        series: [],
      },
    });
    expect(goalRow(empty)).toMatchObject({
      current: null,
      progressPercent: null,
      projected: null,
      sparkline: '',
      annualValue: null,
      status: { label: 'No data' },
    });
  });
});

describe('sparklinePath', () => {
  it('scales between min and max and breaks the line at hidden weeks', () => {
    // 4 values over width 90: x = 0, 30, 60, 90; min 1, max 3, height 24 with 2 px padding: y = 2 + (1 - t) * 20
    expect(sparklinePath([1, 3, null, 2], 90, 24)).toBe('M0 22 L30 2 M90 12');
  });

  it('draws a flat series in the middle and nothing without values', () => {
    expect(sparklinePath([5, 5], 10, 20)).toBe('M0 10 L10 10');
    expect(sparklinePath([null, null], 10, 20)).toBe('');
  });
});

describe('annualValueTotal', () => {
  it('adds amounts per currency (never converting) and hours, ignoring goals without a value model', () => {
    const total = annualValueTotal([
      goal({ id: 'a' }),
      goal({
        id: 'b',
        annualValue: {
          activePeople: 10,
          hoursPerPersonPerYear: 10,
          hoursPerYear: 100,
          amount: 7600,
          currency: 'EUR',
          hourlyCost: 76,
          workingDaysPerYear: 220,
        },
      }),
      goal({
        id: 'c',
        annualValue: {
          activePeople: 5,
          hoursPerPersonPerYear: 20,
          hoursPerYear: 100.4,
          amount: 3000,
          currency: 'USD',
          hourlyCost: 30,
          workingDaysPerYear: 220,
        },
      }),
      goal({ id: 'd', annualValue: null }),
    ])!;
    expect(total.amounts).toEqual([
      { currency: 'EUR', amount: 100000, formatted: '€100,000' }, // 92,400 + 7,600
      { currency: 'USD', amount: 3000, formatted: '$3,000' },
    ]);
    expect(total.hoursPerYear).toBeCloseTo(1740.4); // 1540 + 100 + 100.4
    expect(total.formattedHours).toBe('1,740 h/year');
    expect(total.goalsValued).toBe(3);
  });

  it('is null when no goal has a value model', () => {
    expect(annualValueTotal([goal({ annualValue: null })])).toBeNull();
    expect(annualValueTotal([])).toBeNull();
  });
});
