import type { ParticipationPoint } from '@uptake/contracts';
import { complementaryHidden, type DisclosureRule, type PeopleCount } from '../disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';

export interface ParticipationCounts<T = PeopleCount> {
  creators: T;
  contributors: T;
  readers: T;
  inactive: T;
}

const CLASSES = ['creators', 'contributors', 'readers', 'inactive'] as const;

/**
 * A period's participation with the k rule applied: all withheld below k eligible, else each class on its own,
 * with complementary suppression (the four classes add up to `eligible`, so one withheld class would
 * otherwise be the total minus the others).
 */
export function protectedParticipationPoint(
  period: { start: string; end: string },
  eligible: number | PeopleCount,
  counts: ParticipationCounts<number | PeopleCount>,
  rule: DisclosureRule,
): ParticipationPoint {
  const eligibleCount = typeof eligible === 'number' ? eligible : eligible.count;
  if (isSuppressed(eligibleCount, rule)) {
    return {
      ...period,
      eligible: null,
      creators: null,
      contributors: null,
      readers: null,
      inactive: null,
      suppressed: suppressionReason(rule),
    };
  }
  const sizes = CLASSES.map((name) => {
    const count = counts[name];
    return typeof count === 'number' ? count : count.count;
  });
  const hidden = complementaryHidden(sizes, rule);
  const [creators, contributors, readers, inactive] = CLASSES.map((name, index) =>
    hidden[index] ? null : protect(counts[name], rule),
  );
  const point: ParticipationPoint = {
    ...period,
    eligible: protect(eligible, rule),
    creators,
    contributors,
    readers,
    inactive,
  };
  if (hidden.some(Boolean)) point.suppressed = suppressionReason(rule);
  return point;
}
