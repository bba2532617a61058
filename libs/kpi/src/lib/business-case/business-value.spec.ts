import { businessValueReportSchema, type ProgrammeCost, type ValueAssumptions } from '@uptake/contracts';
import {
  businessValue,
  hoursPerPersonPerYear,
  paybackMonth,
  programmeCost,
  roiOf,
  valuePerYear,
  valueToDate,
} from './business-value';

/*
 * 3 minutes per e-mail, fewer e-mails are the saving, 100 people, 44 working weeks, €60 an hour.
 * An effect of −5 e-mails a week: 5 × 3 × 44 / 60 = 11 hours a person a year; × 100 × 60 = €66,000 a year.
 */
const assumptions: ValueAssumptions = {
  minutesPerUnit: 3,
  lowerIsBetter: true,
  people: 100,
  workingWeeksPerYear: 44,
  hourlyCost: 60,
  currency: 'EUR',
};

/*
 * Licences 5 × 100 seats × 12 months = 6,000; one-off 10,000; (100 + 50) hours × 60 = 9,000 of people's
 * time. Up front 19,000, 500 a month, 25,000 in total.
 */
const cost: ProgrammeCost = {
  licencePerSeatPerMonth: 5,
  seats: 100,
  months: 12,
  oneOffCosts: 10_000,
  trainingHours: 100,
  championHours: 50,
};

describe('value of an effect', () => {
  it('turns e-mails per person per week into hours and money a year', () => {
    expect(hoursPerPersonPerYear(-5, assumptions)).toBeCloseTo(11);
    expect(valuePerYear(-5, assumptions)).toBeCloseTo(66_000);
    // more e-mails is time lost: −€66,000
    expect(valuePerYear(5, assumptions)).toBeCloseTo(-66_000);
    // when more units are the value (e.g. answers given), the sign turns
    expect(valuePerYear(5, { ...assumptions, lowerIsBetter: false })).toBeCloseTo(66_000);
  });
});

describe('programme cost, ROI and payback', () => {
  const breakdown = programmeCost(cost, 60);

  it('adds licences, one-off costs and people’s time', () => {
    expect(breakdown).toEqual({
      licences: 6_000,
      oneOff: 10_000,
      peopleTime: 9_000,
      total: 25_000,
      upfront: 19_000,
      monthly: 500,
    });
    expect(() => programmeCost({ ...cost, months: 121 }, 60)).toThrow(RangeError);
  });

  it('computes ROI over the horizon', () => {
    // (66,000 − 25,000) / 25,000 = 1.64
    expect(roiOf(66_000, breakdown, 12)).toBeCloseTo(1.64);
    expect(
      roiOf(
        66_000,
        programmeCost(
          { ...cost, licencePerSeatPerMonth: 0, oneOffCosts: 0, trainingHours: 0, championHours: 0 },
          60,
        ),
        12,
      ),
    ).toBeNull();
  });

  it('finds the first month whose cumulative value reaches the cumulative cost', () => {
    // 5,500 a month against 19,000 + 500 a month: month 3 has 16,500 < 20,500, month 4 has 22,000 ≥ 21,000
    expect(paybackMonth(66_000, breakdown, 12)).toBe(4);
    // 1,100 a month: 600 m ≥ 19,000 needs m ≥ 31.7, beyond the 12 months
    expect(paybackMonth(13_200, breakdown, 12)).toBeNull();
    expect(paybackMonth(13_200, breakdown, 36)).toBe(32);
    expect(paybackMonth(-66_000, breakdown, 12)).toBeNull();
    const free = programmeCost(
      { ...cost, licencePerSeatPerMonth: 0, oneOffCosts: 0, trainingHours: 0, championHours: 0 },
      60,
    );
    expect(paybackMonth(0, free, 12)).toBe(1);
  });

  it('accrues value to date pro rata, over at most the horizon', () => {
    expect(valueToDate(66_000, 6, 12)).toBeCloseTo(33_000);
    expect(valueToDate(66_000, 1.5, 12)).toBeCloseTo(8_250);
    expect(valueToDate(66_000, 30, 12)).toBeCloseTo(66_000);
    expect(valueToDate(66_000, -1, 12)).toBe(0);
  });
});

describe('businessValue', () => {
  // 19 replicates −0.5, −1.0, …, −9.5: each half e-mail is €6,600 a year (and 1.1 hours a person).
  // p10 at rank (19 + 1) × 0.1 = 2: −1.0 → €13,200; p90 at rank 18: −9.0 → €118,800.
  const replicateEffects = Float64Array.from({ length: 19 }, (_, i) => -0.5 * (i + 1));
  const effect = {
    estimable: true,
    effect: { estimate: -5, low: -9.5, high: -0.5, p10: -9, p90: -1 },
    replicateEffects,
  };
  const report = businessValue({
    effect,
    assumptions,
    cost,
    monthsElapsed: 6,
    assumed: {
      model: {
        kind: 'time-saved',
        minutesPerActivePersonPerDay: 5,
        hourlyCost: 60,
        currency: 'EUR',
        workingDaysPerYear: 220,
      },
      activePeople: 100,
    },
  });

  it('gives the measured value with its p10–p90 range from the replicates', () => {
    expect(report).toMatchObject({
      label: 'observational estimate',
      currency: 'EUR',
      horizonMonths: 12,
      monthsElapsed: 6,
    });
    const measured = report.measured!;
    expect(measured.hoursPerPersonPerYear.estimate).toBeCloseTo(11);
    expect(measured.hoursPerPersonPerYear.p10).toBeCloseTo(2.2);
    expect(measured.hoursPerPersonPerYear.p90).toBeCloseTo(19.8);
    expect(measured.valuePerYear.estimate).toBeCloseTo(66_000);
    expect(measured.valuePerYear.p10).toBeCloseTo(13_200);
    expect(measured.valuePerYear.p90).toBeCloseTo(118_800);
    // value to date over 6 months: half of each
    expect(measured.valueToDate.estimate).toBeCloseTo(33_000);
    expect(measured.valueToDate.p10).toBeCloseTo(6_600);
    expect(measured.valueToDate.p90).toBeCloseTo(59_400);
    // ROI: (13,200 − 25,000) / 25,000 = −0.472; (118,800 − 25,000) / 25,000 = 3.752
    expect(measured.roi.estimate).toBeCloseTo(1.64);
    expect(measured.roi.p10).toBeCloseTo(-0.472);
    expect(measured.roi.p90).toBeCloseTo(3.752);
    expect(businessValueReportSchema.parse(report)).toEqual(report);
  });

  it('reads the payback range the other way round: a high value pays back early', () => {
    // at €118,800 (9,900 a month): month 2 has 19,800 < 20,000, month 3 has 29,700 ≥ 20,500 → p10 = 3;
    // at €13,200 it does not pay back within 12 months → p90 = null
    expect(report.measured!.paybackMonth).toEqual({ estimate: 4, p10: 3, p90: null });
  });

  it('puts the assumed value beside the measured one', () => {
    // 5 minutes a day × 220 days / 60 = 18.33 hours; × 100 people × 60 = €110,000; ROI 85,000 / 25,000 = 3.4;
    // 9,166.67 a month: month 2 has 18,333 < 20,000, month 3 has 27,500 ≥ 20,500; to date 6/12 → €55,000
    const assumed = report.assumed!;
    expect(assumed.activePeople).toBe(100);
    expect(assumed.hoursPerPersonPerYear).toBeCloseTo(18.333, 3);
    expect(assumed.valuePerYear).toBeCloseTo(110_000);
    expect(assumed.roi).toBeCloseTo(3.4);
    expect(assumed.paybackMonth).toBe(3);
    expect(assumed.valueToDate).toBeCloseTo(55_000);
  });

  it('has no measured value without an estimable effect, and refuses mixed currencies', () => {
    const none = businessValue({
      effect: { ...effect, estimable: false, replicateEffects: new Float64Array(0) },
      assumptions,
      cost,
      monthsElapsed: 0,
    });
    expect(none.measured).toBeNull();
    expect(none.assumed).toBeNull();
    expect(none.cost.total).toBe(25_000);
    expect(businessValue({ effect: null, assumptions, cost, monthsElapsed: 0 }).measured).toBeNull();
    expect(() =>
      businessValue({
        effect,
        assumptions,
        cost,
        monthsElapsed: 0,
        assumed: {
          model: {
            kind: 'time-saved',
            minutesPerActivePersonPerDay: 5,
            hourlyCost: 60,
            currency: 'USD',
            workingDaysPerYear: 220,
          },
          activePeople: 10,
        },
      }),
    ).toThrow('USD');
  });
});
