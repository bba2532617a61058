import { ActivityBits, anyIn } from '../core/activity-bits';
import type { Member } from '../core/members';
import { addDays } from '../core/periods';
import { PeopleCell } from '../disclosure/cell-key';
import type { CommunityWindow } from '../communities/communities-data';

/** Each unit's ancestors and itself (root first), from its path ('/root-id/…/own-id/'): a person counts in all of them. */
export function unitAncestors(units: readonly { id: string; path: string }[]): Map<string, string[]> {
  return new Map(units.map((unit) => [unit.id, unit.path.split('/').filter((part) => part.length > 0)]));
}

/** Active people of a unit's subtree (or of the population: key null), true counts with cells. */
export interface UnitActivity {
  active: PeopleCell;
  active28: PeopleCell;
  active365: PeopleCell;
  /** People active in each week of the window's series. */
  weekly: number[];
}

function emptyActivity(weeks: number): UnitActivity {
  return {
    active: new PeopleCell(),
    active28: new PeopleCell(),
    active365: new PeopleCell(),
    weekly: new Array<number>(weeks).fill(0),
  };
}

/**
 * Activity of every org unit's subtree people, in any group or none, from the day masks (person_month): in
 * the range, in its last 28 days, in the 365 days ending on its last day, and per week of the series. Under
 * the key null, the whole population: the organisation the candidates are compared with.
 */
export function unitActivity(
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
