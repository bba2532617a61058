import type { AdoptionPoint } from '@uptake/contracts';
import { anyIn, countIn, type ActivityBits } from '../core/activity-bits';
import { isEligibleOn, joinedOnlyBy, recordKeys, type Member } from '../core/members';
import { addDays, type Period } from '../core/periods';
import { PeopleCell, type DisclosureRule } from '../disclosure/cell-key';
import { adoptionPoint } from './adoption-point';

/*
 * Computed over activity bit sets (core/activity-bits.ts), not person-days: the same definitions and the same
 * figures as the reference over person-days in @uptake/kpi/testing (the specs compare both on random data), but
 * the work grows with people × periods, not with person-days.
 */

/** Days before the range that the rolling 28-day window needs. */
export const LOOKBACK_DAYS = 27;

export function lookbackStart(from: string): string {
  return addDays(from, -LOOKBACK_DAYS);
}

/**
 * Adoption per period; `bits` must start 27 days before the first period (the 28-day window).
 * Monthly active uses a 28-day window (four whole weeks) so that weekday mixes do not move it.
 */
export function adoptionSeriesFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  periods: readonly Period[],
  rule: DisclosureRule,
): AdoptionPoint[] {
  const keys = recordKeys(members);
  const people = [...bits.people.entries()].map(([id, person]) => ({ key: keys.get(id) ?? 0, person }));
  return periods.map((period): AdoptionPoint => {
    const eligible = new PeopleCell();
    const activated = new PeopleCell();
    const joinedOnly = new PeopleCell();
    for (const member of members) {
      if (!isEligibleOn(member, period.end)) continue;
      eligible.add(member.recordKey);
      if (member.firstActiveDay !== null && member.firstActiveDay <= period.end)
        activated.add(member.recordKey);
      if (joinedOnlyBy(member, period.end)) joinedOnly.add(member.recordKey);
    }
    const inPeriod = bits.span(period);
    const inWeek = bits.span({ start: addDays(period.end, -6), end: period.end });
    const inMonth = bits.span({ start: addDays(period.end, -27), end: period.end });
    const active = new PeopleCell();
    const weekly = new PeopleCell();
    const monthly = new PeopleCell();
    const activeDays = { total: 0, top: 0 };
    for (const { key, person } of people) {
      const days = countIn(person.active, inPeriod);
      if (days > 0) active.add(key);
      activeDays.total += days;
      activeDays.top = Math.max(activeDays.top, days);
      if (anyIn(person.active, inWeek)) weekly.add(key);
      if (anyIn(person.active, inMonth)) monthly.add(key);
    }
    return adoptionPoint(
      period,
      { eligible, activated, active, weekly, monthly, activeDays, joinedOnly },
      rule,
    );
  });
}
