import type { EngagementPoint } from '@uptake/contracts';
import { publishMagnitude, type DisclosureRule, type PeopleCount } from '../disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';
import type { Period } from '../core/periods';

/** One period of the engagement query (engagement-sql.ts) as Postgres returns it. */
export interface EngagementRow {
  start_day: string;
  active: number;
  /** Cell keys of the active people and of the thread authors, and the largest single contributions. */
  active_key?: number;
  authors_key?: number;
  top_posts?: string;
  top_replies?: string;
  top_reactions?: string;
  top_threads?: number;
  posts: string;
  replies: string;
  reactions: string;
  threads: number;
  authors: number;
  answered: number;
  median_hours: number | null;
  /** Null when the population is filtered (unattributed volume belongs to no unit or group). */
  unattributed_reactions: string | null;
  unattributed_largest: string;
}

const THREADS_NOT_MEASURABLE = {
  code: 'report-counts-only',
  message:
    "The population's posts in this period come only from usage reports, which count posts per person and " +
    'day: threads and their answers are not measurable.',
} as const;

/**
 * The engagement query's rows as published: the k rule on the active people and on the thread authors, then
 * the cell-key perturbation.
 */
export function engagementPoints(
  rows: EngagementRow[],
  periods: readonly Period[],
  rule: DisclosureRule,
): EngagementPoint[] {
  return rows.map((row, index): EngagementPoint => {
    const period = periods[index];
    const active = { count: row.active, key: Number(row.active_key ?? 0) };
    const authors = { count: row.authors, key: Number(row.authors_key ?? 0) };
    const magnitude = (total: string | number, top: string | number | undefined, cell: PeopleCount) =>
      Math.round(publishMagnitude(Number(total), Number(top ?? 0), cell, rule));
    const posts = magnitude(row.posts, row.top_posts, active);
    const replies = magnitude(row.replies, row.top_replies, active);
    const reactions = magnitude(row.reactions, row.top_reactions, active);
    const shownActive = protect(active, rule);
    const perActive = (count: number) => (!shownActive ? null : count / shownActive);
    const activityHidden = isSuppressed(row.active, rule);
    const threadsHidden = isSuppressed(row.authors, rule);
    // Posts without a single thread: all of them are usage report counts (from_report events make no thread).
    const unmeasurable = !threadsHidden && Number(row.posts) > 0 && row.threads === 0;
    const point: EngagementPoint = {
      start: period.start,
      end: period.end,
      active: activityHidden ? null : shownActive,
      posts: activityHidden ? null : posts,
      replies: activityHidden ? null : replies,
      reactions: activityHidden ? null : reactions,
      postsPerActive: activityHidden ? null : perActive(posts),
      repliesPerActive: activityHidden ? null : perActive(replies),
      reactionsPerActive: activityHidden ? null : perActive(reactions),
      threads: threadsHidden ? null : magnitude(row.threads, row.top_threads, authors),
      threadsWithResponse: threadsHidden || row.threads === 0 ? null : row.answered / row.threads,
      medianHoursToFirstResponse: threadsHidden ? null : row.median_hours,
      unattributedReactions:
        activityHidden || row.unattributed_reactions === null
          ? null
          : magnitude(row.unattributed_reactions, row.unattributed_largest, active),
    };
    if (activityHidden || threadsHidden) point.suppressed = suppressionReason(rule);
    if (unmeasurable) {
      point.threads = null;
      point.threadsWithResponse = null;
      point.medianHoursToFirstResponse = null;
      point.threadsNotMeasurable = THREADS_NOT_MEASURABLE;
    }
    return point;
  });
}
