import type { LeadershipLevel } from '@uptake/contracts';
import {
  complementaryHidden,
  publishMagnitude,
  type DisclosureRule,
  type PeopleCount,
} from '../disclosure/cell-key';
import { protect, suppressionReason } from '../disclosure/suppression';
import type { LevelMagnitude, LevelRow } from './flow-rows';

/** Hierarchy levels listed; organisations have a handful, the cap only bounds a malformed directory. */
export const LEADERSHIP_LEVEL_CAP = 50;

/** A magnitude of `cell`'s people divided by their published count; null when there is nobody to divide by. */
function perPerson(
  magnitude: LevelMagnitude,
  cell: PeopleCount,
  published: number | null,
  rule: DisclosureRule,
): number | null {
  if (!published) return null;
  return publishMagnitude(magnitude.total, magnitude.top, cell, rule) / published;
}

/**
 * The leadership example for one hierarchy level: do managers post and answer, and whom do they address?
 * Nothing is shown for a level of 1..k-1 people. Active and inactive people add up to the level, so the
 * active share is withheld when either part is 1..k-1 people (complementary suppression); reach is per
 * active person, withheld with them. Responses down and up the hierarchy compare two known levels, so the
 * unknown level has none (null, not withheld).
 */
export function leadershipLevel(row: LevelRow, rule: DisclosureRule): LeadershipLevel {
  const reason = suppressionReason(rule);
  const people = protect(row.people, rule);
  if (people === null) {
    return {
      level: row.level,
      people: null,
      activeShare: null,
      postsPerPerson: null,
      repliesPerPerson: null,
      repliesToStaff: null,
      repliesToLeaders: null,
      reachPerActive: null,
      suppressed: reason,
    };
  }
  const [activeHidden] = complementaryHidden([row.active.count, row.people.count - row.active.count], rule);
  const active = activeHidden ? null : protect(row.active, rule);
  const known = row.level !== null;
  return {
    level: row.level,
    people,
    activeShare: activeHidden || row.people.count === 0 ? null : row.active.count / row.people.count,
    postsPerPerson: perPerson(row.posts, row.people, people, rule),
    repliesPerPerson: perPerson(row.replies, row.people, people, rule),
    repliesToStaff: known ? perPerson(row.toStaff, row.people, people, rule) : null,
    repliesToLeaders: known ? perPerson(row.toLeaders, row.people, people, rule) : null,
    reachPerActive: perPerson(row.reach, row.active, active, rule),
    ...(activeHidden ? { suppressed: reason } : {}),
  };
}

/** Levels from the top (1) down, unknown last; at most LEADERSHIP_LEVEL_CAP. */
export function leadershipLevels(rows: readonly LevelRow[], rule: DisclosureRule): LeadershipLevel[] {
  return [...rows]
    .sort((a, b) => (a.level ?? Number.MAX_SAFE_INTEGER) - (b.level ?? Number.MAX_SAFE_INTEGER))
    .slice(0, LEADERSHIP_LEVEL_CAP)
    .map((row) => leadershipLevel(row, rule));
}
