import type { DataSource } from 'typeorm';
import { undoFrom, useMigratedDatabase } from '../testing/migrated-database';
import { GroupPersonMonth1765500000000 } from './migrations/1765500000000-group-person-month';

/**
 * 1765500000000-group-person-month on an organisation that already has activity_daily: the table is filled
 * from it (active types with a group only), one row per month, group and person.
 */
describe('the group-person-month migration on existing rollups', () => {
  const migrated = useMigratedDatabase();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = migrated.dataSource;
    await undoFrom(dataSource, GroupPersonMonth1765500000000);
  });

  it('fills the day masks and running totals from activity_daily', async () => {
    const [organisation] = await dataSource.query(
      `INSERT INTO organisations (name, slug) VALUES ('Months', 'months') RETURNING id`,
    );
    const [anna] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'anna') RETURNING id`,
      [organisation.id],
    );
    const [group] = await dataSource.query(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'general', 'channel') RETURNING id`,
      [organisation.id],
    );
    const rows: [string, string | null, string, number][] = [
      ['2026-03-02', group.id, 'join', 1], // not activity
      ['2026-03-03', group.id, 'post', 2],
      ['2026-03-03', group.id, 'reaction', 3],
      ['2026-03-05', group.id, 'answer', 1],
      ['2026-03-05', group.id, 'read', 4],
      ['2026-03-07', null, 'post', 1], // no group
      ['2026-04-30', group.id, 'question', 1],
    ];
    for (const [day, groupId, type, events] of rows) {
      await dataSource.query(
        `INSERT INTO activity_daily (organisation_id, day, person_id, group_id, type, events)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [organisation.id, day, anna.id, groupId, type, events],
      );
    }

    await dataSource.runMigrations();

    // Running totals: element i+1 is the total of days 1..i (32 elements).
    const totals = (amounts: Record<number, number>) => {
      const result = [0];
      for (let day = 1; day <= 31; day++) result.push(result[day - 1] + (amounts[day] ?? 0));
      return result;
    };
    expect(
      await dataSource.query(
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, group_id, person_id, active, posted, posts, given, replies
         FROM group_person_month WHERE organisation_id = $1 ORDER BY month`,
        [organisation.id],
      ),
    ).toEqual([
      {
        month: '2026-03-01',
        group_id: group.id,
        person_id: anna.id,
        active: (1 << 2) | (1 << 4), // days 3 and 5 (the join on day 2 is not activity): 20
        posted: 1 << 2,
        posts: totals({ 3: 2 }),
        given: totals({ 3: 3, 5: 1 }), // 3 reactions, then the answer: 0, 0, 0, 3, 3, 4, …
        replies: totals({ 5: 1 }),
      },
      {
        month: '2026-04-01',
        group_id: group.id,
        person_id: anna.id,
        active: 1 << 29, // day 30
        posted: 1 << 29,
        posts: totals({ 30: 1 }), // 0 … 0, 1 (the 31st element, days 1..30), 1
        given: totals({}),
        replies: totals({}),
      },
    ]);
  });
});
