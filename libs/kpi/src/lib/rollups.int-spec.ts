import { ACTIVITY_TYPES } from '@uptake/contracts';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { refreshRollups } from './rollups';

/** mulberry32: a small seeded generator, so the random ingests are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLLUPS: Record<string, string> = {
  activity_daily: 'day, person_id, group_id, type, events, content_length',
  person_daily: 'day, person_id, events, creations, responses, reactions, reads, replies',
  person_month: 'month, person_id, active, created, responded, reacted, events, posts, replies, reactions',
  person_activity: 'person_id, first_day, last_day, active_days',
  interaction_daily: 'day, actor_id, target_id, interactions',
  thread_rollup:
    'source_id, thread_key, root_at, root_day, root_actor_id, group_id, first_response_at, responses, responders',
};

describe('rollups', () => {
  let dataSource: DataSource;
  let organisationId: string;
  let sourceId: string;
  let people: string[];
  let groupId: string;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    // A time zone east of UTC, so day boundaries differ from UTC ones.
    const organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Rollups', slug: `rollups-${uniqueSuffix()}`, timeZone: 'Asia/Tokyo' });
    organisationId = organisation.id;
    sourceId = (
      await dataSource
        .getRepository(ActivitySource)
        .save({ organisationId, name: 'src', connectorType: 'csv' })
    ).id;
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) SELECT $1, 'p' || n FROM generate_series(1, 12) n RETURNING id`,
      [organisationId],
    );
    people = rows.map((row) => row.id);
    const [group] = await dataSource.query(
      `INSERT INTO groups (organisation_id, source_id, external_id, name, kind) VALUES ($1, $2, 'g', 'general', 'channel') RETURNING id`,
      [organisationId, sourceId],
    );
    groupId = group.id;
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  const snapshot = async () => {
    const result: Record<string, unknown[]> = {};
    for (const [table, columns] of Object.entries(ROLLUPS)) {
      result[table] = await dataSource.query(
        `SELECT ${columns} FROM ${table} WHERE organisation_id = $1 ORDER BY ${columns}`,
        [organisationId],
      );
    }
    return result;
  };

  it('after random incremental ingests (late events, replies to old threads) equal a from-scratch computation', async () => {
    const random = seeded(20261126);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const start = Date.parse('2026-03-01T00:00:00Z');
    const roots: { key: string; at: number }[] = [];
    let serial = 0;
    for (let batch = 0; batch < 8; batch++) {
      const events: unknown[][] = [];
      for (let i = 0; i < 60; i++) {
        const type = pick(ACTIVITY_TYPES);
        // Some events arrive late: anywhere in the 3 weeks, not only after the previous batch.
        let at = start + Math.floor(random() * 21 * 86_400_000);
        const id = `e${serial++}`;
        let thread: string | null = null;
        const actor = pick(people);
        let target: string | null = null;
        if ((type === 'reply' || type === 'answer' || type === 'reaction') && roots.length > 0) {
          const root = pick(roots);
          thread = root.key;
          at = Math.max(at, root.at + 60_000);
          target = pick(people);
        } else if (type === 'mention') {
          target = pick(people);
        }
        if (type === 'post' || type === 'question') roots.push({ key: id, at });
        events.push([
          id,
          new Date(at),
          actor,
          type,
          random() < 0.7 ? groupId : null,
          thread,
          target,
          10,
          1 + Math.floor(random() * 3),
        ]);
      }
      await dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                      thread_external_id, target_actor_id, content_length, count)
         SELECT $1, $2, e.* FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[], $7::uuid[],
                                       $8::text[], $9::uuid[], $10::int[], $11::int[]) AS e`,
        [
          organisationId,
          sourceId,
          ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((column) => events.map((event) => event[column])),
        ],
      );
      const times = events.map((event) => (event[1] as Date).getTime());
      await refreshRollups(dataSource, organisationId, {
        from: new Date(Math.min(...times)),
        to: new Date(Math.max(...times)),
      });
    }
    const incremental = await snapshot();
    expect(incremental['activity_daily'].length).toBeGreaterThan(50);
    expect(incremental['thread_rollup'].length).toBeGreaterThan(10);

    for (const table of Object.keys(ROLLUPS)) {
      await dataSource.query(`DELETE FROM ${table} WHERE organisation_id = $1`, [organisationId]);
    }
    await refreshRollups(dataSource, organisationId, {
      from: '2026-02-28T00:00:00Z',
      to: '2026-03-25T00:00:00Z',
    });
    expect(await snapshot()).toEqual(incremental);

    // and the daily totals match the raw events, days cut in Tokyo time
    const [raw] = await dataSource.query(
      `SELECT sum(count)::int AS events, count(DISTINCT ((occurred_at AT TIME ZONE 'Asia/Tokyo')::date, actor_id))::int AS person_days
       FROM activity_events WHERE organisation_id = $1`,
      [organisationId],
    );
    const [rolled] = await dataSource.query(
      `SELECT sum(events)::int AS events, count(*)::int AS person_days FROM person_daily WHERE organisation_id = $1`,
      [organisationId],
    );
    expect(rolled).toEqual(raw);
  });

  it('measures a thread from its root to the first response by someone else', async () => {
    const at = (minutes: number) => new Date(Date.parse('2026-04-01T08:00:00Z') + minutes * 60_000);
    const [author, responder] = people;
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, thread_external_id)
       VALUES ($1, $2, 'q1', $3, $4, 'question', NULL),
              ($1, $2, 'q1-self', $5, $4, 'reply', 'q1'),
              ($1, $2, 'q1-answer', $6, $7, 'answer', 'q1')`,
      [organisationId, sourceId, at(0), author, at(5), at(90), responder],
    );
    await refreshRollups(dataSource, organisationId, { from: at(0), to: at(90) });
    const [thread] = await dataSource.query(
      `SELECT responses, responders, extract(epoch FROM first_response_at - root_at)::int AS seconds
       FROM thread_rollup WHERE organisation_id = $1 AND thread_key = 'q1'`,
      [organisationId],
    );
    // the author's own follow-up (5 min) does not count: the first response is the answer at 90 min
    expect(thread).toEqual({ responses: 2, responders: 1, seconds: 90 * 60 });
  });
});
