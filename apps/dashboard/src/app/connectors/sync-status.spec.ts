import { syncRun } from './test-data';
import {
  formatDuration,
  isFinished,
  percent,
  sourceLag,
  statusBadge,
  summariseRuns,
  timeAgo,
} from './sync-status';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('timeAgo', () => {
  it.each([
    ['2026-03-10T11:59:30Z', 'just now'],
    ['2026-03-10T12:00:05Z', 'just now'], // the browser clock is a little behind the server's
    ['2026-03-10T11:59:00Z', '1 min ago'],
    ['2026-03-10T11:35:00Z', '25 min ago'],
    ['2026-03-10T09:00:00Z', '3 h ago'],
    ['2026-03-09T12:00:00Z', '1 day ago'],
    ['2026-02-28T12:00:00Z', '10 days ago'],
  ])('%s is %s', (iso, expected) => expect(timeAgo(iso, NOW)).toBe(expected));
});

describe('formatDuration', () => {
  it.each([
    [null, '–'],
    [850, '850 ms'],
    [12_400, '12.4 s'],
    [185_000, '3 min 5 s'],
    [7_440_000, '2 h 4 min'],
  ])('%s ms is %s', (ms, expected) => expect(formatDuration(ms)).toBe(expected));
});

describe('statusBadge and isFinished', () => {
  it('gives each status a label and a tone', () => {
    expect(statusBadge('succeeded')).toEqual({ label: 'Succeeded', tone: 'ok' });
    expect(statusBadge('failed')).toEqual({ label: 'Failed', tone: 'danger' });
    expect(statusBadge('running')).toEqual({ label: 'Running', tone: 'progress' });
    expect(statusBadge('queued')).toEqual({ label: 'Queued', tone: 'neutral' });
    expect(statusBadge('paused')).toEqual({ label: 'paused', tone: 'neutral' });
  });

  it('treats succeeded, failed and cancelled as final', () => {
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].filter(isFinished)).toEqual([
      'succeeded',
      'failed',
      'cancelled',
    ]);
  });
});

describe('summariseRuns', () => {
  it('finds the newest run and the newest successful one, whatever the order', () => {
    const old = syncRun({ id: 'old', createdAt: '2026-03-01T00:00:00Z' });
    const failed = syncRun({ id: 'failed', status: 'failed', createdAt: '2026-03-03T00:00:00Z' });
    const middle = syncRun({ id: 'middle', createdAt: '2026-03-02T00:00:00Z' });
    const summary = summariseRuns([old, failed, middle]);
    expect(summary.lastRun?.id).toBe('failed');
    expect(summary.lastSuccess?.id).toBe('middle');
  });

  it('has neither for a source without runs', () => {
    expect(summariseRuns([])).toEqual({ lastRun: null, lastSuccess: null });
  });
});

describe('sourceLag', () => {
  it('measures from the end of the last successful sync', () => {
    expect(sourceLag(syncRun({ finishedAt: '2026-03-10T09:00:00Z' }), NOW)).toEqual({
      text: '3 h',
      tone: 'ok',
      ms: 3 * 3_600_000,
    });
  });

  it('warns after a day and a bit, and calls a week stale', () => {
    expect(sourceLag(syncRun({ finishedAt: '2026-03-08T12:00:00Z' }), NOW).tone).toBe('warn');
    expect(sourceLag(syncRun({ finishedAt: '2026-03-02T12:00:00Z' }), NOW)).toMatchObject({
      text: '8 days',
      tone: 'danger',
    });
  });

  it('says "< 1 min" right after a sync, and "never synced" without one', () => {
    expect(sourceLag(syncRun({ finishedAt: '2026-03-10T11:59:50Z' }), NOW).text).toBe('< 1 min');
    expect(sourceLag(null, NOW)).toEqual({ text: 'never synced', tone: 'danger', ms: null });
  });
});

describe('percent', () => {
  it('rounds and clamps; unknown totals give null', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(120, 100)).toBe(100);
    expect(percent(5, 0)).toBeNull();
    expect(percent(null, 100)).toBeNull();
    expect(percent(5, undefined)).toBeNull();
  });
});
