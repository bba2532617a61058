import {
  criterionScore,
  criterionSpread,
  bestCaseExplanation,
  bestCaseExplanationDetail,
  rankBestCases,
  type BestCaseCandidate,
  type CriterionValues,
} from './best-case-score';

const values = (overrides: Partial<CriterionValues>): CriterionValues => ({
  healthIndex: null,
  replyCoverage: null,
  medianHoursToFirstReply: null,
  crossDepartmentShare: null,
  growth: null,
  ...overrides,
});
const candidate = (
  name: string,
  active: number,
  criteria: Partial<CriterionValues>,
  kind: 'community' | 'orgUnit' = 'community',
): BestCaseCandidate => ({
  kind,
  id: name,
  name,
  activePeople: { count: active, key: 0 },
  values: values(criteria),
});

describe('best-case scores', () => {
  it('measures a criterion’s spread as the standard deviation of the known values, with a floor', () => {
    // 0.2 0.4 0.6: mean 0.4, variance (0.04 + 0 + 0.04) / 3
    expect(criterionSpread([0.2, null, 0.4, 0.6], 0.05)).toBeCloseTo(Math.sqrt(0.08 / 3), 12);
    expect(criterionSpread([0.5, 0.5, 0.5], 0.05)).toBe(0.05);
    expect(criterionSpread([0.5, 0.51], 0.05)).toBe(0.05); // sd 0.005 is below the floor
    expect(criterionSpread([0.9], 0.05)).toBe(0.05);
    expect(criterionSpread([], 4)).toBe(4);
  });

  it('scores better-than-the-organisation as positive, and lower hours as better', () => {
    expect(criterionScore('replyCoverage', 0.8, 0.5, 0.1)).toBeCloseTo(3, 12);
    expect(criterionScore('medianHoursToFirstReply', 2, 6, 4)).toBe(1);
    expect(criterionScore('medianHoursToFirstReply', 10, 6, 4)).toBe(-1);
    expect(criterionScore('growth', null, 0.1, 0.05)).toBeNull();
    expect(criterionScore('growth', 0.3, null, 0.05)).toBeNull();
  });

  it('explains each criterion with both figures', () => {
    expect(bestCaseExplanation('replyCoverage', 0.824, 0.536)).toBe(
      'answers 82% of threads within 7 days vs 54% in the organisation',
    );
    expect(bestCaseExplanation('medianHoursToFirstReply', 2.25, 10)).toBe(
      'first reply after 2.3 h (median) vs 10.0 h in the organisation',
    );
    expect(bestCaseExplanation('growth', -0.125, 0.5)).toBe(
      'active people −13% over the last 4 weeks vs +50% in the organisation',
    );
    expect(bestCaseExplanation('crossDepartmentShare', 0.31, 0.12)).toBe(
      '31% of first replies come from another department vs 12% in the organisation',
    );
    expect(bestCaseExplanation('healthIndex', 0.62, 0.48)).toBe(
      '62% of its people of the last 12 months were active in the last 28 days vs 48% in the organisation',
    );
    expect(bestCaseExplanation('healthIndex', null, 0.48)).toBe(
      'healthIndex: no figure (too few threads or people), counted as 0',
    );
    expect(bestCaseExplanation('growth', 0.2, null)).toBe(
      'growth: +20%, no organisation figure to compare, counted as 0',
    );
  });

  it('names the sentence and its raw figures, for clients that say it in another language', () => {
    expect(bestCaseExplanationDetail('replyCoverage', 0.824, 0.536)).toEqual({
      code: 'compared',
      params: { criterion: 'replyCoverage', value: 0.824, organisationValue: 0.536 },
    });
    expect(bestCaseExplanationDetail('healthIndex', null, 0.48)).toEqual({
      code: 'no-figure',
      params: { criterion: 'healthIndex' },
    });
    expect(bestCaseExplanationDetail('growth', 0.2, null)).toEqual({
      code: 'no-organisation-figure',
      params: { criterion: 'growth', value: 0.2 },
    });
  });

  it('ranks the candidates of at least k people by their mean score, per pool', () => {
    /*
     * Communities against coverage 0.5 and median 6 h; spreads over A, B, C: coverage sd(0.9, 0.6, 0.3) =
     * √0.06, median sd(2, 6) = 2, below the 4-hour floor: 4 (C has none).
     *   A: (0.4/√0.06 + 4/4) / 5     B: (0.1/√0.06 + 0) / 5     C: (−0.2/√0.06) / 5
     * Org units against coverage 0.5: U alone, spread floor 0.05: (0.7 − 0.5) / 0.05 / 5 = 0.8.
     * D (4 people) and E (1) are below k; F (0 people) is no candidate at all.
     */
    const communities = {
      candidates: [
        candidate('A', 10, { replyCoverage: 0.9, medianHoursToFirstReply: 2 }),
        candidate('B', 6, { replyCoverage: 0.6, medianHoursToFirstReply: 6 }),
        candidate('C', 5, { replyCoverage: 0.3 }),
        candidate('D', 4, { replyCoverage: 1, medianHoursToFirstReply: 0.1 }),
        candidate('E', 1, { replyCoverage: 1 }),
        candidate('F', 0, {}),
      ],
      organisation: values({ replyCoverage: 0.5, medianHoursToFirstReply: 6 }),
    };
    const units = {
      candidates: [candidate('U', 20, { replyCoverage: 0.7 }, 'orgUnit')],
      organisation: values({ replyCoverage: 0.5 }),
    };
    const { candidates, excluded } = rankBestCases([communities, units], 5, 10);
    expect(excluded).toBe(2);
    const spread = Math.sqrt(0.06);
    expect(candidates.map((c) => [c.rank, c.name, c.kind, c.people])).toEqual([
      [1, 'U', 'orgUnit', 20],
      [2, 'A', 'community', 10],
      [3, 'B', 'community', 6],
      [4, 'C', 'community', 5],
    ]);
    expect(candidates[0].score).toBeCloseTo(0.8, 12);
    expect(candidates[1].score).toBeCloseTo((0.4 / spread + 1) / 5, 12);
    expect(candidates[2].score).toBeCloseTo(0.1 / spread / 5, 12);
    expect(candidates[3].score).toBeCloseTo(-0.2 / spread / 5, 12);
    expect(candidates[1].criteria.map((c) => c.criterion)).toEqual([
      'healthIndex',
      'replyCoverage',
      'medianHoursToFirstReply',
      'crossDepartmentShare',
      'growth',
    ]);
    expect(candidates[1].criteria[2]).toMatchObject({ value: 2, organisationValue: 6, score: 1 });
    expect(candidates[1].criteria[0]).toMatchObject({ value: null, score: null });
    // `top` cuts, ties go by name
    expect(rankBestCases([communities, units], 5, 2).candidates.map((c) => c.name)).toEqual(['U', 'A']);
    const tie = rankBestCases(
      [{ candidates: [candidate('Zeta', 5, {}), candidate('Alpha', 5, {})], organisation: values({}) }],
      5,
      10,
    );
    expect(tie.candidates.map((c) => [c.name, c.score])).toEqual([
      ['Alpha', 0],
      ['Zeta', 0],
    ]);
    expect(rankBestCases([], 5, 10)).toEqual({ candidates: [], excluded: 0 });
  });
});
