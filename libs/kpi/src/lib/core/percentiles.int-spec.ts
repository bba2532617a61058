import { createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { seededRandom } from './seeded-random';
import { concatPacked, packedValues, percentileCont, percentilesOfUnion, unpackSorted } from './percentiles';

/*
 * The percentiles the thread tallies compute in Node from packed hours, against Postgres's own
 * percentile_cont over the same values: equal to the last bit.
 */
describe('percentiles from packed values', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it.each([1, 2, 7, 1000, 4099])('equal percentile_cont for %i values, nulls left out', async (size) => {
    const random = seededRandom(size);
    // Hours to the microsecond as thread_rollup gives them, with ties, and a null now and then.
    const values = Array.from({ length: size }, (_, index) =>
      index % 17 === 5 ? null : Math.round(random() * 500 * 3_600_000_000) / 3_600_000_000,
    );
    values.push(values[0]);
    const [row]: { median: number | null; p90: number | null; packed: Buffer; parts: Buffer[] }[] =
      await dataSource.query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90,
                ${packedValues('v')} AS packed,
                (SELECT array_agg(part) FROM (SELECT ${concatPacked('p')} AS part
                                               FROM (SELECT i % 3 AS g, ${packedValues('v')} AS p
                                                     FROM unnest($1::float8[]) WITH ORDINALITY u(v, i) GROUP BY i) x
                                               GROUP BY g) y) AS parts
         FROM unnest($1::float8[]) v`,
        [values],
      );
    const sorted = unpackSorted(row.packed);
    expect(sorted.length).toBe(values.filter((value) => value !== null).length);
    expect(percentileCont(sorted, 0.5)).toBe(row.median);
    expect(percentileCont(sorted, 0.9)).toBe(row.p90);
    // Parts packed and concatenated apart, each sorted, give the same as their union.
    const union = percentilesOfUnion(
      row.parts.map((part) => ({ sorted: unpackSorted(part), groups: ['all'] })),
      [0.5, 0.9],
    );
    expect(union.get('all')).toEqual([row.median, row.p90]);
  });
});
