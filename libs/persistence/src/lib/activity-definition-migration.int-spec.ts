import { undoFrom, useMigratedDatabase } from '../testing/migrated-database';
import { ActivityDefinition1765200000000 } from './migrations/1765200000000-activity-definition';

/**
 * 1765200000000-activity-definition rebuilds the rollups about people of existing organisations: a person who
 * had only joined was active (and adopted) before it, and is not after it. Undoing it restores the former
 * definition's figures.
 */
describe('the activity-definition migration on existing rollups', () => {
  const migrated = useMigratedDatabase();

  const spans = (withJoins = true) =>
    migrated.dataSource.query(
      `SELECT p.pseudonym, to_char(a.first_day, 'YYYY-MM-DD') AS first_day, a.active_days
              ${withJoins ? `, to_char(a.first_joined_day, 'YYYY-MM-DD') AS first_joined_day` : ''}
       FROM person_activity a JOIN people p ON p.id = a.person_id ORDER BY p.pseudonym`,
    );

  it('drops join-only people from the active ones, keeping their first join, and back', async () => {
    const { dataSource } = migrated;
    const [organisation] = await dataSource.query(
      `INSERT INTO organisations (name, slug) VALUES ('Migrated', 'migrated') RETURNING id`,
    );
    const people: { id: string }[] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'joiner'), ($1, 'poster') RETURNING id`,
      [organisation.id],
    );
    // what the rollups held under the former definition: the joiner active on 05-04 for joining
    await dataSource.query(
      `INSERT INTO activity_daily (organisation_id, day, person_id, type, events)
       VALUES ($1, '2026-05-04', $2, 'join', 1), ($1, '2026-05-04', $3, 'join', 1), ($1, '2026-05-05', $3, 'post', 2)`,
      [organisation.id, people[0].id, people[1].id],
    );
    // undo this migration (and those after it)
    await undoFrom(dataSource, ActivityDefinition1765200000000);
    expect(await spans(false)).toEqual([
      { pseudonym: 'joiner', first_day: '2026-05-04', active_days: 1 },
      { pseudonym: 'poster', first_day: '2026-05-04', active_days: 2 },
    ]);

    await dataSource.runMigrations();
    expect(await spans()).toEqual([
      { pseudonym: 'joiner', first_day: null, active_days: 0, first_joined_day: '2026-05-04' },
      { pseudonym: 'poster', first_day: '2026-05-05', active_days: 1, first_joined_day: '2026-05-04' },
    ]);
    const months: { person: string; active: number; events: string[] }[] = await dataSource.query(
      `SELECT p.pseudonym AS person, m.active, m.events FROM person_month m JOIN people p ON p.id = m.person_id`,
    );
    // May: the poster's day 5 only (bit 4), 2 events from the 5th on; nothing for the joiner
    expect(months).toEqual([{ person: 'poster', active: 16, events: expect.arrayContaining(['2']) }]);
  });
});
