import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * activity_events partitioned by month of `occurred_at` (UTC), with references checked per statement.
 *
 * - Partitions: one per UTC month, `activity_events_YYYY_MM`, plus `activity_events_default` so an insert is
 *   never refused. `activity_events_ensure_partitions(first, last)` creates the missing months of a range; the
 *   ingest writer calls it for the months of each batch before writing it, and the worker for the months ahead,
 *   so the default partition stays empty for ingested data. Rows that reached the default partition anyway (a
 *   direct insert) are moved into their month when it is created. It creates a table and ATTACHes it (SHARE UPDATE
 *   EXCLUSIVE on the parent) instead of CREATE TABLE ... PARTITION OF (ACCESS EXCLUSIVE), so reads and writes of
 *   other months go on; that lock, taken first, makes concurrent workers create a month once.
 * - Idempotence: a partitioned table's unique key must contain the partition column, so the key is
 *   (organisation, source, external id, occurred_at). occurred_at comes from the external record, so a re-delivered
 *   record has the same key in whatever batch or month it arrives: exact, without a separate dedup table (which
 *   would cost one more index insert and heap row per event, plus its own cascades). A usage report count, whose
 *   corrected re-reading may carry another time, is matched by its id alone in the merge (a probe per partition,
 *   report rows only). An ordinary event whose source moved its time is a new event: its time is part of what the
 *   record says. The identity `id` stays (rollups
 *   break ties of equal times by it) but has no index of its own.
 * - References: the per-row foreign-key triggers (data source, actor, target, group) are replaced by statement
 *   triggers with transition tables: one set-based check per INSERT/UPDATE statement, which first takes the
 *   KEY SHARE locks a foreign key takes (so a concurrent deletion waits or is seen), then refuses the statement
 *   with SQLSTATE 23503 when a reference is missing or belongs to another organisation. The referenced tables'
 *   ON DELETE actions become statement triggers too (person erased -> their events go, a target becomes NULL;
 *   group deleted -> group_id NULL; source deleted -> its events go). The ingest merge resolves people and
 *   groups within the organisation, so for it the check never fails; it guards every other writer.
 */
export class PartitionedActivityEvents1766000000000 implements MigrationInterface {
  name = 'PartitionedActivityEvents1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activity_events_partitioned (
        id bigint GENERATED ALWAYS AS IDENTITY,
        organisation_id uuid NOT NULL,
        source_id uuid NOT NULL,
        external_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        type activity_type NOT NULL,
        group_id uuid,
        thread_external_id text,
        target_actor_id uuid,
        content_length integer CHECK (content_length >= 0),
        ingested_at timestamptz NOT NULL DEFAULT now(),
        count integer NOT NULL DEFAULT 1 CHECK (count >= 1),
        from_report boolean NOT NULL DEFAULT false,
        CONSTRAINT activity_events_unattributed_check CHECK (actor_id IS NOT NULL OR type = 'reaction')
      ) PARTITION BY RANGE (occurred_at);
      CREATE TABLE activity_events_default PARTITION OF activity_events_partitioned DEFAULT;
    `);
    // Months present (a migration of an install with years of data creates only the months that have rows).
    const months: { month: string }[] = await queryRunner.query(
      `SELECT DISTINCT to_char(date_trunc('month', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month
       FROM activity_events ORDER BY 1`,
    );
    for (const { month } of months) {
      const partition = `activity_events_${month.slice(0, 4)}_${month.slice(5, 7)}`;
      await queryRunner.query(
        `CREATE TABLE ${partition} PARTITION OF activity_events_partitioned
           FOR VALUES FROM ('${month} 00:00:00+00') TO (('${month}'::date + interval '1 month')::timestamp AT TIME ZONE 'UTC')`,
      );
      // One month at a time: each statement's memory and the WAL between checkpoints stay bounded.
      await queryRunner.query(
        `INSERT INTO ${partition} (id, organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                   thread_external_id, target_actor_id, content_length, ingested_at, count, from_report)
         OVERRIDING SYSTEM VALUE
         SELECT id, organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                thread_external_id, target_actor_id, content_length, ingested_at, count, from_report
         FROM activity_events
         WHERE occurred_at >= '${month} 00:00:00+00'
           AND occurred_at < ('${month}'::date + interval '1 month')::timestamp AT TIME ZONE 'UTC'`,
      );
    }
    await queryRunner.query(`
      SELECT setval(pg_get_serial_sequence('activity_events_partitioned', 'id'),
                    (SELECT coalesce(max(id), 0) + 1 FROM activity_events), false);
      DROP TABLE activity_events;
      ALTER TABLE activity_events_partitioned RENAME TO activity_events;
      ALTER SEQUENCE activity_events_partitioned_id_seq RENAME TO activity_events_id_seq;

      -- Indexes built after the load (one sort per partition instead of row-by-row inserts).
      ALTER TABLE activity_events
        ADD CONSTRAINT activity_events_source_external_id_key PRIMARY KEY (organisation_id, source_id, external_id, occurred_at);
      CREATE INDEX activity_events_time_idx ON activity_events (organisation_id, occurred_at);
      -- Person erasure and per-person reads.
      CREATE INDEX activity_events_actor_idx ON activity_events (organisation_id, actor_id, occurred_at);
      CREATE INDEX activity_events_thread_idx ON activity_events (organisation_id, source_id, thread_external_id)
        INCLUDE (type, occurred_at, actor_id, id) WHERE thread_external_id IS NOT NULL;
    `);
    await queryRunner.query(ENSURE_PARTITIONS_FUNCTION);
    await queryRunner.query(REFERENCE_CHECKS);
    // The months ahead, so the first ingests after the migration do not create them.
    await queryRunner.query(`SELECT activity_events_ensure_partitions(now(), now() + interval '3 months')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER people_delete_activity_events ON people;
      DROP TRIGGER groups_delete_activity_events ON groups;
      DROP TRIGGER data_sources_delete_activity_events ON data_sources;
      DROP FUNCTION people_delete_activity_events();
      DROP FUNCTION groups_delete_activity_events();
      DROP FUNCTION data_sources_delete_activity_events();
      DROP TRIGGER activity_events_insert_references ON activity_events;
      DROP TRIGGER activity_events_update_references ON activity_events;
      DROP FUNCTION activity_events_check_references();
      DROP FUNCTION activity_events_ensure_partitions(timestamptz, timestamptz);

      CREATE TABLE activity_events_unpartitioned (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organisation_id uuid NOT NULL,
        source_id uuid NOT NULL,
        external_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        type activity_type NOT NULL,
        group_id uuid,
        thread_external_id text,
        target_actor_id uuid,
        content_length integer CHECK (content_length >= 0),
        ingested_at timestamptz NOT NULL DEFAULT now(),
        count integer NOT NULL DEFAULT 1 CHECK (count >= 1),
        from_report boolean NOT NULL DEFAULT false
      );
      INSERT INTO activity_events_unpartitioned (id, organisation_id, source_id, external_id, occurred_at, actor_id,
                                                 type, group_id, thread_external_id, target_actor_id, content_length,
                                                 ingested_at, count, from_report)
      OVERRIDING SYSTEM VALUE
      SELECT id, organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id, thread_external_id,
             target_actor_id, content_length, ingested_at, count, from_report
      FROM activity_events;
      SELECT setval(pg_get_serial_sequence('activity_events_unpartitioned', 'id'),
                    (SELECT coalesce(max(id), 0) + 1 FROM activity_events), false);
      DROP TABLE activity_events;
      ALTER TABLE activity_events_unpartitioned RENAME TO activity_events;
      ALTER SEQUENCE activity_events_unpartitioned_id_seq RENAME TO activity_events_id_seq;
      ALTER INDEX activity_events_unpartitioned_pkey RENAME TO activity_events_pkey;
      ALTER TABLE activity_events
        ADD CONSTRAINT activity_events_unattributed_check CHECK (actor_id IS NOT NULL OR type = 'reaction'),
        ADD CONSTRAINT activity_events_source_external_id_key UNIQUE (organisation_id, source_id, external_id),
        ADD FOREIGN KEY (organisation_id, source_id) REFERENCES data_sources (organisation_id, id) ON DELETE CASCADE,
        ADD FOREIGN KEY (organisation_id, actor_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE,
        ADD FOREIGN KEY (organisation_id, target_actor_id) REFERENCES people (organisation_id, id)
          ON DELETE SET NULL (target_actor_id),
        ADD FOREIGN KEY (organisation_id, group_id) REFERENCES groups (organisation_id, id) ON DELETE SET NULL (group_id);
      CREATE INDEX activity_events_time_idx ON activity_events (organisation_id, occurred_at);
      CREATE INDEX activity_events_actor_idx ON activity_events (organisation_id, actor_id, occurred_at);
      CREATE INDEX activity_events_thread_idx ON activity_events (organisation_id, source_id, thread_external_id)
        INCLUDE (type, occurred_at, actor_id, id) WHERE thread_external_id IS NOT NULL;
    `);
  }
}

/**
 * Creates the missing monthly partitions from the month of `first_at` to the month of `last_at` (UTC), moving rows
 * of such a month out of the default partition first (ATTACH refuses while the default holds rows of the range).
 * Bounded to 1,200 months a call (event times are bounded to 1990 .. tomorrow by ingest validation). Checks
 * without the lock first, so the common case (all months exist) costs a catalogue look-up per month, no lock.
 */
const ENSURE_PARTITIONS_FUNCTION = `
  CREATE FUNCTION activity_events_ensure_partitions(first_at timestamptz, last_at timestamptz) RETURNS integer
  LANGUAGE plpgsql AS $fn$
  DECLARE
    first_month timestamp := date_trunc('month', first_at AT TIME ZONE 'UTC');
    last_month timestamp := date_trunc('month', last_at AT TIME ZONE 'UTC');
    month timestamp;
    partition text;
    created integer := 0;
    locked boolean := false;
  BEGIN
    IF first_at IS NULL OR last_at IS NULL OR last_at < first_at THEN
      RAISE EXCEPTION 'activity_events_ensure_partitions: invalid range % .. %', first_at, last_at
        USING ERRCODE = '22023';
    END IF;
    IF first_month + interval '1200 months' < last_month THEN
      RAISE EXCEPTION 'activity_events_ensure_partitions: % .. % spans more than 1200 months', first_at, last_at
        USING ERRCODE = '22023';
    END IF;
    month := first_month;
    WHILE month <= last_month LOOP
      partition := 'activity_events_' || to_char(month, 'YYYY_MM');
      IF to_regclass(partition) IS NULL THEN
        IF NOT locked THEN
          -- One creator at a time; the others find the month created when they get the lock. The lock ATTACH
          -- takes anyway (it conflicts with itself); unlike an advisory lock, taking a table lock reads the
          -- catalogue changes committed meanwhile, so the second look-up below sees the other's partition.
          LOCK TABLE activity_events IN SHARE UPDATE EXCLUSIVE MODE;
          locked := true;
        END IF;
        IF to_regclass(partition) IS NULL THEN
          EXECUTE format('CREATE TABLE %I (LIKE activity_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition);
          EXECUTE format(
            'WITH moved AS (DELETE FROM activity_events_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *)
             INSERT INTO %I SELECT * FROM moved',
            month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC', partition);
          EXECUTE format('ALTER TABLE activity_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
            partition, month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
          created := created + 1;
        END IF;
      END IF;
      month := month + interval '1 month';
    END LOOP;
    RETURN created;
  END
  $fn$;
`;

const REFERENCE_CHECKS = `
  CREATE FUNCTION activity_events_check_references() RETURNS trigger LANGUAGE plpgsql AS $fn$
  DECLARE
    bad record;
  BEGIN
    -- The former ON DELETE SET NULL actions below only clear references; during a cascade (an organisation
    -- deleted) the rows they update may belong to a source being deleted in the same statement.
    IF current_setting('uptake.clearing_references', true) = 'on' THEN
      RETURN NULL;
    END IF;
    -- The locks a foreign key takes: a concurrent deletion of a referenced row waits for this transaction (and
    -- its statement trigger then removes these events), or has committed and the row is missing below.
    PERFORM 1 FROM data_sources s
      WHERE (s.organisation_id, s.id) IN (SELECT DISTINCT organisation_id, source_id FROM changed_events)
      FOR KEY SHARE;
    PERFORM 1 FROM people p
      WHERE (p.organisation_id, p.id) IN (
        SELECT organisation_id, actor_id FROM changed_events WHERE actor_id IS NOT NULL
        UNION SELECT organisation_id, target_actor_id FROM changed_events WHERE target_actor_id IS NOT NULL)
      FOR KEY SHARE;
    PERFORM 1 FROM groups g
      WHERE (g.organisation_id, g.id) IN (
        SELECT DISTINCT organisation_id, group_id FROM changed_events WHERE group_id IS NOT NULL)
      FOR KEY SHARE;
    SELECT e.organisation_id, e.source_id, e.external_id,
           CASE WHEN NOT EXISTS (SELECT 1 FROM data_sources s WHERE s.organisation_id = e.organisation_id AND s.id = e.source_id)
                  THEN 'source_id ' || e.source_id
                WHEN e.actor_id IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM people p WHERE p.organisation_id = e.organisation_id AND p.id = e.actor_id)
                  THEN 'actor_id ' || e.actor_id
                WHEN e.target_actor_id IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM people p WHERE p.organisation_id = e.organisation_id AND p.id = e.target_actor_id)
                  THEN 'target_actor_id ' || e.target_actor_id
                WHEN e.group_id IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.organisation_id = e.organisation_id AND g.id = e.group_id)
                  THEN 'group_id ' || e.group_id
           END AS problem
      INTO bad
      FROM changed_events e
      WHERE NOT EXISTS (SELECT 1 FROM data_sources s WHERE s.organisation_id = e.organisation_id AND s.id = e.source_id)
         OR (e.actor_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM people p WHERE p.organisation_id = e.organisation_id AND p.id = e.actor_id))
         OR (e.target_actor_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM people p WHERE p.organisation_id = e.organisation_id AND p.id = e.target_actor_id))
         OR (e.group_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.organisation_id = e.organisation_id AND g.id = e.group_id))
      LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'activity_events: % of event % (source %) is not a row of organisation %',
        bad.problem, bad.external_id, bad.source_id, bad.organisation_id
        USING ERRCODE = '23503', TABLE = 'activity_events';
    END IF;
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER activity_events_insert_references AFTER INSERT ON activity_events
    REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION activity_events_check_references();
  CREATE TRIGGER activity_events_update_references AFTER UPDATE ON activity_events
    REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION activity_events_check_references();

  -- The former ON DELETE actions, one statement per deleting statement.
  CREATE FUNCTION people_delete_activity_events() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM activity_events e USING deleted_people d
      WHERE e.organisation_id = d.organisation_id AND e.actor_id = d.id;
    PERFORM set_config('uptake.clearing_references', 'on', true);
    UPDATE activity_events e SET target_actor_id = NULL FROM deleted_people d
      WHERE e.organisation_id = d.organisation_id AND e.target_actor_id = d.id;
    PERFORM set_config('uptake.clearing_references', 'off', true);
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER people_delete_activity_events AFTER DELETE ON people
    REFERENCING OLD TABLE AS deleted_people FOR EACH STATEMENT EXECUTE FUNCTION people_delete_activity_events();

  CREATE FUNCTION groups_delete_activity_events() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    PERFORM set_config('uptake.clearing_references', 'on', true);
    UPDATE activity_events e SET group_id = NULL FROM deleted_groups d
      WHERE e.organisation_id = d.organisation_id AND e.group_id = d.id;
    PERFORM set_config('uptake.clearing_references', 'off', true);
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER groups_delete_activity_events AFTER DELETE ON groups
    REFERENCING OLD TABLE AS deleted_groups FOR EACH STATEMENT EXECUTE FUNCTION groups_delete_activity_events();

  CREATE FUNCTION data_sources_delete_activity_events() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM activity_events e USING deleted_sources d
      WHERE e.organisation_id = d.organisation_id AND e.source_id = d.id;
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER data_sources_delete_activity_events AFTER DELETE ON data_sources
    REFERENCING OLD TABLE AS deleted_sources FOR EACH STATEMENT EXECUTE FUNCTION data_sources_delete_activity_events();
`;
