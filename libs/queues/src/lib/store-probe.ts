import type { HealthComponent, ReadinessReport } from '@uptake/contracts';

/** A probe that has not answered within this long counts as down: probes must stay cheap for the prober. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * Runs one health check (a `SELECT 1`, a Redis PING, …) with a time limit: up with its round trip, or down
 * with the reason. Shared by the API's and the worker's health endpoints, so both report stores alike.
 */
export async function probeStore(
  check: () => Promise<unknown>,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<HealthComponent> {
  const started = performance.now();
  try {
    await withTimeout(check(), timeoutMs);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

/** `work`, or a rejection naming the limit once `timeoutMs` have passed (the work itself is not stopped). */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

type Readiness = ReadinessReport['components'];

/** Ready only when every component given is up; `notReady` names the others (what an operator must fix). */
export function readinessReport(components: Readiness): ReadinessReport {
  const notReady = (Object.entries(components) as [keyof Readiness, HealthComponent | undefined][])
    .filter(([, component]) => component !== undefined && component.status !== 'up')
    .map(([name]) => name);
  return { status: notReady.length === 0 ? 'ready' : 'not_ready', notReady, components };
}
