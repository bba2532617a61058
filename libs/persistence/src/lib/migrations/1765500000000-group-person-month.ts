import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets the communities list answer without moving every person-day of a year: one row per person,
 * community (group) and month with the days they were active there and the days they posted as bit masks,
 * and running totals by day of the month of their posts, of the responses and reactions they gave there and
 * of their replies and answers there (any range of days is two array reads per month), as person_month does
 * for a person overall. Only active
 * types (a join is not activity) and only activity in a group. Refreshed with the other rollups.
 *
 * No foreign key to groups: activity_daily has none either (a deleted group's rows stay until a refresh, and
 * readers join groups), and a refresh must never fail on such a row.
 */
export class GroupPersonMonth1765500000000 implements MigrationInterface {
  name = 'GroupPersonMonth1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE group_person_month (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        -- first day of the month (organisation time zone)
        month date NOT NULL,
        group_id uuid NOT NULL,
        person_id uuid NOT NULL,
        -- bit d-1 = day d of the month: any activity in the group / a post or question there
        active integer NOT NULL,
        posted integer NOT NULL,
        -- running totals: element i+1 is the total of days 1..i (element 1 is 0), so days s..e sum to [e+1] - [s]
        posts integer[] NOT NULL,
        given integer[] NOT NULL,
        replies integer[] NOT NULL,
        PRIMARY KEY (organisation_id, month, group_id, person_id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );
      -- One community's months (a community's detail).
      CREATE INDEX group_person_month_group_idx ON group_person_month (organisation_id, group_id, month);
    `);
    // Organisations that already have rollups get the community months from activity_daily.
    await queryRunner.query(`
      INSERT INTO group_person_month (organisation_id, month, group_id, person_id, active, posted, posts, given,
                                      replies)
      ${GROUP_PERSON_MONTH_SELECT('true')}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE group_person_month`);
  }
}

/**
 * group_person_month rows from activity_daily for the rows matching `where` (alias d). The same statement as
 * the refresh in @uptake/kpi's rollups.ts, with the type lists of activity-definition.ts as they are today (a
 * migration stays as it was written; persistence may not import kpi).
 */
function GROUP_PERSON_MONTH_SELECT(where: string): string {
  const active = `'post', 'question', 'reply', 'answer', 'mention', 'share', 'call', 'reaction', 'read', 'chat'`;
  const daily = (types: string) => `coalesce(sum(d.events) FILTER (WHERE d.type IN (${types})), 0)::bigint`;
  const running = (column: string) =>
    `CASE WHEN sum(x.${column}) = 0 THEN array_fill(0, ARRAY[32])
          ELSE kpi_running_totals(array_agg(x.day), array_agg(x.${column}))::int[] END`;
  return `
    SELECT x.organisation_id, x.month, x.group_id, x.person_id, bit_or(1 << (x.day - 1)),
           bit_or(CASE WHEN x.posts > 0 THEN 1 << (x.day - 1) ELSE 0 END),
           ${running('posts')}, ${running('given')}, ${running('replies')}
    FROM (SELECT d.organisation_id, date_trunc('month', d.day)::date AS month, d.group_id, d.person_id,
                 extract(day FROM d.day)::int AS day, ${daily(`'post', 'question'`)} AS posts,
                 ${daily(`'reply', 'answer', 'mention', 'share', 'call', 'reaction'`)} AS given,
                 ${daily(`'reply', 'answer'`)} AS replies
          FROM activity_daily d
          WHERE d.group_id IS NOT NULL AND d.type IN (${active}) AND ${where}
          GROUP BY 1, 2, 3, 4, 5) x
    GROUP BY x.organisation_id, x.month, x.group_id, x.person_id`;
}
