import { ActivityBits, anyIn } from '../lib/core/activity-bits';
import type { Member } from '../lib/core/members';
import { addDays } from '../lib/core/periods';
import type { CommunityWindow } from '../lib/communities/communities-data';
import { emptyActivity, type UnitActivity } from '../lib/best-cases/unit-activity';

/**
 * Activity of every org unit's subtree people, in any group or none, from the day masks (person_month): in
 * the range, in its last 28 days, in the 365 days ending on its last day, and per week of the series. Under
 * the key null, the whole population. The reference of loadUnitActivity + rollUpUnitActivity
 * (best-cases/unit-activity.ts), computed in Node from every person's masks, as the best-case finder did
 * before Postgres counted per unit.
 */
export function unitActivityOfBits(
  members: readonly Member[],
  bits: ActivityBits,
  ancestors: ReadonlyMap<string, readonly string[]>,
  window: CommunityWindow,
): Map<string | null, UnitActivity> {
  const range = bits.span({ start: window.from, end: window.to });
  const last28 = bits.span({ start: addDays(window.to, -27), end: window.to });
  const last365 = bits.span({ start: addDays(window.to, -364), end: window.to });
  const weeks = window.weeks.map((week) => {
    const end = addDays(week, 6);
    return bits.span({ start: week, end: end < window.to ? end : window.to });
  });
  const result = new Map<string | null, UnitActivity>();
  const tally = (key: string | null) => {
    let activity = result.get(key);
    if (!activity) {
      activity = emptyActivity(weeks.length);
      result.set(key, activity);
    }
    return activity;
  };
  tally(null);
  for (const member of members) {
    const person = bits.people.get(member.id);
    if (!person) continue;
    const flags = {
      active: anyIn(person.active, range),
      active28: anyIn(person.active, last28),
      active365: anyIn(person.active, last365),
    };
    const weekly = weeks.map((span) => anyIn(person.active, span));
    const units = member.orgUnitId === null ? [] : (ancestors.get(member.orgUnitId) ?? []);
    for (const key of [null, ...units]) {
      const activity = tally(key);
      if (flags.active) activity.active.add(member.recordKey);
      if (flags.active28) activity.active28.add(member.recordKey);
      if (flags.active365) activity.active365.add(member.recordKey);
      weekly.forEach((active, index) => {
        if (active) activity.weekly[index]++;
      });
    }
  }
  return result;
}
