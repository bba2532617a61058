import type { DepartmentFlow } from '@uptake/contracts';
import type { DisclosureRule, PeopleCount } from '../disclosure/cell-key';
import { complementaryHidden } from '../disclosure/cell-key';
import { isSuppressed } from '../disclosure/suppression';
import { publishVolume, type ThreadTallies } from './community-figures';

/** Flows one detail returns at most (largest first). */
export const MAX_DEPARTMENT_FLOWS = 400;

/** First responses of one community from the people of one department to the threads of another. */
export interface DepartmentCell {
  /** Top-level department of the first responder; null when unknown. */
  from: string | null;
  /** Top-level department of the thread's author. */
  to: string | null;
  responses: number;
  responders: PeopleCount;
  authors: PeopleCount;
  /** The most first responses one responder gave in the cell. */
  topResponder: number;
}

const UNKNOWN_DEPARTMENT = 'Unknown department';

/**
 * The published department flows: a cell is shown only when both its responders and its authors are at
 * least k people (one person on a side would show what that person did); the others are left out and counted
 * in `hiddenFlows`. Largest first, at most MAX_DEPARTMENT_FLOWS.
 */
export function departmentFlows(
  cells: readonly DepartmentCell[],
  names: ReadonlyMap<string, string>,
  rule: DisclosureRule,
): { departments: DepartmentFlow[]; hiddenFlows: number } {
  const shown = cells.filter(
    (cell) => !isSuppressed(cell.responders.count, rule) && !isSuppressed(cell.authors.count, rule),
  );
  const name = (id: string | null) => (id === null ? UNKNOWN_DEPARTMENT : (names.get(id) ?? id));
  const departments = shown
    .map((cell) => ({
      fromOrgUnitId: cell.from,
      toOrgUnitId: cell.to,
      fromName: name(cell.from),
      toName: name(cell.to),
      responses: publishVolume(cell.responses, cell.topResponder, cell.responders, rule),
    }))
    .sort(
      (a, b) =>
        (b.responses ?? 0) - (a.responses ?? 0) ||
        a.fromName.localeCompare(b.fromName) ||
        a.toName.localeCompare(b.toName),
    )
    .slice(0, MAX_DEPARTMENT_FLOWS);
  return { departments, hiddenFlows: cells.length - shown.length };
}

/** Upper bounds (hours) of the time-to-first-response buckets; null = later or never answered. */
export const RESPONSE_HOUR_BOUNDS = [1, 4, 24, 168, null] as const;

/** Threads and distinct authors per bucket, in RESPONSE_HOUR_BOUNDS order (exclusive buckets). */
export interface ResponseBucketTally {
  threads: number;
  authors: number;
}

/**
 * Threads by time to first response (≤1 h, ≤4 h, ≤24 h, ≤7 days, later or never). The buckets add up to the
 * threads, so beside the k rule on the authors of all threads, a bucket whose authors are 1..k-1 is withheld
 * with complementary suppression (the others would give it by subtraction).
 */
export function responseHourBuckets(
  buckets: readonly ResponseBucketTally[],
  tallies: ThreadTallies,
  rule: DisclosureRule,
): { upToHours: number | null; threads: number | null }[] {
  const allHidden = isSuppressed(tallies.authors.count, rule);
  const hidden = complementaryHidden(
    buckets.map((bucket) => bucket.authors),
    rule,
  );
  return RESPONSE_HOUR_BOUNDS.map((upToHours, index) => {
    const bucket = buckets[index] ?? { threads: 0, authors: 0 };
    return {
      upToHours,
      threads:
        allHidden || hidden[index]
          ? null
          : publishVolume(bucket.threads, tallies.topAuthorThreads, tallies.authors, rule),
    };
  });
}
