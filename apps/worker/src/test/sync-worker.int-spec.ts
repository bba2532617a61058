import type { INestApplicationContext } from '@nestjs/common';
import { generateDemoOrganisation } from '@uptake/demo';
import {
  ActivityEvent,
  ActivitySource,
  createDataSource,
  Organisation,
  Person,
  RolloutGateEvaluation,
  RolloutPhase,
  RolloutPlan,
  SyncRun,
} from '@uptake/persistence';
import { DAILY_GATE_EVALUATION, JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import { testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';

const DEMO = { seed: 7, people: 120, targetEvents: 4_000 };

async function waitForRun(
  dataSource: DataSource,
  id: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<SyncRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await dataSource.getRepository(SyncRun).findOneByOrFail({ id });
    if (statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('sync worker against real Redis and Postgres', () => {
  const { databaseUrl, redisUrl } = testStoreUrls();
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let organisation: Organisation;

  const enqueue = async (sourceId: string): Promise<string> => {
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: organisation.id, sourceId, status: 'queued' });
    await queue.add(
      JOBS.runSync,
      { organisationId: organisation.id, sourceId, syncRunId: run.id },
      { jobId: run.id, attempts: 2, backoff: 10 },
    );
    return run.id;
  };

  beforeAll(async () => {
    const config = testConfig({ WORKER_CONCURRENCY: '2' });
    worker = await createWorker(config);
    dataSource = await createDataSource(databaseUrl).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redisUrl } });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Worker Test', slug: `worker-${uniqueSuffix()}` });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource.destroy();
  });

  it('processes a queued demo sync into Postgres, and a second run adds no duplicates', async () => {
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'demo', connectorType: 'demo', settings: DEMO });
    const expectedEvents = [...generateDemoOrganisation(DEMO).events({ targetEvents: DEMO.targetEvents })]
      .length;

    const first = await waitForRun(dataSource, await enqueue(source.id), ['succeeded', 'failed']);
    expect(first).toMatchObject({
      status: 'succeeded',
      error: null,
      recordsRead: expectedEvents,
      recordsInserted: expectedEvents,
    });
    expect(first.startedAt).toBeInstanceOf(Date);
    expect(first.finishedAt!.getTime()).toBeGreaterThanOrEqual(first.startedAt!.getTime());
    expect(await dataSource.getRepository(ActivityEvent).countBy({ sourceId: source.id })).toBe(
      expectedEvents,
    );
    // people are stored pseudonymised: no demo external id survives
    const people = await dataSource.getRepository(Person).findBy({ organisationId: organisation.id });
    expect(people).toHaveLength(DEMO.people);
    expect(people.some((person) => /^u?\d+$/i.test(person.pseudonym))).toBe(false);

    // The post-ingest recomputation refreshes the daily rollup of the touched days.
    await waitFor(async () => {
      const [{ events }] = await dataSource.query(
        'SELECT coalesce(sum(events), 0)::int AS events FROM activity_daily WHERE organisation_id = $1',
        [organisation.id],
      );
      return events === expectedEvents;
    });

    // The source's checkpoint makes the next sync incremental: nothing new to read.
    const second = await waitForRun(dataSource, await enqueue(source.id), ['succeeded', 'failed']);
    expect(second).toMatchObject({ status: 'succeeded', recordsRead: 0, recordsInserted: 0 });
    expect(await dataSource.getRepository(ActivityEvent).countBy({ sourceId: source.id })).toBe(
      expectedEvents,
    );
  });

  it('creates and runs a sync run for a scheduler tick', async () => {
    const source = await dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: 'scheduled demo',
      connectorType: 'demo',
      settings: { ...DEMO, targetEvents: 500 },
    });
    await queue.add(JOBS.scheduledSync, { organisationId: organisation.id, sourceId: source.id } as never);
    let run: SyncRun | null = null;
    const deadline = Date.now() + 60_000;
    while ((!run || run.status !== 'succeeded') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = await dataSource.getRepository(SyncRun).findOneBy({ sourceId: source.id });
    }
    expect(run).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    expect(run!.recordsInserted).toBeGreaterThan(0);
  });

  it('fails a run whose settings the connector rejects, at once and naming the field', async () => {
    const source = await dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: 'bad demo',
      connectorType: 'demo',
      settings: { people: 1 },
    });
    const run = await waitForRun(dataSource, await enqueue(source.id), ['failed']);
    expect(run.error).toContain('settings.people');
    expect((await queue.getJob(run.id))?.attemptsMade).toBe(1);
  });

  it('fails a run of an unknown connector type at once, with the reason', async () => {
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'mystery', connectorType: 'carrier-pigeon' });
    const run = await waitForRun(dataSource, await enqueue(source.id), ['failed']);
    expect(run.error).toBe("no connector for source type 'carrier-pigeon'");
    const job = await queue.getJob(run.id);
    expect(job?.attemptsMade).toBe(1);
  });

  it('after a sync refreshes the rollups, evaluates the gates of open rollout plans (and keeps a daily run)', async () => {
    const plan = await dataSource
      .getRepository(RolloutPlan)
      .save({ organisationId: organisation.id, name: 'Worker plan', status: 'active' });
    const phase = await dataSource.getRepository(RolloutPhase).save({
      organisationId: organisation.id,
      planId: plan.id,
      position: 0,
      name: 'Everyone',
      status: 'active',
      target: { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] },
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        { id: 'wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0, consecutiveWeeks: 1 },
      ],
    });
    const source = await dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: 'demo 2',
      connectorType: 'demo',
      settings: { ...DEMO, seed: 8 },
    });
    await waitForRun(dataSource, await enqueue(source.id), ['succeeded']);
    let evaluation: RolloutGateEvaluation | null = null;
    await waitFor(async () => {
      evaluation = await dataSource
        .getRepository(RolloutGateEvaluation)
        .findOneBy({ phaseId: phase.id, trigger: 'ingest' });
      return evaluation !== null;
    }, 60_000);
    // Everyone of the organisation is in the phase (both demo sources name the same people, so they are the
    // same pseudonymised people); a threshold of 0 holds in any measured week.
    expect(evaluation).toMatchObject({ planId: plan.id, status: 'pass', population: DEMO.people });
    const rollouts = new Queue(QUEUES.rollouts, { connection: { url: redisUrl } });
    try {
      expect(await rollouts.getJobScheduler(DAILY_GATE_EVALUATION.schedulerId)).toMatchObject({
        pattern: DAILY_GATE_EVALUATION.cron,
      });
    } finally {
      await rollouts.close();
    }
  });
});
