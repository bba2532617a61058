import type { Job } from 'bullmq';
import { addJob, enqueueSyncRun, JOBS, type QueueJob, type UptakeQueue } from './jobs';

type JobState = 'failed' | 'completed' | 'active';

/** The part of a BullMQ queue these helpers use, recording what was added and removed. */
function fakeQueue(existing: Record<string, JobState> = {}) {
  const added: { name: string; data: unknown; opts: unknown }[] = [];
  const removed: string[] = [];
  const queue = {
    add: async (name: string, data: unknown, opts: unknown) => void added.push({ name, data, opts }),
    getJob: async (id: string) =>
      existing[id] && {
        isFailed: async () => existing[id] === 'failed',
        isCompleted: async () => existing[id] === 'completed',
        remove: async () => void removed.push(id),
      },
  };
  return { queue: queue as unknown as UptakeQueue<'sync'>, added, removed };
}

const run = { id: 'run-1', organisationId: 'org-1', sourceId: 'source-1' };

describe('enqueueSyncRun', () => {
  it('adds a run-sync job whose id is the run id', async () => {
    const { queue, added } = fakeQueue();
    await enqueueSyncRun(queue, run);
    expect(added).toEqual([
      {
        name: JOBS.runSync,
        data: { organisationId: 'org-1', sourceId: 'source-1', syncRunId: 'run-1' },
        opts: { jobId: 'run-1' },
      },
    ]);
  });

  it.each<[JobState, string[]]>([
    ['failed', ['run-1']],
    ['completed', ['run-1']],
    ['active', []],
  ])('with replaceFinished, removes the run’s old job first when it is %s', async (state, expected) => {
    const { queue, added, removed } = fakeQueue({ 'run-1': state });
    await enqueueSyncRun(queue, run, { replaceFinished: true });
    expect(removed).toEqual(expected);
    expect(added).toHaveLength(1);
  });

  it('leaves a finished job alone without replaceFinished (the add is then a no-op in BullMQ)', async () => {
    const { queue, removed } = fakeQueue({ 'run-1': 'failed' });
    await enqueueSyncRun(queue, run);
    expect(removed).toEqual([]);
  });
});

describe('the job map', () => {
  it('ties job names to payloads and queues (checked by the typecheck target)', async () => {
    const { queue, added } = fakeQueue();
    const recompute = queue as unknown as UptakeQueue<'recompute'>;
    await addJob(recompute, JOBS.refreshRollups, { organisationId: 'o', from: 'a', to: 'b' });
    // @ts-expect-error a refresh job has no syncRunId
    await addJob(recompute, JOBS.refreshRollups, { organisationId: 'o', syncRunId: 'r', sourceId: 's' });
    // @ts-expect-error a refresh job does not go on the sync queue
    await addJob(queue, JOBS.refreshRollups, { organisationId: 'o', from: 'a', to: 'b' });
    expect(added.map((job) => job.name)).toEqual([
      JOBS.refreshRollups,
      JOBS.refreshRollups,
      JOBS.refreshRollups,
    ]);

    const job = { name: JOBS.scheduledSync, data: { organisationId: 'o', sourceId: 's' } } as Job;
    const received = job as QueueJob<'sync'>;
    // Checking the name narrows the payload.
    const runId = received.name === JOBS.runSync ? received.data.syncRunId : undefined;
    expect(runId).toBeUndefined();
  });
});
