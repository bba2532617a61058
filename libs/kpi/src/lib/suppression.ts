import type { ParticipationPoint, SuppressionReason } from '@uptake/contracts';

/**
 * Privacy rule of Uptake: an aggregate computed over fewer than k distinct people is never shown.
 * Zero people is shown as zero: it discloses nothing about any person, and hiding it would make quiet
 * days (weekends) indistinguishable from small groups.
 */
export function isSuppressed(distinctPeople: number, minGroupSize: number): boolean {
  return distinctPeople > 0 && distinctPeople < minGroupSize;
}

export function suppressionReason(minGroupSize: number): SuppressionReason {
  return { code: 'below-k', minGroupSize };
}

/** A count, or null when it rests on 1..k-1 people. */
export function protect(count: number, k: number): number | null {
  return isSuppressed(count, k) ? null : count;
}

export interface ParticipationCounts {
  creators: number;
  contributors: number;
  readers: number;
  inactive: number;
}

/** A period's participation with the k rule applied: all withheld below k eligible, else each class on its own. */
export function protectedParticipationPoint(
  period: { start: string; end: string },
  eligible: number,
  counts: ParticipationCounts,
  k: number,
): ParticipationPoint {
  if (isSuppressed(eligible, k)) {
    return {
      ...period,
      eligible: null,
      creators: null,
      contributors: null,
      readers: null,
      inactive: null,
      suppressed: suppressionReason(k),
    };
  }
  const point: ParticipationPoint = {
    ...period,
    eligible,
    creators: protect(counts.creators, k),
    contributors: protect(counts.contributors, k),
    readers: protect(counts.readers, k),
    inactive: protect(counts.inactive, k),
  };
  if (Object.values(counts).some((count) => isSuppressed(count, k))) point.suppressed = suppressionReason(k);
  return point;
}
