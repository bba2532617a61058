import type { ViralGrowth } from '@uptake/contracts';
import { kOf, type DisclosureRule } from '../disclosure/cell-key';
import { isSuppressed } from '../disclosure/suppression';

/** Growth is measured over the 4 weeks ending with the range's last week. */
export const GROWTH_WEEKS = 4;

/**
 * A weekly series of true people counts (members at the end of each week, or people active in it), oldest
 * first, ending with the week of the range's last day. The series starts at least GROWTH_WEEKS weeks before
 * that week, so growth is defined for short ranges too.
 */
export interface WeeklySeries {
  /** Monday of each week. */
  weeks: readonly string[];
  /** Members per week; null when the source lists no membership for the community. */
  members: readonly number[] | null;
  activePeople: readonly number[];
}

/**
 * Relative growth (end − start) / start between the last week and the week `weeks` before it. Null when the
 * series is too short or starts at zero (growth from nothing has no ratio), and withheld (null) when either
 * end rests on 1..k-1 people: "from 3 to 6" would show those people.
 */
export function growthOverWeeks(
  values: readonly number[],
  rule: DisclosureRule,
  weeks = GROWTH_WEEKS,
): number | null {
  if (values.length <= weeks) return null;
  const end = values[values.length - 1];
  const start = values[values.length - 1 - weeks];
  if (start === 0 || isSuppressed(start, rule) || isSuppressed(end, rule)) return null;
  return (end - start) / start;
}

/**
 * Mean week-on-week relative growth over the last `weeks` weeks (weeks that start from zero are left out).
 * Withheld when any value involved is 1..k-1 people; null when no step can be measured.
 */
export function meanWeeklyGrowth(
  values: readonly number[],
  rule: DisclosureRule,
  weeks = GROWTH_WEEKS,
): number | null {
  if (values.length <= weeks) return null;
  const steps: number[] = [];
  for (let index = values.length - weeks; index < values.length; index++) {
    const before = values[index - 1];
    const after = values[index];
    if (isSuppressed(before, rule) || isSuppressed(after, rule)) return null;
    if (before > 0) steps.push((after - before) / before);
  }
  return steps.length === 0 ? null : steps.reduce((sum, step) => sum + step, 0) / steps.length;
}

/**
 * Index of the first week of the current growth streak: walking back from the last week while the value
 * does not fall (flat weeks do not end a streak: membership grows in steps), the earliest week in which it
 * rose above the week before. Null when the run holds no rise.
 */
export function streakStart(values: readonly number[]): number | null {
  let start: number | null = null;
  for (let index = values.length - 1; index > 0 && values[index] >= values[index - 1]; index--) {
    if (values[index] > values[index - 1]) start = index;
  }
  return start;
}

/**
 * Bottom-up viral growth: members or active people grew by at least `threshold` over the last 4 weeks, and
 * the grown figure holds at least k people (a group going from 1 to 3 is not a movement and would disclose
 * its people). The metric reported is the one that grew fastest; `since` is the Monday of the first week of
 * its current growth streak, only for a growing community.
 */
export function viralGrowth(series: WeeklySeries, threshold: number, rule: DisclosureRule): ViralGrowth {
  const candidates = (
    [
      ['members', series.members],
      ['activePeople', series.activePeople],
    ] as const
  )
    .filter((entry): entry is ['members' | 'activePeople', readonly number[]] => entry[1] !== null)
    .map(([metric, values]) => ({ metric, values, growth: growthOverWeeks(values, rule) }))
    .filter((candidate) => candidate.growth !== null)
    .sort((a, b) => (b.growth as number) - (a.growth as number));
  const fastest = candidates[0];
  if (!fastest) return { growing: false, metric: null, growth: null, since: null };
  const growth = fastest.growth as number;
  const end = fastest.values[fastest.values.length - 1];
  const growing = growth >= threshold && end >= kOf(rule);
  const streak = growing ? streakStart(fastest.values) : null;
  return {
    growing,
    metric: fastest.metric,
    growth,
    since: streak === null ? null : series.weeks[streak],
  };
}
