import type { InputFile } from '@uptake/connector-sdk';
import { ingest, type IngestResult } from '@uptake/ingest';
import { createScratchSource, readConnector } from '@uptake/ingest/testing';
import { KpiReports, refreshRollups } from '@uptake/kpi';
import { createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { msGraphReportsConnector } from '.';

/**
 * Microsoft republishes the last days of a report with corrected counts. Re-uploading them must leave the
 * corrected figures, per person, day and kind, with nothing counted twice, and the rollups of the day must
 * follow (see fixtures/README.md for the hand counts).
 */
const contract = { connector: msGraphReportsConnector, now: new Date('2026-03-20T08:00:00.000Z') };
const upload = (name: string) => {
  const path = join(__dirname, 'fixtures', name);
  return { settings: {}, file: (): InputFile => ({ path, name, size: statSync(path).size }) };
};

describe('ms-graph-reports: a republished report re-uploaded (real Postgres)', () => {
  let dataSource: DataSource;
  let scope: { organisationId: string; sourceId: string };

  const read = async (name: string): Promise<IngestResult> => {
    const result = await ingest(dataSource, scope, readConnector(contract, upload(name)), { fileName: name });
    if (result.affectedFrom && result.affectedTo) {
      await refreshRollups(dataSource, scope.organisationId, {
        from: result.affectedFrom,
        to: result.affectedTo,
      });
    }
    return result;
  };
  const stored = async () => {
    const [events]: { rows: number; total: number }[] = await dataSource.query(
      `SELECT count(*)::int AS rows, coalesce(sum(count), 0)::int AS total FROM activity_events
       WHERE organisation_id = $1 AND type IN ('post', 'read', 'reaction')`,
      [scope.organisationId],
    );
    const [daily]: { total: number }[] = await dataSource.query(
      `SELECT coalesce(sum(events), 0)::int AS total FROM activity_daily
       WHERE organisation_id = $1 AND day = '2026-03-16' AND type IN ('post', 'read', 'reaction')`,
      [scope.organisationId],
    );
    return { ...events, daily: daily.total };
  };
  const countOf = async (externalId: string): Promise<number | null> => {
    const rows: { count: number }[] = await dataSource.query(
      'SELECT count FROM activity_events WHERE organisation_id = $1 AND external_id = $2',
      [scope.organisationId, externalId],
    );
    return rows[0]?.count ?? null;
  };

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    scope = await createScratchSource(dataSource, 'ms-graph-reports');
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(scope.organisationId);
    await dataSource.destroy();
  });

  it('replaces corrected counts and withdraws dropped ones; reading it again changes nothing', async () => {
    const first = await read('yammer-activity-user-detail.csv');
    expect(first).toMatchObject({ read: 11, inserted: 11, updated: 0, duplicates: 0 });
    expect(await stored()).toEqual({ rows: 11, total: 71, daily: 71 });

    // anna's posts 3 -> 4 (replaced), ben's likes 2 -> 0 (withdrawn), chloe's reads 0 -> 3 (new).
    const corrected = await read('yammer-activity-user-detail-corrected.csv');
    expect(corrected).toMatchObject({ read: 11, inserted: 1, updated: 2, duplicates: 9 });
    expect(await stored()).toEqual({ rows: 11, total: 73, daily: 73 });
    expect(await countOf('yammer:2026-03-16:anna.schmidt@contoso.com:post')).toBe(4);
    expect(await countOf('yammer:2026-03-16:ben.okafor@contoso.com:reaction')).toBeNull();
    expect(await countOf('yammer:2026-03-16:chloe.martin@contoso.com:read')).toBe(3);

    const again = await read('yammer-activity-user-detail-corrected.csv');
    expect(again).toMatchObject({ inserted: 0, updated: 0, duplicates: 11 });
    expect(await stored()).toEqual({ rows: 11, total: 73, daily: 73 });
  });

  it('keeps Teams chats as activity that makes no one a creator', async () => {
    await read('teams-user-activity-user-detail.csv');
    // ben's only Teams activity is 8 chat messages, and he posted nothing on Viva Engage: active, no creation.
    const [ben]: { events: number; creations: number }[] = await dataSource.query(
      `SELECT d.events::int AS events, d.creations::int AS creations FROM person_daily d
       JOIN activity_daily a ON a.organisation_id = d.organisation_id AND a.person_id = d.person_id AND a.day = d.day
       WHERE d.organisation_id = $1 AND d.day = '2026-03-16' AND a.type = 'chat' AND a.events = 8`,
      [scope.organisationId],
    );
    expect(ben).toEqual({ events: 7 + 8, creations: 0 });
  });

  it('says thread figures are not measurable, never "0 threads", when every post is a report count', async () => {
    const threads: { n: number }[] = await dataSource.query(
      'SELECT count(*)::int AS n FROM thread_rollup WHERE organisation_id = $1',
      [scope.organisationId],
    );
    expect(threads[0].n).toBe(0);
    const { points } = await new KpiReports(dataSource).engagement({
      organisationId: scope.organisationId,
      from: '2026-03-16',
      to: '2026-03-16',
      granularity: 'day',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 2,
      perturbation: false,
    });
    // Posts that day: Viva Engage anna 4, chloe 1, eva 2; Teams channel posts anna 2, chloe 1, farid 1 = 11.
    expect(points).toEqual([
      expect.objectContaining({
        posts: 11,
        threads: null,
        threadsWithResponse: null,
        medianHoursToFirstResponse: null,
        threadsNotMeasurable: expect.objectContaining({ code: 'report-counts-only' }),
      }),
    ]);
    expect(points[0].suppressed).toBeUndefined();
  });
});
