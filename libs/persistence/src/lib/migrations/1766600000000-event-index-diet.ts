import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer, smaller secondary indexes on activity_events (issue 18: ingest speed). Every index is written by every
 * insert, and measured on 1.09M demo events the four B-trees cost 88 % of the merge's INSERT (10.4 s of it; a heap
 * with no index took 1.2 s). Two of them paid for little:
 *
 * - `activity_events_thread_idx` indexed every event with a thread id, reads and reactions included (92 % of
 *   demo events), but its only readers, the thread rollup's look-ups (libs/kpi core/rollups.ts), ask for the
 *   thread's responses: `type IN THREAD_RESPONSE_TYPES`. The new partial index holds only those (a few % of
 *   events); its predicate must list exactly THREAD_RESPONSE_TYPES, in that order, or the planner cannot use
 *   it (libs/kpi rollups.int-spec checks this).
 * - `activity_events_actor_idx` (organisation, actor, time) served only the erasure of single people (the
 *   people delete trigger) and no read: every KPI reads the rollups, and the rollup refresh reads by time.
 *   Erasing people now scans the organisation's partitions, as clearing them as a message's target already
 *   did (target_actor_id never had an index). No endpoint erases single people today; an organisation's
 *   deletion drops its events by source.
 *
 * Not changed: the primary key (organisation, source, external id, time) enforces idempotence and finds a
 * thread's root by its id; the time index serves every refresh and retention.
 */
export class EventIndexDiet1766600000000 implements MigrationInterface {
  name = 'EventIndexDiet1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX activity_events_response_idx ON activity_events (organisation_id, source_id, thread_external_id)
        INCLUDE (type, occurred_at, actor_id, id, group_id)
        WHERE thread_external_id IS NOT NULL AND type IN ('reply', 'answer');
      DROP INDEX activity_events_thread_idx;
      DROP INDEX activity_events_actor_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX activity_events_actor_idx ON activity_events (organisation_id, actor_id, occurred_at);
      CREATE INDEX activity_events_thread_idx ON activity_events (organisation_id, source_id, thread_external_id)
        INCLUDE (type, occurred_at, actor_id, id) WHERE thread_external_id IS NOT NULL;
      DROP INDEX activity_events_response_idx;
    `);
  }
}
