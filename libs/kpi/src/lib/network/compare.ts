/** Code-unit order, independent of the server's locale, so rankings are identical everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Descending order of two computed scores, treating values within floating-point noise as equal, so
 * that equal betweenness reached by different summation orders still falls through to the tie-break.
 */
export function compareScoresDescending(a: number, b: number): number {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : b - a;
}

/** `top` must be a whole number of entries; anything else is a caller bug. */
export function assertTop(top: number): void {
  if (!Number.isInteger(top) || top < 0)
    throw new RangeError(`top must be a non-negative integer, got ${top}`);
}
