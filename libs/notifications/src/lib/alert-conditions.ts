import type { AlertCondition, ThresholdDirection } from '@uptake/contracts';
import { CronExpressionParser } from 'cron-parser';

type StaleCondition = Extract<AlertCondition, { kind: 'source_stale' }>;

/** What staleness needs of a source. */
export interface SourceSyncState {
  schedule: string | null;
  createdAt: Date;
  lastSuccessAt: Date | null;
}

/** The time between two scheduled syncs of a cron expression (in the organisation's zone), or null. */
export function scheduleInterval(schedule: string, timeZone: string, now: Date): number | null {
  try {
    const cron = CronExpressionParser.parse(schedule, { tz: timeZone, currentDate: now });
    const first = cron.next().getTime();
    const second = cron.next().getTime();
    return second - first;
  } catch {
    return null;
  }
}

/**
 * How long a source may go without a successful sync before it is stale: N× its schedule's interval, or
 * `unscheduledHours` for a source without a (readable) schedule.
 */
export function staleAfterMs(
  source: SourceSyncState,
  condition: StaleCondition,
  timeZone: string,
  now: Date,
): number {
  const interval = source.schedule ? scheduleInterval(source.schedule, timeZone, now) : null;
  return interval !== null ? interval * condition.scheduleMultiple : condition.unscheduledHours * 3_600_000;
}

/**
 * Whether the source is stale at `now`. A source that never succeeded counts from its creation, so a new
 * source is not stale before it had the chance to sync.
 */
export function isStale(
  source: SourceSyncState,
  condition: StaleCondition,
  timeZone: string,
  now: Date,
): boolean {
  const since = source.lastSuccessAt ?? source.createdAt;
  return now.getTime() - since.getTime() > staleAfterMs(source, condition, timeZone, now);
}

/** Where a figure stands against a threshold, and whether this reading is a new crossing. */
export interface Crossing {
  /** Beyond the threshold now; unchanged (the previous reading) when the figure is withheld. */
  beyond: boolean | null;
  fires: boolean;
}

/**
 * A threshold alert fires when the figure crosses: beyond the threshold now, and not beyond (or unknown: a
 * new rule) at the previous reading. A withheld figure (null: below k, not measurable) neither fires nor
 * resets, so a figure that hovers around k does not fire at every reappearance.
 */
export function crossing(
  previous: boolean | null | undefined,
  value: number | null,
  direction: ThresholdDirection,
  threshold: number,
): Crossing {
  if (value === null || !Number.isFinite(value)) return { beyond: previous ?? null, fires: false };
  const beyond = direction === 'above' ? value > threshold : value < threshold;
  return { beyond, fires: beyond && previous !== true };
}
