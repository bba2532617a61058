import type { SyncRunView } from '@uptake/contracts';
import { formatNumber } from '../shared/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Tone = 'ok' | 'warn' | 'danger' | 'progress' | 'neutral';

export interface Badge {
  label: string;
  tone: Tone;
}

/** A run's status as a badge; a status this page does not know reads as the API sends it. */
export function statusBadge(status: string): Badge {
  switch (status) {
    case 'queued':
      return { label: $localize`:@@connectors.status.queued:Queued`, tone: 'neutral' };
    case 'running':
      return { label: $localize`:@@connectors.status.running:Running`, tone: 'progress' };
    case 'succeeded':
      return { label: $localize`:@@connectors.status.succeeded:Succeeded`, tone: 'ok' };
    case 'failed':
      return { label: $localize`:@@connectors.status.failed:Failed`, tone: 'danger' };
    case 'cancelled':
      return { label: $localize`:@@connectors.status.cancelled:Cancelled`, tone: 'neutral' };
    default:
      return { label: status, tone: 'neutral' };
  }
}

/** What started a run; a trigger this page does not know reads as the API sends it. */
export function triggerName(trigger: string): string {
  switch (trigger) {
    case 'manual':
      return $localize`:@@connectors.trigger.manual:manual`;
    case 'schedule':
      return $localize`:@@connectors.trigger.schedule:schedule`;
    case 'upload':
      return $localize`:@@connectors.trigger.upload:upload`;
    case 'webhook':
      return $localize`:@@connectors.trigger.webhook:webhook`;
    case 'demo':
      return $localize`:@@connectors.trigger.demo:demo`;
    default:
      return trigger;
  }
}

/** A run that will not change any more: stop following it. */
export function isFinished(status: string): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" (a clock slightly ahead of the server counts as now). */
export function timeAgo(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (elapsed < 45_000) return $localize`:@@connectors.time.justNow:just now`;
  const ago = span(elapsed);
  return $localize`:@@connectors.time.ago:${ago}:span: ago`;
}

/** A rounded span: "45 s", "5 min", "3 h", "1 day", "12 days". */
function span(ms: number): string {
  if (ms < MINUTE) return seconds(formatNumber(Math.round(ms / 1000)));
  if (ms < HOUR) return minutes(Math.round(ms / MINUTE));
  if (ms < DAY) return hours(Math.round(ms / HOUR));
  const days = Math.round(ms / DAY);
  return days === 1
    ? $localize`:@@connectors.time.day:1 day`
    : $localize`:@@connectors.time.days:${formatNumber(days)}:days: days`;
}

function seconds(value: string): string {
  return $localize`:@@connectors.time.seconds:${value}:seconds: s`;
}

function minutes(value: number): string {
  return $localize`:@@connectors.time.minutes:${formatNumber(value)}:minutes: min`;
}

function hours(value: number): string {
  return $localize`:@@connectors.time.hours:${formatNumber(value)}:hours: h`;
}

/** "850 ms", "12.4 s", "3 min 5 s", "2 h 4 min"; '–' when the run has not started. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return $localize`:@@connectors.time.milliseconds:${formatNumber(Math.round(ms))}:ms: ms`;
  if (ms < MINUTE) return seconds(formatNumber(ms / 1000, 1, 1));
  if (ms < HOUR)
    return `${minutes(Math.floor(ms / MINUTE))} ${seconds(formatNumber(Math.round((ms % MINUTE) / 1000)))}`;
  return `${hours(Math.floor(ms / HOUR))} ${minutes(Math.round((ms % HOUR) / MINUTE))}`;
}

export interface SourceRuns {
  /** The newest run, whatever its state: its counts are the ones shown (live while it runs). */
  lastRun: SyncRunView | null;
  /** The newest run that succeeded: what the data is as fresh as. */
  lastSuccess: SyncRunView | null;
}

/** Summarises a source's runs (any order). */
export function summariseRuns(runs: readonly SyncRunView[]): SourceRuns {
  const newestFirst = [...runs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return {
    lastRun: newestFirst[0] ?? null,
    lastSuccess: newestFirst.find((run) => run.status === 'succeeded') ?? null,
  };
}

export interface Lag {
  text: string;
  tone: Tone;
  /** Milliseconds behind; null when the source never synced successfully. */
  ms: number | null;
}

/**
 * How far behind the source is: now − the end of its last successful sync. (The API does not expose the
 * newest event time of a source yet, so file sources are measured by their last successful upload too.)
 * Up to a day behind is fine for daily schedules; over a week is stale.
 */
export function sourceLag(lastSuccess: SyncRunView | null, now: number): Lag {
  const at = lastSuccess?.finishedAt ?? null;
  if (!at) return { text: $localize`:@@connectors.lag.never:never synced`, tone: 'danger', ms: null };
  const ms = Math.max(0, now - Date.parse(at));
  const tone: Tone = ms <= DAY + HOUR ? 'ok' : ms <= 7 * DAY ? 'warn' : 'danger';
  return { text: ms < MINUTE ? $localize`:@@connectors.lag.underAMinute:< 1 min` : span(ms), tone, ms };
}

/** Whole percent of a transfer or of a run's progress; null when the total is unknown. */
export function percent(done: number | null | undefined, total: number | null | undefined): number | null {
  if (done === null || done === undefined || !total) return null;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
