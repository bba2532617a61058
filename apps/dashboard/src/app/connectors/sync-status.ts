import type { SyncRunStatus, SyncRunView } from '@uptake/contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Tone = 'ok' | 'warn' | 'danger' | 'progress' | 'neutral';

export interface Badge {
  label: string;
  tone: Tone;
}

const STATUS_BADGES: Record<SyncRunStatus, Badge> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'progress' },
  succeeded: { label: 'Succeeded', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export function statusBadge(status: string): Badge {
  return STATUS_BADGES[status as SyncRunStatus] ?? { label: status, tone: 'neutral' };
}

/** A run that will not change any more: stop following it. */
export function isFinished(status: string): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" (a clock slightly ahead of the server counts as now). */
export function timeAgo(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (elapsed < 45_000) return 'just now';
  return `${span(elapsed)} ago`;
}

/** A rounded span: "45 s", "5 min", "3 h", "1 day", "12 days". */
function span(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} h`;
  const days = Math.round(ms / DAY);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** "850 ms", "12.4 s", "3 min 5 s", "2 h 4 min"; '–' when the run has not started. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ${Math.round((ms % MINUTE) / 1000)} s`;
  return `${Math.floor(ms / HOUR)} h ${Math.round((ms % HOUR) / MINUTE)} min`;
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
  if (!at) return { text: 'never synced', tone: 'danger', ms: null };
  const ms = Math.max(0, now - Date.parse(at));
  const tone: Tone = ms <= DAY + HOUR ? 'ok' : ms <= 7 * DAY ? 'warn' : 'danger';
  return { text: ms < MINUTE ? '< 1 min' : span(ms), tone, ms };
}

/** Whole percent of a transfer or of a run's progress; null when the total is unknown. */
export function percent(done: number | null | undefined, total: number | null | undefined): number | null {
  if (done === null || done === undefined || !total) return null;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
