import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { ActivitySource } from './entities/data-source.entity';
import { Organisation } from './entities/organisation.entity';
import { SyncRun, type SyncRunStatus } from './entities/sync-run.entity';
import { cleanSpool, spoolUsage } from './spool';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const OPTIONS = { orphanGraceMs: 60 * MINUTE, failedRetentionMs: 7 * DAY };

describe('the spool', () => {
  let dataSource: DataSource;
  let organisation: Organisation;
  let source: ActivitySource;
  let spoolDir: string;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Spool', slug: `spool-${uniqueSuffix()}` });
    source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'uploads', connectorType: 'csv' });
    spoolDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-spool-'));
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource.destroy();
    await rm(spoolDir, { recursive: true, force: true });
  });

  /** A spool file last written `ageMs` ago, optionally the input of a run in `status`. */
  async function spooled(ageMs: number, run?: { status: SyncRunStatus; finishedAgoMs?: number }) {
    const file = path.join(spoolDir, randomUUID());
    await writeFile(file, 'external_id,occurred_at\n');
    const time = new Date(Date.now() - ageMs);
    await utimes(file, time, time);
    if (run) {
      await dataSource.getRepository(SyncRun).save({
        organisationId: organisation.id,
        sourceId: source.id,
        trigger: 'upload',
        status: run.status,
        finishedAt: run.finishedAgoMs === undefined ? null : new Date(Date.now() - run.finishedAgoMs),
        input: { fileName: 'activity.csv', size: 24, spoolPath: file },
      });
    }
    return file;
  }

  it('removes what no run needs once older than the grace period, and keeps what a run may still read', async () => {
    const files = {
      cutOffUpload: await spooled(2 * 60 * MINUTE),
      uploadInProgress: await spooled(MINUTE),
      queued: await spooled(3 * DAY, { status: 'queued' }),
      running: await spooled(3 * DAY, { status: 'running' }),
      failedYesterday: await spooled(2 * DAY, { status: 'failed', finishedAgoMs: DAY }),
      failedLongAgo: await spooled(9 * DAY, { status: 'failed', finishedAgoMs: 8 * DAY }),
      succeeded: await spooled(2 * 60 * MINUTE, { status: 'succeeded', finishedAgoMs: 2 * 60 * MINUTE }),
    };
    expect(await spoolUsage(spoolDir)).toMatchObject({ files: 7, bytes: 7 * 24, truncated: false });

    const result = await cleanSpool(dataSource, spoolDir, OPTIONS);

    expect(result).toEqual({ removed: 3, removedBytes: 3 * 24, kept: 4, scratchRemoved: 0 });
    const left = Object.entries(files)
      .filter(([, file]) => existsSync(file))
      .map(([name]) => name);
    expect(left.sort()).toEqual(['failedYesterday', 'queued', 'running', 'uploadInProgress']);
    expect((await spoolUsage(spoolDir)).files).toBe(4);
  });

  it('reports an empty or missing spool as empty', async () => {
    const missing = path.join(spoolDir, 'not-created-yet');
    expect(await spoolUsage(missing)).toEqual({
      files: 0,
      bytes: 0,
      oldestModifiedAt: null,
      truncated: false,
    });
    expect(await cleanSpool(dataSource, missing, OPTIONS)).toEqual({
      removed: 0,
      removedBytes: 0,
      kept: 0,
      scratchRemoved: 0,
    });
  });
});
