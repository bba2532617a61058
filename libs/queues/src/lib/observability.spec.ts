import { withRequestId, type RunSyncJob } from './jobs';
import { currentRequestId, runWithRequestId } from './request-context';
import { probeStore, readinessReport } from './store-probe';

describe('request ids on jobs', () => {
  const job: RunSyncJob = { organisationId: 'o', sourceId: 's', syncRunId: 'r' };

  it('adds the current request id, also after awaits', async () => {
    await runWithRequestId('req-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe('req-1');
      expect(withRequestId(job)).toEqual({ ...job, requestId: 'req-1' });
    });
  });

  it('leaves a payload alone outside any request, and keeps an id the payload names', () => {
    expect(currentRequestId()).toBeUndefined();
    expect(withRequestId(job)).toBe(job);
    runWithRequestId('req-2', () => {
      expect(withRequestId({ ...job, requestId: 'req-0' }).requestId).toBe('req-0');
    });
  });
});

describe('store probes', () => {
  it('reports up with a latency, or down with the reason', async () => {
    const up = await probeStore(() => Promise.resolve('PONG'));
    expect(up).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    expect(await probeStore(() => Promise.reject(new Error('ECONNREFUSED')))).toEqual({
      status: 'down',
      error: 'ECONNREFUSED',
    });
  });

  it('gives up on a store that does not answer within the limit', async () => {
    const started = Date.now();
    const hung = await probeStore(() => new Promise(() => undefined), 50);
    expect(hung).toEqual({ status: 'down', error: 'no answer within 50 ms' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('is ready only when every component given is up, naming the others', () => {
    const up = { status: 'up' as const, latencyMs: 1 };
    const down = { status: 'down' as const, error: 'x' };
    expect(readinessReport({ postgres: up, redis: up })).toEqual({
      status: 'ready',
      notReady: [],
      components: { postgres: up, redis: up },
    });
    expect(readinessReport({ postgres: up, redis: down, migrations: down })).toMatchObject({
      status: 'not_ready',
      notReady: ['redis', 'migrations'],
    });
  });
});
