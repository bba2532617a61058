import type { AdoptionPoint } from '@uptake/contracts';
import {
  complementaryHidden,
  publishMagnitude,
  type DisclosureRule,
  type PeopleCount,
} from '../disclosure/cell-key';
import { daysIn, type Period } from '../core/periods';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The people counted for one adoption period (shared by the person-day and the bit-set computations). */
export interface AdoptionCells {
  eligible: PeopleCount;
  activated: PeopleCount;
  active: PeopleCount;
  weekly: PeopleCount;
  monthly: PeopleCount;
  /** Active person-days in the period and the most any one person contributed. */
  activeDays: { total: number; top: number };
  /** Eligible people who joined something by the period's end but were not activated by then. */
  joinedOnly: PeopleCount;
}

/** One adoption point as published: the k rule, then the cell-key perturbation of every count. */
export function adoptionPoint(period: Period, cells: AdoptionCells, rule: DisclosureRule): AdoptionPoint {
  const reason = suppressionReason(rule);
  if (isSuppressed(cells.eligible.count, rule)) {
    return {
      ...period,
      eligible: null,
      active: null,
      activated: null,
      adoptionRate: null,
      averageDailyActive: null,
      weeklyActive: null,
      monthlyActive: null,
      stickiness: null,
      joinedOnly: null,
      suppressed: reason,
    };
  }
  const activeHidden = isSuppressed(cells.active.count, rule) || isSuppressed(cells.monthly.count, rule);
  const activatedHidden = isSuppressed(cells.activated.count, rule);
  const eligible = protect(cells.eligible, rule) ?? 0;
  const monthly = protect(cells.monthly, rule);
  const activated = activatedHidden ? null : protect(cells.activated, rule);
  const averageDailyActive =
    publishMagnitude(cells.activeDays.total, cells.activeDays.top, cells.active, rule) / daysIn(period);
  const point: AdoptionPoint = {
    ...period,
    eligible,
    active: protect(cells.active, rule),
    activated,
    adoptionRate: activated === null ? null : share(activated, eligible),
    averageDailyActive: activeHidden ? null : averageDailyActive,
    weeklyActive: protect(cells.weekly, rule),
    monthlyActive: monthly,
    stickiness: activeHidden || monthly === null ? null : share(averageDailyActive, monthly),
    joinedOnly: joinedOnlyHidden(cells, rule) ? null : protect(cells.joinedOnly, rule),
  };
  if (
    activeHidden ||
    activatedHidden ||
    isSuppressed(cells.weekly.count, rule) ||
    (point.joinedOnly === null && cells.joinedOnly.count > 0)
  ) {
    point.suppressed = reason;
  }
  return point;
}

/**
 * The never-activated eligible people are those who joined without being active and those never seen; their
 * total is eligible minus activated, both shown. So "joined only" is withheld when either part is 1..k-1
 * people, or the other part would be the difference.
 */
function joinedOnlyHidden(cells: AdoptionCells, rule: DisclosureRule): boolean {
  const neverSeen = Math.max(0, cells.eligible.count - cells.activated.count - cells.joinedOnly.count);
  return complementaryHidden([cells.joinedOnly.count, neverSeen], rule, [false, true])[0];
}
