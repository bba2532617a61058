import { ACTIVITY_TYPES } from '@uptake/contracts';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { NEVER_ROOT_TYPES, sqlTypes, THREAD_RESPONSE_TYPES } from './activity-definition';
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
  group_person_month: 'month, group_id, person_id, active, posted, posts, given, replies',
  person_activity: 'person_id, first_day, last_day, active_days, first_joined_day',
  unattributed_daily: 'day, group_id, type, events, largest',
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
        // Some reactions are volume without a person (Slack's unlisted reactions).
        const actor = type === 'reaction' && random() < 0.2 ? null : pick(people);
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

    // and the daily totals match the raw events that are activity (not joins, not events without a person),
    // days cut in Tokyo time
    const [raw] = await dataSource.query(
      `SELECT sum(count)::int AS events, count(DISTINCT ((occurred_at AT TIME ZONE 'Asia/Tokyo')::date, actor_id))::int AS person_days
       FROM activity_events WHERE organisation_id = $1 AND type <> 'join' AND actor_id IS NOT NULL`,
      [organisationId],
    );
    const [rolled] = await dataSource.query(
      `SELECT sum(events)::int AS events, count(*)::int AS person_days FROM person_daily WHERE organisation_id = $1`,
      [organisationId],
    );
    expect(rolled).toEqual(raw);
  });

  it('counts only what is activity: joins are recorded, unlisted reactions are volume, a call responds', async () => {
    // Days in Tokyo time: 03:00Z is noon there. Four people of their own (the random ingests used the others).
    const at = (day: string) => new Date(`${day}T03:00:00Z`);
    const fresh: { id: string }[] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) SELECT $1, 'def' || n FROM generate_series(1, 4) n RETURNING id`,
      [organisationId],
    );
    const [joiner, poster, caller, chatter] = fresh.map((row) => row.id);
    const mine = `('${fresh.map((row) => row.id).join("', '")}')`;
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                    thread_external_id, target_actor_id, count)
       VALUES ($1, $2, 'd-join-1', $3, $5, 'join', NULL, NULL, 1),
              ($1, $2, 'd-join-2', $3, $6, 'join', NULL, NULL, 1),
              ($1, $2, 'd-post', $4, $6, 'post', 'd-post', NULL, 1),
              ($1, $2, 'd-call', $4, $7, 'call', NULL, $6, 1),
              ($1, $2, 'd-chat', $4, $8, 'chat', NULL, NULL, 1),
              ($1, $2, 'd-unlisted', $4, NULL, 'reaction', 'd-post', $6, 3),
              ($1, $2, 'd-orphan', $9, $7, 'reply', 'd-gone', NULL, 1)`,
      [
        organisationId,
        sourceId,
        at('2026-05-04'),
        at('2026-05-05'),
        joiner,
        poster,
        caller,
        chatter,
        at('2026-05-06'),
      ],
    );
    await refreshRollups(dataSource, organisationId, { from: at('2026-05-04'), to: at('2026-05-06') });
    const rows = (sql: string) => dataSource.query(sql, [organisationId]);

    // the joiner has no active day, only a first join; the poster's first active day is the post's, not the join's
    expect(
      await rows(`SELECT person_id, to_char(first_day, 'YYYY-MM-DD') AS first_day, active_days,
                         to_char(first_joined_day, 'YYYY-MM-DD') AS first_joined_day
                  FROM person_activity WHERE organisation_id = $1 AND person_id IN ${mine}
                  ORDER BY first_joined_day NULLS LAST, first_day NULLS FIRST, active_days`),
    ).toEqual([
      { person_id: joiner, first_day: null, active_days: 0, first_joined_day: '2026-05-04' },
      { person_id: poster, first_day: '2026-05-05', active_days: 1, first_joined_day: '2026-05-04' },
      { person_id: chatter, first_day: '2026-05-05', active_days: 1, first_joined_day: null },
      { person_id: caller, first_day: '2026-05-05', active_days: 2, first_joined_day: null },
    ]);
    // person_daily: post = creation, call = response, chat = activity only (a reader); no row for the joins
    expect(
      await rows(`SELECT person_id, to_char(day, 'YYYY-MM-DD') AS day, events::int, creations::int, responses::int,
                         reactions::int
                  FROM person_daily WHERE organisation_id = $1 AND person_id IN ${mine}
                  ORDER BY day, creations DESC, responses DESC`),
    ).toEqual([
      { person_id: poster, day: '2026-05-05', events: 1, creations: 1, responses: 0, reactions: 0 },
      { person_id: caller, day: '2026-05-05', events: 1, creations: 0, responses: 1, reactions: 0 },
      { person_id: chatter, day: '2026-05-05', events: 1, creations: 0, responses: 0, reactions: 0 },
      { person_id: caller, day: '2026-05-06', events: 1, creations: 0, responses: 1, reactions: 0 },
    ]);
    // the join is still recorded per type, the 3 unlisted reactions only as volume
    expect(
      await rows(`SELECT type::text, sum(events)::int AS events FROM activity_daily
                  WHERE organisation_id = $1 AND person_id IN ${mine} GROUP BY 1 ORDER BY 1`),
    ).toEqual([
      { type: 'call', events: 1 },
      { type: 'chat', events: 1 },
      { type: 'join', events: 2 },
      { type: 'post', events: 1 },
      { type: 'reply', events: 1 },
    ]);
    expect(
      await rows(`SELECT to_char(day, 'YYYY-MM-DD') AS day, type::text, events::int, largest::int
                  FROM unattributed_daily WHERE organisation_id = $1 AND day BETWEEN '2026-05-04' AND '2026-05-06'`),
    ).toEqual([{ day: '2026-05-05', type: 'reaction', events: 3, largest: 3 }]);
    // the call is an interaction with who started it
    expect(
      await rows(`SELECT actor_id, target_id, interactions::int FROM interaction_daily
                  WHERE organisation_id = $1 AND actor_id IN ${mine}`),
    ).toEqual([{ actor_id: caller, target_id: poster, interactions: 1 }]);
    // a reply whose root is missing still makes a thread: no author, starting (and answered) with the reply
    expect(
      await rows(`SELECT thread_key, root_actor_id, responses, responders, root_at = first_response_at AS answered_at_start
                  FROM thread_rollup WHERE organisation_id = $1 AND thread_key IN ('d-gone', 'd-post') ORDER BY thread_key`),
    ).toEqual([
      { thread_key: 'd-gone', root_actor_id: null, responses: 1, responders: 1, answered_at_start: true },
      { thread_key: 'd-post', root_actor_id: poster, responses: 0, responders: 0, answered_at_start: null },
    ]);
  });

  it('keeps per community and month the active and posting days and running totals of posts and contributions', async () => {
    // Noon in Tokyo; one person of their own, in June and July 2026 (no other test writes there).
    const at = (day: string) => new Date(`${day}T03:00:00Z`);
    const [{ id: person }]: { id: string }[] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'gpm') RETURNING id`,
      [organisationId],
    );
    const event = (id: string, day: string, type: string, group: string | null, count: number) =>
      [id, at(day), type, group, count] as const;
    const events = [
      event('g-join', '2026-06-02', 'join', groupId, 1), // recorded, not activity: no bit
      event('g-post', '2026-06-03', 'post', groupId, 2),
      event('g-reaction', '2026-06-03', 'reaction', groupId, 1),
      event('g-reply', '2026-06-05', 'reply', groupId, 1),
      event('g-read', '2026-06-05', 'read', groupId, 4), // active, neither a post nor given
      event('g-elsewhere', '2026-06-07', 'post', null, 1), // no group: not in the table
      event('g-july', '2026-07-01', 'question', groupId, 1),
    ];
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id, count)
       SELECT $1, $2, e.id, e.at, $3, e.type, e.group_id, e.count
       FROM unnest($4::text[], $5::timestamptz[], $6::activity_type[], $7::uuid[], $8::int[])
         AS e(id, at, type, group_id, count)`,
      [organisationId, sourceId, person, ...[0, 1, 2, 3, 4].map((column) => events.map((e) => e[column]))],
    );
    await refreshRollups(dataSource, organisationId, { from: at('2026-06-02'), to: at('2026-07-01') });
    // Running totals: element i+1 is the total of days 1..i (32 elements).
    const totals = (amounts: Record<number, number>) => {
      const result = [0];
      for (let day = 1; day <= 31; day++) result.push(result[day - 1] + (amounts[day] ?? 0));
      return result;
    };
    expect(
      await dataSource.query(
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, group_id, active, posted, posts, given, replies
         FROM group_person_month WHERE organisation_id = $1 AND person_id = $2 ORDER BY month`,
        [organisationId, person],
      ),
    ).toEqual([
      {
        month: '2026-06-01',
        group_id: groupId,
        active: (1 << 2) | (1 << 4), // days 3 and 5: 4 + 16 = 20
        posted: 1 << 2, // day 3
        posts: totals({ 3: 2 }), // 0, 0, 0, 2, 2, …
        given: totals({ 3: 1, 5: 1 }), // the reaction and the reply: 0, 0, 0, 1, 1, 2, 2, …
        replies: totals({ 5: 1 }), // the reply only: 0, 0, 0, 0, 0, 1, 1, …
      },
      {
        month: '2026-07-01',
        group_id: groupId,
        active: 1,
        posted: 1,
        posts: totals({ 1: 1 }),
        given: totals({}),
        replies: totals({}),
      },
    ]);
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
      `SELECT responses, responders, extract(epoch FROM first_response_at - root_at)::int AS seconds,
              root_type::text, first_responder_id
       FROM thread_rollup WHERE organisation_id = $1 AND thread_key = 'q1'`,
      [organisationId],
    );
    // the author's own follow-up (5 min) does not count: the first response is the answer at 90 min, by
    // the responder (who answered whose question is what the knowledge-flow KPIs read)
    expect(thread).toEqual({
      responses: 2,
      responders: 1,
      seconds: 90 * 60,
      root_type: 'question',
      first_responder_id: responder,
    });
  });

  it('makes no thread of a share with replies, and a rootless one of replies to a reaction’s id', async () => {
    const at = (minutes: number) => new Date(Date.parse('2026-04-02T08:00:00Z') + minutes * 60_000);
    const [author, responder] = people;
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, thread_external_id)
       VALUES ($1, $2, 'sh1', $3, $4, 'share', NULL),
              ($1, $2, 'sh1-reply', $5, $6, 'reply', 'sh1'),
              ($1, $2, 'rx1', $3, $4, 'reaction', NULL),
              ($1, $2, 'rx1-reply', $5, $6, 'reply', 'rx1')`,
      [organisationId, sourceId, at(0), author, at(10), responder],
    );
    await refreshRollups(dataSource, organisationId, { from: at(0), to: at(10) });
    const threads = await dataSource.query(
      `SELECT thread_key, root_actor_id, root_type::text, responses, extract(epoch FROM root_at)::bigint * 1000 AS root_ms
       FROM thread_rollup WHERE organisation_id = $1 AND thread_key IN ('sh1', 'rx1') ORDER BY thread_key`,
      [organisationId],
    );
    // a share is a root of another type (no thread, as before the time-first key); a reaction is never a root
    // (NEVER_ROOT_TYPES), so its replies form a thread without a root, starting with the first reply
    expect(threads).toEqual([
      {
        thread_key: 'rx1',
        root_actor_id: null,
        root_type: null,
        responses: 1,
        root_ms: String(at(10).getTime()),
      },
    ]);
  });

  /** The partial index's predicate, and the parent indexes the planner uses for `lookUp` (sequential scans off). */
  async function partialIndexUse(index: string, lookUp: string) {
    const [row] = await dataSource.query(
      `SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate FROM pg_index i WHERE i.indexrelid = $1::regclass`,
      [index],
    );
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await manager.query(`EXPLAIN ${lookUp}`, [
        organisationId,
        sourceId,
      ]);
      return rows.map((line) => line['QUERY PLAN']).join('\n');
    });
    const used = [...plan.matchAll(/using (\S+) on/g)].map((match) => match[1]);
    const parents: { parent: string }[] = await dataSource.query(
      `SELECT DISTINCT coalesce(p.inhparent::regclass::text, c.relname) AS parent
       FROM pg_class c LEFT JOIN pg_inherits p ON p.inhrelid = c.oid WHERE c.relname = ANY($1)`,
      [used],
    );
    return { predicate: row.predicate as string, used: parents.map((parent) => parent.parent) };
  }

  const enumList = (types: readonly string[]) => types.map((type) => `'${type}'::activity_type`).join(', ');

  it("looks a thread's responses up in the partial responses index, whose predicate lists exactly the response types", async () => {
    // The index holds only responses (migration 1766600000000): a predicate that drifted from
    // THREAD_RESPONSE_TYPES would leave the thread rollup's look-ups to scan the organisation's events.
    const { predicate, used } = await partialIndexUse(
      'activity_events_response_idx',
      `SELECT x.actor_id FROM activity_events x
       WHERE x.organisation_id = $1 AND x.source_id = $2 AND x.thread_external_id = 'q1'
         AND x.type IN (${sqlTypes(THREAD_RESPONSE_TYPES)})`,
    );
    expect(predicate).toBe(
      `((thread_external_id IS NOT NULL) AND (type = ANY (ARRAY[${enumList(THREAD_RESPONSE_TYPES)}])))`,
    );
    expect(used).toEqual(['activity_events_response_idx']);
  });

  it("finds a thread's root by its id in the partial roots index, whose predicate leaves out exactly the never-root types", async () => {
    // The primary key is time first (migration 1766700000000), so a look-up by id alone needs this index; a
    // predicate that drifted from NEVER_ROOT_TYPES would leave the root join to scan every partition's key.
    const { predicate, used } = await partialIndexUse(
      'activity_events_root_idx',
      `SELECT r.actor_id FROM activity_events r
       WHERE r.organisation_id = $1 AND r.source_id = $2 AND r.external_id = 'q1'
         AND r.type NOT IN (${sqlTypes(NEVER_ROOT_TYPES)}) AND NOT r.from_report`,
    );
    expect(predicate).toBe(`((type <> ALL (ARRAY[${enumList(NEVER_ROOT_TYPES)}])) AND (NOT from_report))`);
    expect(used).toEqual(['activity_events_root_idx']);
  });
});
