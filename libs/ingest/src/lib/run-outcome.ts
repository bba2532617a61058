import type { RunWarning } from '@uptake/contracts';

/** A run's committed counts (as on sync_runs). */
export interface RunCounts {
  recordsRead: number;
  recordsUsage: number;
  recordsDirectory: number;
  recordsQuarantined: number;
}

/**
 * What a finished read means. Records were read but every one was refused: the run failed, never a silent
 * success (the data is not there, and the quarantined records say why). A file that held nothing Uptake
 * reads succeeds with a warning. API syncs that found nothing new are simply done.
 */
export function runOutcome(
  counts: RunCounts,
  input: 'file' | 'api',
): { failure: string } | { warning: RunWarning } | null {
  const stored = counts.recordsRead + counts.recordsUsage + counts.recordsDirectory;
  if (stored > 0) return null;
  if (counts.recordsQuarantined > 0) {
    const records = counts.recordsQuarantined === 1 ? '1 record' : `${counts.recordsQuarantined} records`;
    return {
      failure:
        `every record read was refused (${records} quarantined, none stored): ` +
        'see the quarantined records for the file, line and reason, fix the input and upload it again',
    };
  }
  if (input === 'api') return null;
  return {
    warning: {
      code: 'nothing-read',
      message: 'The input held no activity, usage or directory records: no figure changed.',
      count: 1,
    },
  };
}
