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

      -- Running totals by day of the month: element i+1 is the sum of the amounts of days 1..i (element 1 is 0).
      CREATE FUNCTION kpi_running_totals(days integer[], amounts bigint[]) RETURNS bigint[]
      LANGUAGE plpgsql IMMUTABLE STRICT AS $$
      DECLARE
        daily bigint[] := array_fill(0::bigint, ARRAY[31]);
        totals bigint[] := array_fill(0::bigint, ARRAY[32]);
      BEGIN
        FOR i IN 1 .. coalesce(array_length(days, 1), 0) LOOP
          daily[days[i]] := daily[days[i]] + amounts[i];
        END LOOP;
        FOR day IN 1 .. 31 LOOP
          totals[day + 1] := totals[day] + daily[day];
        END LOOP;
        RETURN totals;
      END $$;

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

      -- Bumped by every rollup refresh (in its transaction): reports cached from the rollups are keyed by it.
      CREATE TABLE kpi_rollup_versions (
        organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
        version bigint NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      );

      -- Engagement reads threads of a range: authors, start and first response without visiting the table.
      DROP INDEX thread_rollup_day_idx;
      CREATE INDEX thread_rollup_day_idx ON thread_rollup (organisation_id, root_day)
        INCLUDE (root_actor_id, root_at, first_response_at);
      -- A refresh recomputes each touched thread from all its responses: read them from the index alone.
      DROP INDEX activity_events_thread_idx;
      CREATE INDEX activity_events_thread_idx ON activity_events (organisation_id, source_id, thread_external_id)
        INCLUDE (type, occurred_at, actor_id, id) WHERE thread_external_id IS NOT NULL;
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
      DROP INDEX activity_events_thread_idx;
      CREATE INDEX activity_events_thread_idx ON activity_events (organisation_id, source_id, thread_external_id)
        WHERE thread_external_id IS NOT NULL;
      DROP INDEX thread_rollup_day_idx;
      CREATE INDEX thread_rollup_day_idx ON thread_rollup (organisation_id, root_day);
      DROP TABLE IF EXISTS kpi_rollup_versions;
      DROP TABLE person_month;
      DROP FUNCTION IF EXISTS kpi_running_totals(integer[], bigint[]);
      ALTER TABLE person_daily DROP COLUMN replies;
    `);
  }
}

/**
 * person_month rows from person_daily for the rows matching `where` (alias d). The same statement as the
 * refresh in @uptake/kpi's rollups.ts (a migration stays as it was written; persistence may not import kpi).
 */
function PERSON_MONTH_SELECT(where: string): string {
  const bit = (condition: string) =>
    `bit_or(CASE WHEN ${condition} THEN 1 << (extract(day FROM d.day)::int - 1) ELSE 0 END)`;
  const running = (column: string) =>
    `kpi_running_totals(array_agg(extract(day FROM d.day)::int), array_agg(d.${column}))`;
  return `
    SELECT d.organisation_id, date_trunc('month', d.day)::date, d.person_id,
           ${bit('d.events > 0')}, ${bit('d.creations > 0')}, ${bit('d.responses > 0')}, ${bit('d.reactions > 0')},
           ${running('events')}, ${running('creations')}, ${running('replies')}, ${running('reactions')}
    FROM person_daily d WHERE ${where}
    GROUP BY d.organisation_id, date_trunc('month', d.day)::date, d.person_id`;
}
