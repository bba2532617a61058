import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { refreshRollups } from '../core/rollups';
import type { Population } from '../core/population';
import { communityWindow, loadCommunityActivity, loadCommunityPersonTotals } from './communities-data';
import { seedCommunityOrganisation, type CommunityOrganisation } from './test/community-organisation';

/*
 * The loaders' true counts (before any disclosure control) over group_person_month, on the organisation of
 * test/community-organisation.ts plus three events in February/March, in a range that cuts months and weeks:
 * 2026-02-26 (Thu) .. 2026-03-04 (Wed). Its series starts 4 weeks before the last week (03-02): 02-02, 02-09,
 * 02-16, 02-23 (Mon 02-23 .. Sun 03-01: split over February and March) and 03-02 (cut at 03-04).
 *
 * Added: s3 posts in Small on 02-27 and 03-01 (the two halves of the split week), h3 reads Small on 02-28;
 * s4 reacts in Thriving on 03-04 (given, but no reply).
 */
describe('community activity from group_person_month', () => {
  let dataSource: DataSource;
  let org: CommunityOrganisation;
  const window = communityWindow('2026-02-26', '2026-03-04');
  let keyOf: (...names: string[]) => number;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedCommunityOrganisation(dataSource);
    const [{ id: sourceId }] = await dataSource.query(
      `SELECT id FROM data_sources WHERE organisation_id = $1`,
      [org.organisationId],
    );
    const extra: [string, string, string, string, string][] = [
      ['X-s3-feb', '2026-02-27T10:00:00Z', 's3', 'post', org.groups.small],
      ['X-s3-mar', '2026-03-01T10:00:00Z', 's3', 'post', org.groups.small],
      ['X-h3-feb', '2026-02-28T10:00:00Z', 'h3', 'read', org.groups.small],
      ['X-s4-reaction', '2026-03-04T12:00:00Z', 's4', 'reaction', org.groups.thriving],
    ];
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id, count)
       SELECT $1, $2, e.id, e.at, e.actor, e.type, e.group_id, 1
       FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[], $7::uuid[])
         AS e(id, at, actor, type, group_id)`,
      [
        org.organisationId,
        sourceId,
        extra.map((event) => event[0]),
        extra.map((event) => event[1]),
        extra.map((event) => org.people[event[2]]),
        extra.map((event) => event[3]),
        extra.map((event) => event[4]),
      ],
    );
    await refreshRollups(dataSource, org.organisationId, {
      from: '2026-02-27T00:00:00Z',
      to: '2026-03-04T23:59:59Z',
    });
    const keys = new Map<string, number>(
      (
        await dataSource.query(`SELECT id, record_key FROM people WHERE organisation_id = $1`, [
          org.organisationId,
        ])
      ).map((row: { id: string; record_key: string }) => [row.id, Number(row.record_key)]),
    );
    keyOf = (...names) => names.reduce((sum, name) => sum + (keys.get(org.people[name]) ?? 0), 0) % 2 ** 32;
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  const everyone = (): Population => ({ organisationId: org.organisationId, orgUnitId: null, groupId: null });
  const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

  it('cuts the range, 28 and 365 days out of the months, and adds up a week split over two months', async () => {
    const activity = await loadCommunityActivity(dataSource, everyone(), window, null);
    // Empty has no activity and Pilot is a cohort: no entry.
    expect([...activity.keys()].sort()).toEqual(
      [org.groups.thriving, org.groups.broadcast, org.groups.small].sort(),
    );

    const thriving = activity.get(org.groups.thriving);
    // In the range: T1 s1 03-03, e1's reply 03-03, T3 e1 03-04, s4's reply and reaction 03-04.
    expect(thriving?.active).toEqual({ count: 3, key: keyOf('s1', 'e1', 's4') });
    expect(thriving?.active28).toEqual({ count: 3, key: keyOf('s1', 'e1', 's4') });
    // 2025-03-05 .. 2026-03-04: s1..s6 e1 e2 (read 2025-12-15) and h1 h2 (2025-11-15); the 03-24 reads are later.
    expect(thriving?.active365.count).toBe(10);
    expect(sorted(thriving?.posts ?? [])).toEqual([1, 1]); // s1 T1, e1 T3
    // given + received: s1 0 + 1 (T1's reply), e1 1 + 1 (T3's reply), s4 2 (reply and reaction) + 0
    expect(sorted(thriving?.interactions ?? [])).toEqual([1, 2, 2]);
    // Only the week of 03-02 (03-02 .. 03-04) has Thriving activity: 3 people, 2 posts by 2 posters.
    expect(Object.fromEntries(thriving?.weeks ?? [])).toEqual({
      '2026-03-02': {
        activePeople: { count: 3, key: keyOf('s1', 'e1', 's4') },
        posts: 2,
        posters: 2,
        topPoster: 1,
      },
    });

    const broadcast = activity.get(org.groups.broadcast);
    // h1 posts 03-02 and 03-04, h2 03-03; e1 e2 e3 read it on 2025-12-01 (365 days only).
    expect(broadcast?.active.count).toBe(2);
    expect(broadcast?.active365).toEqual({ count: 5, key: keyOf('h1', 'h2', 'e1', 'e2', 'e3') });
    expect(sorted(broadcast?.posts ?? [])).toEqual([1, 2]);
    expect(broadcast?.interactions).toEqual([0, 0]); // nobody answers, nobody gives
    expect(Object.fromEntries(broadcast?.weeks ?? [])).toEqual({
      '2026-03-02': {
        activePeople: { count: 2, key: keyOf('h1', 'h2') },
        posts: 3,
        posters: 2,
        topPoster: 2,
      },
    });

    const small = activity.get(org.groups.small);
    // s3 and h3 in February and March; their 03-11 / 03-12 events are after the range.
    expect(small?.active).toEqual({ count: 2, key: keyOf('s3', 'h3') });
    expect(small?.active365.count).toBe(2);
    expect(small?.posts).toEqual([2]);
    expect(small?.interactions).toEqual([0, 0]);
    // The week of 02-23 is 02-27 + 02-28 (February) and 03-01 (March): s3 counts once, with both posts.
    expect(Object.fromEntries(small?.weeks ?? [])).toEqual({
      '2026-02-23': {
        activePeople: { count: 2, key: keyOf('s3', 'h3') },
        posts: 2,
        posters: 1,
        topPoster: 2,
      },
    });
  });

  it('reads one community, or none for an empty population', async () => {
    const one = await loadCommunityActivity(dataSource, everyone(), window, org.groups.small);
    expect([...one.keys()]).toEqual([org.groups.small]);
    expect(one.get(org.groups.small)?.posts).toEqual([2]);
    // The Empty channel has no members: its population is nobody.
    const nobody = await loadCommunityActivity(
      dataSource,
      { ...everyone(), groupId: org.groups.empty },
      window,
      null,
    );
    expect(nobody.size).toBe(0);
  });

  it('totals the active people of one community for its personas: replies only, not reactions', async () => {
    const byReplies = (rows: { threads: number; answeredThreads: number; replies: number }[]) =>
      [...rows].sort((a, b) => a.threads - b.threads || a.replies - b.replies);
    // s4 replied once and reacted once: 1 reply; s1 and e1 started one answered thread each, e1 replied once.
    expect(
      byReplies(await loadCommunityPersonTotals(dataSource, everyone(), window, org.groups.thriving)),
    ).toEqual([
      { threads: 0, answeredThreads: 0, replies: 1 },
      { threads: 1, answeredThreads: 1, replies: 0 },
      { threads: 1, answeredThreads: 1, replies: 1 },
    ]);
    // s3's two unanswered posts, h3 only read
    expect(
      byReplies(await loadCommunityPersonTotals(dataSource, everyone(), window, org.groups.small)),
    ).toEqual([
      { threads: 0, answeredThreads: 0, replies: 0 },
      { threads: 2, answeredThreads: 0, replies: 0 },
    ]);
    expect(await loadCommunityPersonTotals(dataSource, everyone(), window, org.groups.empty)).toEqual([]);
  });
});
