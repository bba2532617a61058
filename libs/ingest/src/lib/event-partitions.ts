import type { PoolClient } from 'pg';

/**
 * Creates the monthly partitions of activity_events (UTC months) that events of `first` .. `last` need, so none
 * lands in the default partition. The database function locks the table (SHARE UPDATE EXCLUSIVE) only when a month is missing, so
 * several workers create a month once and the common case (all exist) takes no lock.
 *
 * Call it outside a long transaction when you can (the pipeline does, before each batch's transaction): creating a
 * month holds a SHARE UPDATE EXCLUSIVE lock on activity_events until commit, which serialises other creators.
 * Returns how many partitions were created.
 */
export async function ensureEventPartitions(client: PoolClient, first: Date, last: Date): Promise<number> {
  const { rows } = await client.query<{ created: number }>(
    'SELECT activity_events_ensure_partitions($1, $2) AS created',
    [first, last],
  );
  return rows[0].created;
}

/** The earliest and latest of `times` (null when empty), in one pass. */
export function timeSpan(times: Iterable<Date>): { first: Date; last: Date } | null {
  // Compared as numbers: relational operators on Dates convert both sides on every comparison (hot path).
  let first: Date | null = null;
  let last: Date | null = null;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const time of times) {
    const ms = time.getTime();
    if (ms < firstMs) {
      firstMs = ms;
      first = time;
    }
    if (ms > lastMs) {
      lastMs = ms;
      last = time;
    }
  }
  return first && last ? { first, last } : null;
}

/**
 * The UTC months a writer has already ensured, so a run's batches in known months cost no statement. Kept per
 * ingest (a run): a month dropped meanwhile by retention is at worst written to the default partition, from
 * which the next creation of that month moves its rows.
 */
export class EnsuredMonths {
  private readonly months = new Set<number>();

  /** Creates the missing months of `times` unless each was ensured before (then no statement at all). */
  async ensure(client: PoolClient, times: Iterable<Date>): Promise<void> {
    const span = timeSpan(times);
    if (!span || this.covers(span.first, span.last)) return;
    await ensureEventPartitions(client, span.first, span.last);
    this.add(span.first, span.last);
  }

  /** Whether every month of first .. last was ensured. */
  covers(first: Date, last: Date): boolean {
    for (let month = monthIndex(first); month <= monthIndex(last); month++) {
      if (!this.months.has(month)) return false;
    }
    return true;
  }

  add(first: Date, last: Date): void {
    for (let month = monthIndex(first); month <= monthIndex(last); month++) this.months.add(month);
  }
}

function monthIndex(time: Date): number {
  return time.getUTCFullYear() * 12 + time.getUTCMonth();
}
