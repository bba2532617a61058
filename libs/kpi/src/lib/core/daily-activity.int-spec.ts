import { createDataSource, Organisation, ActivitySource, Person, ActivityEvent } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { queryDailyActivity } from './daily-activity';

describe('queryDailyActivity against Postgres', () => {
  let dataSource: DataSource;
  let organisation: Organisation;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Berlin GmbH', slug: `berlin-${uniqueSuffix()}`, timeZone: 'Europe/Berlin' });
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'test', connectorType: 'csv' });
    const people = await dataSource
      .getRepository(Person)
      .save(Array.from({ length: 6 }, (_, i) => ({ organisationId: organisation.id, pseudonym: `p${i}` })));
    const event = (n: number, person: number, at: string) => ({
      organisationId: organisation.id,
      sourceId: source.id,
      externalId: `e${n}`,
      actorId: people[person].id,
      type: 'post' as const,
      occurredAt: new Date(at),
    });
    await dataSource.getRepository(ActivityEvent).insert([
      // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin: counts for 2 March.
      event(1, 0, '2026-03-01T23:30:00Z'),
      // six people on 2 March (Berlin), one of them twice
      ...[1, 2, 3, 4, 5].map((p) => event(10 + p, p, '2026-03-02T10:00:00Z')),
      event(20, 5, '2026-03-02T11:00:00Z'),
      // two people on 3 March: below k
      event(30, 0, '2026-03-03T10:00:00Z'),
      event(31, 1, '2026-03-03T10:00:00Z'),
    ]);
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource.destroy();
  });

  it('cuts days in the organisation time zone and suppresses small days', async () => {
    const series = await queryDailyActivity(
      dataSource,
      organisation.id,
      { from: '2026-03-01', to: '2026-03-03' },
      5,
    );
    expect(series.points).toEqual([
      { day: '2026-03-01', activePeople: 0, events: 0 },
      { day: '2026-03-02', activePeople: 6, events: 7 },
      {
        day: '2026-03-03',
        activePeople: null,
        events: null,
        suppressed: { code: 'below-k', minGroupSize: 5 },
      },
    ]);
  });
});
