import { rollUpUnitThreads, type UnitThreadRow } from './unit-threads';

const row = (unit: string | null, hours: number[], extra: Partial<UnitThreadRow> = {}): UnitThreadRow => ({
  unit,
  threads: hours.length + 1,
  within7: hours.filter((value) => value <= 168).length,
  questions: 1,
  answered_questions: 0,
  comparable: hours.length,
  crossing: 1,
  hours,
  authors: 2,
  authors_key: 4_000_000_000,
  top: 3,
  ...extra,
});

describe('rollUpUnitThreads', () => {
  it('sums each unit into its ancestors and merges their hours for the percentiles', () => {
    const ancestors = new Map([
      ['root', ['root']],
      ['sales', ['root', 'sales']],
      ['emea', ['root', 'sales', 'emea']],
    ]);
    const tallies = rollUpUnitThreads(
      [row('sales', [1, 10]), row('emea', [2, 3], { top: 5 }), row(null, [100])],
      ancestors,
    );
    const sales = tallies.get('sales')!.tallies;
    expect(sales).toMatchObject({ threads: 6, answered: 4, medianHours: 2.5, topAuthorThreads: 5 });
    // Two keys of 4,000,000,000 wrap around 2^32.
    expect(sales.authors).toEqual({ count: 4, key: 8_000_000_000 - 2 ** 32 });
    expect(tallies.get('emea')!.tallies).toMatchObject({ threads: 3, medianHours: 2.5 });
    // The organisation counts people without a unit too; a unit never does.
    expect(tallies.get(null)!.tallies).toMatchObject({ threads: 8, answered: 5, medianHours: 3 });
    expect(tallies.get('root')!.tallies.threads).toBe(6);
  });
});
