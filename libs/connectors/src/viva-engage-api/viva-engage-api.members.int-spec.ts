import { HttpClient } from '@uptake/connector-sdk';
import { ingest } from '@uptake/ingest';
import { createScratchSource, readConnector } from '@uptake/ingest/testing';
import { createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { startFakeYammer, type FakeYammer } from './fake-yammer-server';
import { vivaEngageApiConnector } from '.';

const TOKEN = 'yammer-fixture-token';

/*
 * Community membership from /users/in_group/{id}.json, through the pipeline into group_members (what KPI group
 * filters and community health count). fixtures/README.md: Engineering 10 has Alice, Bob, Carol and Dave
 * (yammer:4), Leadership 11 (private) Alice and Carol. The API gives no join time: joined_at stays null.
 */
describe('viva-engage-api community membership, stored', () => {
  let yammer: FakeYammer;
  let dataSource: DataSource;
  let organisationId: string;

  beforeAll(async () => {
    yammer = await startFakeYammer({
      networks: { network: join(__dirname, 'fixtures/network.json') },
      token: TOKEN,
      pageSize: 3,
    });
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const source = await createScratchSource(dataSource, 'viva-engage-api');
    organisationId = source.organisationId;
    const contract = {
      connector: vivaEngageApiConnector,
      http: () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined }),
      now: new Date('2024-04-01T00:00:00Z'),
    };
    const input = { settings: { baseUrl: yammer.url('network') }, credentials: { token: TOKEN } };
    await ingest(dataSource, source, readConnector(contract, input));
    // A second read adds nothing and removes nothing.
    await ingest(dataSource, source, readConnector(contract, input));
  });

  afterAll(async () => {
    if (organisationId) await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource?.destroy();
    await yammer?.close();
  });

  it('stores each community with its listed members (4 and 2), without a join time', async () => {
    const rows: { community: string; name: string; members: number; withJoinTime: number }[] =
      await dataSource.query(
        `SELECT g.external_id AS community, g.name, count(gm.person_id)::int AS members,
                count(gm.joined_at)::int AS "withJoinTime"
         FROM groups g LEFT JOIN group_members gm ON gm.group_id = g.id
         WHERE g.organisation_id = $1 GROUP BY g.external_id, g.name ORDER BY g.external_id`,
        [organisationId],
      );
    expect(rows).toEqual([
      { community: '10', name: 'Engineering', members: 4, withJoinTime: 0 },
      { community: '11', name: 'Private community', members: 2, withJoinTime: 0 },
    ]);
    // Alice and Carol are in both: 4 distinct members in all.
    const [{ people }] = await dataSource.query(
      `SELECT count(DISTINCT person_id)::int AS people FROM group_members WHERE organisation_id = $1`,
      [organisationId],
    );
    expect(people).toBe(4);
  });
});
