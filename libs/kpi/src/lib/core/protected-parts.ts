import { complementaryHidden, type DisclosureRule } from '../disclosure/cell-key';
import { isSuppressed } from '../disclosure/suppression';

/**
 * A share of people as published: computed from the true counts, withheld (null) when the part, the rest
 * (whole − part) or the whole rests on 1..k-1 people, and null for an empty whole (nothing to share out).
 * The rest counts because a share is read beside its whole: 2/3 of 3 newcomers answered says that one
 * newcomer was not.
 */
export function peopleShare(part: number, whole: number, rule: DisclosureRule): number | null {
  if (
    whole === 0 ||
    isSuppressed(whole, rule) ||
    isSuppressed(part, rule) ||
    isSuppressed(whole - part, rule)
  ) {
    return null;
  }
  return part / whole;
}

/**
 * Complementary suppression over cells that sit in several totals at once (a table's rows and columns, or
 * a week's active = new + retained + reactivated and previous active = retained + dormant). Each group is a
 * list of cell indexes whose counts add up to a published total; `complementaryHidden` runs on every group,
 * with the cells hidden so far as unpublished, until no group hides another cell. Cells only ever get
 * hidden, so this ends after at most `counts.length` rounds.
 */
export function hideLinkedParts(
  counts: readonly number[],
  groups: readonly (readonly number[])[],
  rule: DisclosureRule,
  initiallyHidden: readonly boolean[] = [],
): boolean[] {
  const hidden = counts.map((_, index) => initiallyHidden[index] ?? false);
  for (let changed = true; changed;) {
    changed = false;
    for (const group of groups) {
      const result = complementaryHidden(
        group.map((index) => counts[index]),
        rule,
        group.map((index) => hidden[index]),
      );
      result.forEach((hide, position) => {
        if (hide && !hidden[group[position]]) {
          hidden[group[position]] = true;
          changed = true;
        }
      });
    }
  }
  return hidden;
}
