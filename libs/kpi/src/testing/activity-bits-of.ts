import { ActivityBits, type PersonMonthMasks } from '../lib/core/activity-bits';
import type { PersonDay } from '../lib/core/person-days';

/** Month masks of person-days (what the `person_month` rollup holds). */
export function monthMasksOf(
  days: Iterable<{
    day: string;
    personId: string;
    events: number;
    creations: number;
    responses: number;
    reactions: number;
  }>,
): PersonMonthMasks[] {
  const rows = new Map<string, PersonMonthMasks>();
  for (const row of days) {
    const month = `${row.day.slice(0, 7)}-01`;
    const key = `${row.personId} ${month}`;
    let masks = rows.get(key);
    if (!masks) {
      masks = { personId: row.personId, month, active: 0, created: 0, responded: 0, reacted: 0 };
      rows.set(key, masks);
    }
    const bit = 1 << (Number(row.day.slice(8, 10)) - 1);
    if (row.events > 0) masks.active |= bit;
    if (row.creations > 0) masks.created |= bit;
    if (row.responses > 0) masks.responded |= bit;
    if (row.reactions > 0) masks.reacted |= bit;
  }
  return [...rows.values()];
}

/** The bit sets of person-days between two days, as loadActivityBits builds them from person_month. */
export function activityBitsOf(origin: string, last: string, days: Iterable<PersonDay>): ActivityBits {
  const bits = new ActivityBits(origin, last);
  for (const row of monthMasksOf(days)) bits.addMonth(row);
  return bits;
}
