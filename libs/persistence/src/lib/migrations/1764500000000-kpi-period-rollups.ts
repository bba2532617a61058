import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets the KPI endpoints answer without moving every person-day: one row per person and month with
 * the days they were active (and created, responded, reacted) as bit masks, and running totals by day of
 * the month for the sums (any range of days is two array reads per month). Plus covering indexes for the
 * per-range scans the endpoints still make (threads, interactions). Refreshed with the other rollups.
 */
export class KpiPeriodRollups1764500000000 implements MigrationInterface {
  name = 'KpiPeriodRollups1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Replies and answers per person and day (engagement's "replies"; responses also count mentions and shares).
      ALTER TABLE person_daily ADD COLUMN replies bigint NOT NULL DEFAULT 0;
      UPDATE person_daily p SET replies = r.replies
      FROM (SELECT organisation_id, day, person_id, sum(events) AS replies FROM activity_daily
            WHERE type IN ('reply', 'answer') GROUP BY 1, 2, 3) r
      WHERE p.organisation_id = r.organisation_id AND p.day = r.day AND p.person_id = r.person_id;

      CREATE TABLE person_month (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        -- first day of the month (organisation time zone)
        month date NOT NULL,
        person_id uuid NOT NULL,
        -- bit d-1 = day d of the month: any event / a post or question / a reply, answer, mention or share / a reaction
        active integer NOT NULL,
        created integer NOT NULL,
        responded integer NOT NULL,
        reacted integer NOT NULL,
        -- running totals: element i+1 is the total of days 1..i (element 1 is 0), so days s..e sum to [e+1] - [s]
        events bigint[] NOT NULL,
        posts bigint[] NOT NULL,
        replies bigint[] NOT NULL,
        reactions bigint[] NOT NULL,
        PRIMARY KEY (organisation_id, month, person_id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );

      -- Engagement reads threads of a range: authors, start and first response without visiting the table.
      DROP INDEX thread_rollup_day_idx;
      CREATE INDEX thread_rollup_day_idx ON thread_rollup (organisation_id, root_day)
        INCLUDE (root_actor_id, root_at, first_response_at);
      -- The network sums interactions of a range by pair.
      CREATE INDEX interaction_daily_day_idx ON interaction_daily (organisation_id, day)
        INCLUDE (actor_id, target_id, interactions);
    `);
    // Organisations that already have rollups get the monthly ones from them.
    await queryRunner.query(`
      INSERT INTO person_month (organisation_id, month, person_id, active, created, responded, reacted,
                                events, posts, replies, reactions)
      ${PERSON_MONTH_SELECT('true')}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX interaction_daily_day_idx;
      DROP INDEX thread_rollup_day_idx;
      CREATE INDEX thread_rollup_day_idx ON thread_rollup (organisation_id, root_day);
      DROP TABLE person_month;
      ALTER TABLE person_daily DROP COLUMN replies;
    `);
  }
}

/**
 * person_month rows from person_daily for the rows matching `where` (alias d). The same statement as the
 * refresh in @uptake/kpi's rollups.ts (a migration stays as it was written; persistence may not import kpi).
 */
function PERSON_MONTH_SELECT(where: string): string {
  return `
    WITH days AS (
      SELECT d.organisation_id, date_trunc('month', d.day)::date AS month, d.person_id,
             extract(day FROM d.day)::int AS dom, d.events, d.creations, d.replies, d.responses, d.reactions
      FROM person_daily d WHERE ${where}),
    running AS (
      SELECT k.organisation_id, k.month, k.person_id, i,
             sum(coalesce(x.events, 0)) OVER w AS events, sum(coalesce(x.creations, 0)) OVER w AS posts,
             sum(coalesce(x.replies, 0)) OVER w AS replies, sum(coalesce(x.reactions, 0)) OVER w AS reactions
      FROM (SELECT DISTINCT organisation_id, month, person_id FROM days) k CROSS JOIN generate_series(0, 31) i
      LEFT JOIN days x ON x.organisation_id = k.organisation_id AND x.month = k.month
                      AND x.person_id = k.person_id AND x.dom = i
      WINDOW w AS (PARTITION BY k.organisation_id, k.month, k.person_id ORDER BY i)),
    masks AS (
      SELECT organisation_id, month, person_id,
             coalesce(bit_or(1 << (dom - 1)) FILTER (WHERE events > 0), 0) AS active,
             coalesce(bit_or(1 << (dom - 1)) FILTER (WHERE creations > 0), 0) AS created,
             coalesce(bit_or(1 << (dom - 1)) FILTER (WHERE responses > 0), 0) AS responded,
             coalesce(bit_or(1 << (dom - 1)) FILTER (WHERE reactions > 0), 0) AS reacted
      FROM days GROUP BY 1, 2, 3)
    SELECT m.organisation_id, m.month, m.person_id, m.active, m.created, m.responded, m.reacted,
           array_agg(r.events ORDER BY r.i), array_agg(r.posts ORDER BY r.i),
           array_agg(r.replies ORDER BY r.i), array_agg(r.reactions ORDER BY r.i)
    FROM masks m JOIN running r USING (organisation_id, month, person_id)
    GROUP BY m.organisation_id, m.month, m.person_id, m.active, m.created, m.responded, m.reacted`;
}
