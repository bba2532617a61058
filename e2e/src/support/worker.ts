/** The queue states that mean the worker still has work in hand (delayed jobs are schedules and retries). */
const BUSY_STATES = new Set(['waiting', 'active']);
const QUEUE_JOBS = /^uptake_queue_jobs\{queue="([^"]+)",state="([^"]+)"\} (\d+)$/gm;

/** Jobs waiting or running per queue, read from the API's Prometheus metrics (open to loopback callers). */
export async function busyJobs(baseUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${baseUrl}/api/metrics`);
  if (!response.ok) throw new Error(`GET /api/metrics answered ${response.status}`);
  const busy: Record<string, number> = {};
  for (const [, queue, state, count] of (await response.text()).matchAll(QUEUE_JOBS)) {
    if (BUSY_STATES.has(state)) busy[queue] = (busy[queue] ?? 0) + Number(count);
  }
  if (Object.keys(busy).length === 0) throw new Error('GET /api/metrics reported no queue (Redis not read?)');
  return busy;
}

/**
 * Waits until no queue has a job waiting or running in three reads in a row, half a second apart: what an
 * earlier suite changed (a phase target, a sync, a setting) has then been computed and the figures the pages
 * show stay put while a suite compares them. Fails with the busy queues when the worker does not settle.
 */
export async function waitForQuietWorker(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietReads = 0;
  let last: Record<string, number> = {};
  while (quietReads < 3) {
    if (Date.now() > deadline)
      throw new Error(`the worker did not settle: busy jobs ${JSON.stringify(last)}`);
    last = await busyJobs(baseUrl);
    quietReads = Object.values(last).every((count) => count === 0) ? quietReads + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
