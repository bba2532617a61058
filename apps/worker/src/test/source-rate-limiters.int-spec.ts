import { testConfig } from '@uptake/testing';
import { randomUUID } from 'node:crypto';
import { SourceRateLimiters } from '../app/sync/source-rate-limiters';

describe('per-source request budgets in Redis', () => {
  const limiters = new SourceRateLimiters(testConfig());
  afterAll(() => limiters.onApplicationShutdown());

  it('lets a source make requestsPerMinute requests, then makes the next one wait, whoever asks', async () => {
    const sourceId = randomUUID();
    // Two limiter objects for one source share the budget, as two worker processes would.
    const first = limiters.forSource(sourceId, { requestsPerMinute: 3 });
    const second = limiters.forSource(sourceId, { requestsPerMinute: 3 });
    await first.acquire();
    await second.acquire();
    await first.acquire();
    const waiting = new AbortController();
    const fourth = second.acquire(waiting.signal).then(
      () => 'granted',
      () => 'still waiting when aborted',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    waiting.abort(new Error('test over'));
    expect(await fourth).toBe('still waiting when aborted');
    // another source has its own budget
    await limiters.forSource(randomUUID(), { requestsPerMinute: 3 }).acquire();
  });

  it('does not limit connectors that declare no budget', async () => {
    const unlimited = limiters.forSource(randomUUID(), {});
    for (let i = 0; i < 100; i++) await unlimited.acquire();
  });
});
