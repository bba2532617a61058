import { DAYS, MEMBERS, RANGE } from '../../testing/fixtures/three-weeks';
import { personSummaries } from './person-summaries';

describe('personSummaries', () => {
  it('lists each member with persona and totals over the range, most active first', () => {
    const rows = personSummaries(MEMBERS, DAYS, RANGE);
    expect(rows.map((row) => [row.personId, row.persona, row.events, row.activeDays])).toEqual([
      ['a', 'creator', 6, 3],
      ['e', 'creator', 2, 1],
      ['b', 'reactor', 1, 1],
      ['d', 'observer', 1, 1],
      ['c', null, 0, 0],
    ]);
  });
});
