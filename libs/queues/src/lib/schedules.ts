import { CronExpressionParser } from 'cron-parser';
import { JOBS, sourceSchedulerId, upsertJobSchedule, type UptakeQueue } from './jobs';
import { DEFAULT_JOB_OPTIONS } from './queues';

export interface ScheduledSource {
  id: string;
  organisationId: string;
  schedule: string | null;
  enabled: boolean;
}

/** Checks a cron expression the way the scheduler will read it; returns the problem or null. */
export function cronProblem(expression: string, timeZone = 'UTC'): string | null {
  try {
    CronExpressionParser.parse(expression, { tz: timeZone });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Makes the source's BullMQ job scheduler match the source: a repeatable `scheduled-sync` job on its cron
 * (in the organisation's time zone) when it has a schedule and is enabled, none otherwise. Idempotent.
 */
export async function applySourceSchedule(
  queue: UptakeQueue<'sync'>,
  source: ScheduledSource,
  timeZone = 'UTC',
): Promise<void> {
  const id = sourceSchedulerId(source.id);
  if (!source.schedule || !source.enabled) {
    await queue.removeJobScheduler(id);
    return;
  }
  await upsertJobSchedule(
    queue,
    id,
    { pattern: source.schedule, tz: timeZone },
    {
      name: JOBS.scheduledSync,
      data: { organisationId: source.organisationId, sourceId: source.id },
      opts: DEFAULT_JOB_OPTIONS,
    },
  );
}

/** Removes schedulers of sources that no longer exist (deleted while the API could not reach Redis). */
export async function removeOrphanSchedules(
  queue: UptakeQueue<'sync'>,
  sourceIds: ReadonlySet<string>,
): Promise<number> {
  let removed = 0;
  for (const scheduler of await queue.getJobSchedulers()) {
    const key = scheduler.key;
    const match = /^source-schedule:(.+)$/.exec(key);
    if (match && !sourceIds.has(match[1])) {
      await queue.removeJobScheduler(key);
      removed++;
    }
  }
  return removed;
}
