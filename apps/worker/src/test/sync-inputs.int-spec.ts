import type { INestApplicationContext } from '@nestjs/common';
import { ActivitySource, createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import { testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { eventually } from './support';

const SLACK_FIXTURES = join(__dirname, '../../../../libs/connectors/src/slack-export/fixtures');

/**
 * File runs through the real worker: the run's warnings are stored and returned with it; an input that can
 * never be read fails at once (one attempt, not five); a run whose every record was refused fails; a file
 * with nothing in it succeeds with a warning.
 */
describe('sync runs of uploaded files', () => {
  const { databaseUrl, redisUrl } = testStoreUrls();
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let organisation: Organisation;
  let spool: string;

  /** Spools a copy of `path` (the worker deletes it when the run succeeds) and queues a run reading it. */
  const upload = async (connectorType: string, path: string, fileName: string): Promise<SyncRun> => {
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: `${connectorType} ${fileName}`, connectorType });
    const spoolPath = join(spool, `${uniqueSuffix()}-${fileName}`);
    copyFileSync(path, spoolPath);
    const run = await dataSource.getRepository(SyncRun).save({
      organisationId: organisation.id,
      sourceId: source.id,
      trigger: 'upload',
      status: 'queued',
      input: { fileName, size: statSync(spoolPath).size, spoolPath },
    });
    await queue.add(
      JOBS.runSync,
      { organisationId: organisation.id, sourceId: source.id, syncRunId: run.id },
      { jobId: run.id, attempts: 5, backoff: 10 },
    );
    return run;
  };
  const finished = (run: SyncRun) =>
    eventually(
      () => dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id }),
      (current) => current.status === 'succeeded' || current.status === 'failed',
      60_000,
      `run ${run.id} to finish`,
    );
  const file = (name: string, content: string) => {
    const path = join(spool, `source-${name}`);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    spool = mkdtempSync(join(tmpdir(), 'uptake-sync-inputs-'));
    worker = await createWorker(testConfig({ WORKER_CONCURRENCY: '2' }));
    dataSource = await createDataSource(databaseUrl).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redisUrl } });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Inputs', slug: `inputs-${uniqueSuffix()}` });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    if (organisation) await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource?.destroy();
    rmSync(spool, { recursive: true, force: true });
  });

  it('stores a Slack export’s warnings on its run (fixtures/README.md, business/)', async () => {
    const run = await finished(
      await upload('slack-export', join(SLACK_FIXTURES, 'slack-export-business.zip'), 'business.zip'),
    );
    expect(run).toMatchObject({ status: 'succeeded', recordsInserted: 30, recordsQuarantined: 0 });
    const counts = Object.fromEntries(run.warnings.map((w) => [`${w.code} ${w.file ?? ''}`.trim(), w.count]));
    expect(counts).toEqual({
      'slack.skipped-entry canvases/': 1,
      'slack.skipped-entry file_conversations/': 1,
      'slack.skipped-entry huddle_transcripts/': 1,
      'slack.skipped-entry integration_logs.json': 1,
      'slack.skipped-entry lists/': 1,
      'slack.skipped-entry': 1,
      'slack.unlisted-reactions': 4,
      'slack.unknown-subtype.assistant_app_thread': 1,
      'slack.deleted-thread-root': 1,
      'slack.unlisted-folder old-channel/': 1,
    });
    expect(run.warnings.every((w) => w.message.length > 20)).toBe(true);
  });

  it('fails a file that is not a zip at once, saying so, without retrying', async () => {
    const run = await finished(
      await upload('slack-export', file('notes.zip', 'id,name\n1,Ann\n'), 'notes.zip'),
    );
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^notes\.zip is not a readable zip archive/);
    expect(run.attempts).toBe(1);
    expect((await queue.getJob(run.id))?.attemptsMade).toBe(1);
  });

  it('fails a CSV missing a required column at once (the spooled file is kept for a retry)', async () => {
    const path = file('no-type.csv', 'external_id,occurred_at,actor_id\ne1,2026-03-02T09:00:00Z,ann@x.org\n');
    const queued = await upload('csv', path, 'no-type.csv');
    const run = await finished(queued);
    expect(run.status).toBe('failed');
    expect(run.error).toContain('type');
    expect(run.attempts).toBe(1);
    expect(existsSync(queued.input!.spoolPath)).toBe(true);
  });

  it('fails a run whose every record was refused, never a silent success', async () => {
    const csv =
      'external_id,occurred_at,actor_id,type\n' +
      'e1,yesterday,ann@x.org,post\n' +
      'e2,2026-03-02T09:00:00Z,ann@x.org,shout\n';
    const run = await finished(await upload('csv', file('bad.csv', csv), 'bad.csv'));
    expect(run).toMatchObject({ status: 'failed', recordsRead: 0, recordsQuarantined: 2, attempts: 1 });
    expect(run.error).toMatch(/^every record read was refused \(2 records quarantined, none stored\)/);
  });

  it('succeeds with a warning when a file holds nothing to read', async () => {
    const run = await finished(
      await upload('csv', file('header.csv', 'external_id,occurred_at,actor_id,type\n'), 'header.csv'),
    );
    expect(run.status).toBe('succeeded');
    expect(run.warnings).toEqual([expect.objectContaining({ code: 'nothing-read', count: 1 })]);
  });
});
