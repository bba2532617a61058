import { ADOPTER_CATEGORIES, adopterCategories, IDEAL_ADOPTER_SHARES } from './adopter-categories';

/** Written independently of the implementation: the calendar day `days` after 2026-03-15. */
function dayAfterMean(days: number): string {
  const date = new Date(Date.UTC(2026, 2, 15 + days));
  return date.toISOString().slice(0, 10);
}

/*
 * Fixture: 20 adopters, given as their distance in days from 2026-03-15:
 *   −11, −10, −5, −5, −3, −2, −2, −1, −1, 0, 0, 1, 3, 3, 3, 5, 6, 6, 6, 7
 * Sum of the distances: −(11+10+5+5+3+2+2+1+1) + (1+3+3+3+5+6+6+6+7) = −40 + 40 = 0, so the mean is
 * 2026-03-15 itself.
 * Sum of squares: 121+100+25+25+9+4+4+1+1+0+0+1+9+9+9+25+36+36+36+49 = 500; variance 500/20 = 25; sd = 5.
 * Boundaries (distance from the mean): −2sd = −10, −sd = −5, mean = 0, +sd = +5.
 *   innovators      d < −10         −11                           → 1
 *   early adopters  −10 ≤ d < −5    −10 (tie on −2sd)              → 1
 *   early majority  −5 ≤ d < 0      −5, −5 (ties on −sd), −3, −2, −2, −1, −1   → 7
 *   late majority   0 ≤ d ≤ 5       0, 0 (ties on the mean), 1, 3, 3, 3, 5 (tie on +sd)   → 7
 *   laggards        d > 5           6, 6, 6, 7                     → 4
 */
const DISTANCES = [-11, -10, -5, -5, -3, -2, -2, -1, -1, 0, 0, 1, 3, 3, 3, 5, 6, 6, 6, 7];
const FIXTURE = DISTANCES.map((distance, index) => ({
  key: `person-${index}`,
  adoptedOn: dayAfterMean(distance),
}));

describe('adopterCategories', () => {
  it('splits a hand-computed fixture (mean 2026-03-15, sd 5 days) by distance from the mean', () => {
    const result = adopterCategories(FIXTURE);

    expect(result.adopters).toBe(20);
    expect(result.meanDay).toBe('2026-03-15');
    expect(result.standardDeviationDays).toBe(5);
    expect(result.degenerate).toBeNull();
    expect(ADOPTER_CATEGORIES.map((category) => result.categories[category].count)).toEqual([1, 1, 7, 7, 4]);
    expect(ADOPTER_CATEGORIES.map((category) => result.categories[category].share)).toEqual([
      0.05, 0.05, 0.35, 0.35, 0.2,
    ]);
  });

  it('puts boundary days in the category nearer the mean, the mean itself in the late majority', () => {
    const { categoryOf } = adopterCategories(FIXTURE);
    const categoryAt = (distance: number) => categoryOf.get(`person-${DISTANCES.indexOf(distance)}`);

    expect(categoryAt(-11)).toBe('innovators');
    expect(categoryAt(-10)).toBe('earlyAdopters'); // on mean − 2sd
    expect(categoryAt(-5)).toBe('earlyMajority'); // on mean − sd
    expect(categoryAt(0)).toBe('lateMajority'); // on the mean
    expect(categoryAt(5)).toBe('lateMajority'); // on mean + sd
    expect(categoryAt(6)).toBe('laggards');
    expect(categoryOf.size).toBe(20);
  });

  it('reports boundaries, observed first/last days and the day windows of each category', () => {
    const result = adopterCategories(FIXTURE);

    expect(result.boundaries).toEqual([
      { sigmas: -2, day: dayAfterMean(-10), offsetDays: -10 },
      { sigmas: -1, day: dayAfterMean(-5), offsetDays: -5 },
      { sigmas: 0, day: dayAfterMean(0), offsetDays: 0 },
      { sigmas: 1, day: dayAfterMean(5), offsetDays: 5 },
    ]);
    expect(result.categories.innovators).toMatchObject({
      firstAdoption: '2026-03-04',
      lastAdoption: '2026-03-04',
      window: { from: null, to: '2026-03-04' },
    });
    expect(result.categories.earlyAdopters).toMatchObject({
      firstAdoption: '2026-03-05',
      lastAdoption: '2026-03-05',
      window: { from: '2026-03-05', to: '2026-03-09' },
    });
    expect(result.categories.earlyMajority).toMatchObject({
      firstAdoption: '2026-03-10',
      lastAdoption: '2026-03-14',
      window: { from: '2026-03-10', to: '2026-03-14' },
    });
    expect(result.categories.lateMajority).toMatchObject({
      firstAdoption: '2026-03-15',
      lastAdoption: '2026-03-20',
      window: { from: '2026-03-15', to: '2026-03-20' },
    });
    expect(result.categories.laggards).toMatchObject({
      firstAdoption: '2026-03-21',
      lastAdoption: '2026-03-22',
      window: { from: '2026-03-21', to: null },
    });
  });

  it('places a fractional boundary between days without a tie', () => {
    // Days 0, 0, 1, 3 (from 2026-01-01): mean 4/4 = 1; squares 1+1+0+4 = 6; variance 1.5; sd ≈ 1.2247.
    // mean − sd ≈ −0.22, mean + sd ≈ 2.22, mean − 2sd ≈ −1.45: days 0 → early majority, 1 → late
    // majority, 3 → laggard, nobody before −1.45.
    const result = adopterCategories([
      { key: 'a', adoptedOn: '2026-01-01' },
      { key: 'b', adoptedOn: '2026-01-01' },
      { key: 'c', adoptedOn: '2026-01-02' },
      { key: 'd', adoptedOn: '2026-01-04' },
    ]);
    expect(ADOPTER_CATEGORIES.map((category) => result.categories[category].count)).toEqual([0, 0, 2, 1, 1]);
    expect(result.standardDeviationDays).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(result.categories.lateMajority.window).toEqual({ from: '2026-01-02', to: '2026-01-03' });
    // mean − 2sd ≈ −1.45 and mean − sd ≈ −0.22: early adopters cover day −1 (2025-12-31) only.
    expect(result.categories.earlyAdopters.window).toEqual({ from: '2025-12-31', to: '2025-12-31' });
  });

  it('returns zero counts and null dates without adopters', () => {
    const result = adopterCategories([]);
    expect(result.adopters).toBe(0);
    expect(result.degenerate).toBe('no-adopters');
    expect(result.meanDay).toBeNull();
    expect(result.standardDeviationDays).toBeNull();
    expect(result.categoryOf.size).toBe(0);
    for (const category of ADOPTER_CATEGORIES) {
      expect(result.categories[category]).toMatchObject({
        count: 0,
        share: 0,
        firstAdoption: null,
        window: null,
      });
    }
  });

  it('puts a single adopter, who sits on the mean, in the late majority', () => {
    const result = adopterCategories([{ key: 'only', adoptedOn: '2026-05-01' }]);
    expect(result.degenerate).toBe('no-spread');
    expect(result.standardDeviationDays).toBe(0);
    expect(result.categoryOf.get('only')).toBe('lateMajority');
    expect(result.categories.lateMajority).toMatchObject({
      count: 1,
      share: 1,
      window: { from: '2026-05-01', to: '2026-05-01' },
    });
  });

  it('puts everybody in the late majority when all adopt on the same day (sd = 0)', () => {
    const result = adopterCategories(['a', 'b', 'c'].map((key) => ({ key, adoptedOn: '2026-05-01' })));
    expect(result.degenerate).toBe('no-spread');
    expect(ADOPTER_CATEGORIES.map((category) => result.categories[category].count)).toEqual([0, 0, 0, 3, 0]);
  });

  it('rejects malformed days and repeated adopters with a message naming the adopter', () => {
    expect(() => adopterCategories([{ key: 'x', adoptedOn: '2026-02-30' }])).toThrow(
      'adopterCategories: adopter "x" has adoptedOn "2026-02-30", expected a YYYY-MM-DD date',
    );
    expect(() => adopterCategories([{ key: 'x', adoptedOn: '1.3.2026' }])).toThrow(
      /expected a YYYY-MM-DD date/,
    );
    expect(() =>
      adopterCategories([
        { key: 'x', adoptedOn: '2026-03-01' },
        { key: 'x', adoptedOn: '2026-03-02' },
      ]),
    ).toThrow('adopterCategories: adopter "x" appears more than once');
  });

  it('exports ideal shares that sum to one', () => {
    const total = ADOPTER_CATEGORIES.reduce((sum, category) => sum + IDEAL_ADOPTER_SHARES[category], 0);
    expect(total).toBeCloseTo(1, 12);
  });
});
