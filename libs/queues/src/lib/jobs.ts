import type { Job, JobsOptions, Queue, RepeatOptions } from 'bullmq';
import { QUEUES, type QueueName } from './queues';
import { currentRequestId } from './request-context';

export const JOBS = {
  /** Run an existing sync run (manual, upload, webhook). */
  runSync: 'run-sync',
  /** Emitted by a source's job scheduler: creates a run, then runs it. */
  scheduledSync: 'scheduled-sync',
  refreshRollups: 'refresh-rollups',
  evaluateGates: 'evaluate-gates',
  /** Emitted every minute: find due digests and alert conditions, release held alerts. */
  notificationsTick: 'notifications-tick',
  /** Send one row of the delivery log. */
  deliverNotification: 'deliver-notification',
} as const;

/**
 * What every job may carry besides its payload: the id of the API request that queued it (directly, or
 * through the jobs it caused), so the worker's log lines of the job can be found from the request's.
 */
export interface TracedJob {
  requestId?: string;
}

/** Payloads are small: ids, never data. */
export interface RunSyncJob extends TracedJob {
  organisationId: string;
  sourceId: string;
  syncRunId: string;
}

export interface ScheduledSyncJob extends TracedJob {
  organisationId: string;
  sourceId: string;
}

/** Refresh rollups for the days (in the organisation's time zone) between two instants. */
export interface RefreshRollupsJob extends TracedJob {
  organisationId: string;
  from: string;
  to: string;
  /**
   * The rollup_refresh_requests row the processor marks done once the refresh committed; absent on jobs
   * queued before requests were recorded (they are refreshed all the same).
   */
  refreshRequestId?: string;
}

/**
 * Evaluate rollout gates: one plan, every open plan of an organisation, or (organisationId null, the daily
 * run) every open plan of every organisation.
 */
export interface EvaluateGatesJob extends TracedJob {
  organisationId: string | null;
  planId?: string;
  trigger: 'schedule' | 'ingest' | 'manual' | 'change';
}

/** The scheduler's tick carries nothing: it reads what is due at the time it runs. */
export type NotificationsTickJob = TracedJob;

/** A row of notification_deliveries to send (its content is in the row, or composed at the first attempt). */
export interface DeliverNotificationJob extends TracedJob {
  organisationId: string;
  deliveryId: string;
}

/** The payload of every job by its name: producers (API, worker) and processors type their jobs from it. */
export interface JobPayloads {
  [JOBS.runSync]: RunSyncJob;
  [JOBS.scheduledSync]: ScheduledSyncJob;
  [JOBS.refreshRollups]: RefreshRollupsJob;
  [JOBS.evaluateGates]: EvaluateGatesJob;
  [JOBS.notificationsTick]: NotificationsTickJob;
  [JOBS.deliverNotification]: DeliverNotificationJob;
}
export type JobName = keyof JobPayloads;

/** The jobs each queue carries; its processor handles exactly these. */
export interface QueueJobNames {
  [QUEUES.sync]: typeof JOBS.runSync | typeof JOBS.scheduledSync;
  [QUEUES.recompute]: typeof JOBS.refreshRollups;
  [QUEUES.rollouts]: typeof JOBS.evaluateGates;
  [QUEUES.notifications]: typeof JOBS.notificationsTick | typeof JOBS.deliverNotification;
}

/** The queue a job goes on. */
export type QueueOfJob<N extends JobName> = {
  [Q in QueueName]: N extends QueueJobNames[Q] ? Q : never;
}[QueueName];

/**
 * A queue as its producers hold it, e.g. `@InjectQueue(QUEUES.sync) queue: UptakeQueue<'sync'>`: it takes
 * the payloads of its jobs; addJob() also ties each payload to its job name.
 */
export type UptakeQueue<Q extends QueueName> = Queue<JobPayloads[QueueJobNames[Q]]>;

/**
 * A job as its queue's processor receives it: checking `job.name` narrows `job.data`. `Extra` is what the
 * processor itself keeps on the job (e.g. how long it has waited out an outage).
 */
export type QueueJob<Q extends QueueName, Extra = unknown> = {
  [N in QueueJobNames[Q]]: Job<JobPayloads[N] & Extra, unknown, N>;
}[QueueJobNames[Q]];

/** The payload with the current request's id (see request-context.ts), unless it names one already. */
export function withRequestId<T extends TracedJob>(data: T): T {
  const requestId = data.requestId ?? currentRequestId();
  return requestId === undefined ? data : { ...data, requestId };
}

/**
 * Adds a job whose payload matches its name, on the queue that carries that job, with the id of the request
 * (or job) that queues it.
 */
export async function addJob<N extends JobName>(
  queue: UptakeQueue<QueueOfJob<NoInfer<N>>>,
  name: N,
  data: JobPayloads[N],
  opts?: JobsOptions,
): Promise<void> {
  // The signature ties name, payload and queue together, which BullMQ's own types cannot express.
  await (queue as Queue).add(name, withRequestId(data), opts);
}

/** Creates or updates a job scheduler that adds `name` jobs with this payload on its pattern. */
export async function upsertJobSchedule<N extends JobName>(
  queue: UptakeQueue<QueueOfJob<NoInfer<N>>>,
  schedulerId: string,
  repeat: Pick<RepeatOptions, 'pattern' | 'tz'>,
  job: { name: N; data: JobPayloads[N]; opts?: JobsOptions },
): Promise<void> {
  await (queue as Queue).upsertJobScheduler(schedulerId, repeat, job);
}

/** The job scheduler that evaluates every organisation's rollout gates once a day. */
export const DAILY_GATE_EVALUATION = { schedulerId: 'rollouts-daily', cron: '0 6 * * *' } as const;

/** The job scheduler of the notifications tick (digests due, alert conditions, held alerts). */
export const NOTIFICATIONS_TICK = { schedulerId: 'notifications-tick', cron: '* * * * *' } as const;

/**
 * The job id of a delivery: queuing a delivery that has a job already is a no-op (BullMQ ids may not hold
 * a colon).
 */
export function deliveryJobId(organisationId: string, deliveryId: string): string {
  return `delivery-${organisationId}-${deliveryId}`;
}

/** Evaluations of one organisation (or one plan) requested close together collapse into one. */
export function gateEvaluationDeduplicationId(organisationId: string, planId?: string): string {
  return planId ? `gates:${organisationId}:${planId}` : `gates:${organisationId}`;
}

/** The id of a source's job scheduler (one per source with a schedule). */
export function sourceSchedulerId(sourceId: string): string {
  return `source-schedule:${sourceId}`;
}

/**
 * Queues a sync run for the worker. The run id is the job id, so queuing a run that has a job already is a
 * no-op; `replaceFinished` first removes the run's failed or completed job (a retry, or a run whose outcome
 * was lost), which then frees the id.
 */
export async function enqueueSyncRun(
  queue: UptakeQueue<'sync'>,
  run: { id: string; organisationId: string; sourceId: string },
  options: { replaceFinished?: boolean } = {},
): Promise<void> {
  if (options.replaceFinished) {
    const job = await queue.getJob(run.id);
    if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove();
  }
  const data = { organisationId: run.organisationId, sourceId: run.sourceId, syncRunId: run.id };
  await addJob(queue, JOBS.runSync, data, { jobId: run.id });
}

/**
 * The job id of a recorded rollup refresh request: whoever queues it (the worker or API that recorded it,
 * or the reconciler when Redis lost it) adds it once, as BullMQ ignores an id it holds in any state. No colon.
 */
export function rollupRefreshJobId(request: { organisationId: string; id: string }): string {
  return `rollups-${request.organisationId}-${request.id}`;
}

/** Queues the refresh of a request recorded in rollup_refresh_requests (the only producer of refresh jobs). */
export async function enqueueRollupRefresh(
  queue: UptakeQueue<'recompute'>,
  request: { id: string; organisationId: string; from: Date; to: Date },
): Promise<void> {
  const data = {
    organisationId: request.organisationId,
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    refreshRequestId: request.id,
  };
  await addJob(queue, JOBS.refreshRollups, data, { jobId: rollupRefreshJobId(request) });
}
