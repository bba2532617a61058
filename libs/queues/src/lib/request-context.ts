import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the API request (or of the job) being served, for the jobs it queues: `addJob` puts it in their
 * data as `requestId`, so one id follows a request from its log lines into the worker's. Held in async
 * context rather than passed by hand, so no producer between a controller and `addJob` has to carry it.
 */
const requestContext = new AsyncLocalStorage<string>();

/** Runs `work` with `requestId` as the current request id (for everything it awaits or schedules). */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return requestContext.run(requestId, work);
}

/** The current request's id, or undefined outside any request or job. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore();
}
