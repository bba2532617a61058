import { annualValue, goalProgress, resolveValueModel } from './business-goals';

const weeks = (values: (number | null)[]) =>
  values.map((value, index) => ({
    week: ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'][index],
    value,
  }));

describe('goalProgress', () => {
  it('measures progress from baseline to target and projects the trend to the target', () => {
    // +0.1 a week; 0.3 is halfway from 0 to 0.6; 3 more weeks after the week of 03-16 -> Sunday 04-12
    const result = goalProgress({ baseline: 0, target: 0.6, deadline: '2026-05-01' }, weeks([0.1, 0.2, 0.3]));
    expect(result).toMatchObject({ current: 0.3, currentWeek: '2026-03-16', projectedDate: '2026-04-12' });
    expect(result.progress).toBeCloseTo(0.5);
    expect(result.trendPerWeek).toBeCloseTo(0.1);
    expect(result.status).toBe('on-track');
    expect(
      goalProgress({ baseline: 0, target: 0.6, deadline: '2026-04-01' }, weeks([0.1, 0.2, 0.3])).status,
    ).toBe('at-risk');
  });

  it('handles goals that go down (hours to first response from 10 to 4)', () => {
    const result = goalProgress({ baseline: 10, target: 4, deadline: null }, weeks([9, 8, 7]));
    expect(result.progress).toBeCloseTo(0.5);
    expect(result.trendPerWeek).toBeCloseTo(-1);
    expect(result).toMatchObject({ projectedDate: '2026-04-12', status: 'on-track' });
    expect(goalProgress({ baseline: 10, target: 4, deadline: null }, weeks([5, 3.5])).status).toBe(
      'achieved',
    );
  });

  it('says off-track when the trend moves away, and no-data without measurements', () => {
    const away = goalProgress({ baseline: 0, target: 0.6, deadline: null }, weeks([0.3, 0.2, 0.1]));
    expect(away).toMatchObject({ status: 'off-track', projectedDate: null });
    // withheld weeks are skipped: two values are too few for a trend
    const sparse = goalProgress({ baseline: 0, target: 1, deadline: null }, weeks([0.2, null, 0.4, null]));
    expect(sparse).toMatchObject({
      current: 0.4,
      currentWeek: '2026-03-16',
      trendPerWeek: null,
      status: 'off-track',
    });
    expect(goalProgress({ baseline: 0, target: 1, deadline: null }, weeks([null, null])).status).toBe(
      'no-data',
    );
  });
});

describe('annualValue', () => {
  it('values 5 minutes a day as about half a working week a year per active person', () => {
    const value = annualValue(
      {
        kind: 'time-saved',
        minutesPerActivePersonPerDay: 5,
        hourlyCost: 60,
        currency: 'EUR',
        workingDaysPerYear: 220,
      },
      300,
    );
    // 5 x 220 / 60 = 18.33 hours per person; x 300 people = 5,500 hours; x 60 EUR = 330,000 EUR
    expect(value.hoursPerPersonPerYear).toBeCloseTo(18.333, 3);
    expect(value.hoursPerYear).toBeCloseTo(5500);
    expect(value.amount).toBeCloseTo(330_000);
    expect(value.currency).toBe('EUR');
  });
});

describe('resolveValueModel', () => {
  const defaults = { hourlyCost: 45.5, workingDaysPerYear: 200 };
  const base = { kind: 'time-saved', minutesPerActivePersonPerDay: 6, currency: 'EUR' } as const;

  it("takes the organisation's hourly cost and working days when the goal sets neither", () => {
    const model = resolveValueModel(base, defaults);
    expect(model).toEqual({ ...base, hourlyCost: 45.5, workingDaysPerYear: 200 });
    // 6 x 200 / 60 = 20 hours per person; x 10 people = 200 hours; x 45.50 = 9,100
    expect(annualValue(model, 10)).toMatchObject({
      hoursPerYear: 200,
      amount: 9_100,
      hourlyCost: 45.5,
      workingDaysPerYear: 200,
    });
  });

  it("keeps the goal's own figures, also an hourly cost of 0", () => {
    expect(resolveValueModel({ ...base, hourlyCost: 0, workingDaysPerYear: 230 }, defaults)).toEqual({
      ...base,
      hourlyCost: 0,
      workingDaysPerYear: 230,
    });
    expect(resolveValueModel({ ...base, hourlyCost: null, workingDaysPerYear: 230 }, defaults)).toMatchObject(
      {
        hourlyCost: 45.5,
        workingDaysPerYear: 230,
      },
    );
  });
});

describe('goalProgress far projections', () => {
  it('does not project a creeping trend past ten years (off track instead of a date outside the calendar)', () => {
    const creeping = [0.1, 0.1000001, 0.1000002].map((value, index) => ({
      week: ['2026-03-02', '2026-03-09', '2026-03-16'][index],
      value,
    }));
    const result = goalProgress({ baseline: 0, target: 0.9, deadline: null }, creeping);
    expect(result).toMatchObject({ projectedDate: null, status: 'off-track' });
  });
});
