import type { SuppressionReason } from '@uptake/contracts';

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
