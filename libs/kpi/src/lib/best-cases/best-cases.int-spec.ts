import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import {
  scopeOf,
  seedCommunityOrganisation,
  type CommunityOrganisation,
} from '../communities/test/community-organisation';
import { BEST_CASE_METHOD } from './best-case-score';
import { queryBestCases } from './best-cases-query';

/*
 * The organisation of communities/test/community-organisation.ts with k = 4, counted by hand.
 *
 * Communities (against all communities pooled: health (12 + 7 + 3) / (14 + 10 + 3) = 22/27, coverage 7/25,
 * median 3 h, cross-department 6/7, growth none: nobody was active in a community in the week of 02-23):
 *   Thriving  health 12/14, coverage 6/7, median 6.5 h, cross 5/6, growth none (0 in the week of 02-23)
 *   Broadcast health 7/10, coverage 0, no median, no cross-department figure, growth none
 *   Small     3 active people: excluded
 *   spreads: health sd(12/14, 0.7) = 0.0786; coverage sd(6/7, 0) = 3/7; median and cross: one value, floors
 *   Thriving  (0.5387 + 1.3467 − 3.5/4 − (1/42)/0.05 + 0) / 5 = 0.1068
 *   Broadcast (−1.4613 − 0.6533) / 5 = −0.4229
 * Org units (against the population: health 16/16, coverage 7/25, median 3 h, cross 6/7, growth 11 → 14):
 *   Sales       6 active, health 1, threads T1 T2 T4 T6 S1: coverage 1, median 2 h, cross 4/5, growth 5 → 6
 *   Engineering 6 active, health 1, threads T3 T5 T7 B-e5: coverage 1/2, median 41 h, cross 1, growth 5 → 6
 *   HR          4 active, health 1, 16 unanswered threads, growth withheld (1 person in the week of 02-23)
 *   Sales EMEA  2 active: excluded; Company is the organisation itself, no candidate
 *   spreads: health floor 0.05; coverage sd(1, 0.5, 0) = √(1/6); median sd(2, 41) = 19.5; cross sd(0.8, 1) =
 *   0.1; growth floor 0.05
 *   Sales (0 + 0.72/√(1/6) + 1/19.5 − 0.5714 − 1.4545) / 5 = −0.0422
 *   HR    (−0.28/√(1/6)) / 5 = −0.1372
 *   Engineering (0 + 0.22/√(1/6) − 38/19.5 + 1.4286 − 1.4545) / 5 = −0.2872
 */
describe('best-case finder against Postgres', () => {
  let dataSource: DataSource;
  let org: CommunityOrganisation;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedCommunityOrganisation(dataSource);
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  const scope = () => scopeOf(org.organisationId, { minGroupSize: 4 });

  it('ranks communities and org units by their mean score, and counts the ones below k', async () => {
    const report = await queryBestCases(dataSource, scope(), { kind: 'all', top: 10 });
    expect(report.method).toBe(BEST_CASE_METHOD);
    expect(report.excluded).toBe(2); // Sales EMEA, Small
    expect(report.candidates.map((candidate) => [candidate.rank, candidate.kind, candidate.name])).toEqual([
      [1, 'community', 'Thriving'],
      [2, 'orgUnit', 'Sales'],
      [3, 'orgUnit', 'HR'],
      [4, 'orgUnit', 'Engineering'],
      [5, 'community', 'Broadcast'],
    ]);
    const scores = report.candidates.map((candidate) => candidate.score);
    const expected = [
      ((12 / 14 - 22 / 27) / (1.1 / 14) + (6 / 7 - 0.28) / (3 / 7) - 3.5 / 4 + (5 / 6 - 6 / 7) / 0.05) / 5,
      (0.72 / Math.sqrt(1 / 6) + 1 / 19.5 + (0.8 - 6 / 7) / 0.1 + (0.2 - 3 / 11) / 0.05) / 5,
      -0.28 / Math.sqrt(1 / 6) / 5,
      (0.22 / Math.sqrt(1 / 6) - 38 / 19.5 + (1 - 6 / 7) / 0.1 + (0.2 - 3 / 11) / 0.05) / 5,
      ((0.7 - 22 / 27) / (1.1 / 14) - 0.28 / (3 / 7)) / 5,
    ];
    scores.forEach((score, index) => expect(score).toBeCloseTo(expected[index], 9));
    const thriving = report.candidates[0];
    expect(thriving).toMatchObject({ id: org.groups.thriving, people: 12 });
    expect(thriving.criteria.map((criterion) => [criterion.criterion, criterion.explanation])).toEqual([
      [
        'healthIndex',
        '86% of its people of the last 12 months were active in the last 28 days vs 81% in the organisation',
      ],
      ['replyCoverage', 'answers 86% of threads within 7 days vs 28% in the organisation'],
      ['medianHoursToFirstReply', 'first reply after 6.5 h (median) vs 3.0 h in the organisation'],
      [
        'crossDepartmentShare',
        '83% of first replies come from another department vs 86% in the organisation',
      ],
      ['growth', 'growth: no figure (too few threads or people), counted as 0'],
    ]);
    expect(thriving.criteria[4]).toMatchObject({ value: null, organisationValue: null, score: null });
    const sales = report.candidates[1];
    expect(sales).toMatchObject({ id: org.units.sales, people: 6 });
    expect(sales.criteria[4]).toMatchObject({ value: 0.2, organisationValue: 3 / 11 });
    expect(sales.criteria[4].explanation).toBe(
      'active people +20% over the last 4 weeks vs +27% in the organisation',
    );
  });

  it('answers one kind at a time, capped at `top`', async () => {
    const communities = await queryBestCases(dataSource, scope(), { kind: 'community', top: 10 });
    expect(communities.candidates.map((candidate) => candidate.name)).toEqual(['Thriving', 'Broadcast']);
    expect(communities.excluded).toBe(1); // Small
    const units = await queryBestCases(dataSource, scope(), { kind: 'orgUnit', top: 1 });
    expect(units.candidates.map((candidate) => [candidate.rank, candidate.name])).toEqual([[1, 'Sales']]);
    expect(units.excluded).toBe(1); // Sales EMEA
  });

  it('leaves out every candidate below k, and finds none in an empty range', async () => {
    // k = 7: only Thriving (12 active people) remains; Sales and Engineering (6), Broadcast (7 ≥ 7) stays.
    const strict = await queryBestCases(dataSource, scopeOf(org.organisationId, { minGroupSize: 7 }), {
      kind: 'all',
      top: 10,
    });
    expect(strict.candidates.map((candidate) => candidate.name)).toEqual(['Thriving', 'Broadcast']);
    expect(strict.excluded).toBe(5); // Sales, Engineering, HR, Sales EMEA, Small
    const empty = await queryBestCases(
      dataSource,
      scopeOf(org.organisationId, { from: '2027-01-04', to: '2027-01-31' }),
      { kind: 'all', top: 10 },
    );
    expect(empty.candidates).toEqual([]);
    expect(empty.excluded).toBe(0);
  });
});
