import type { PersonActivity } from '@uptake/contracts';
import type { Member } from '../core/members';
import { totalsByPerson, type PersonDay } from '../core/person-days';
import type { Period } from '../core/periods';
import { personaOf } from '../participation/personas';

/** A person's activity keyed by person id; the service swaps the id for the pseudonym. */
export type PersonActivitySummary = Omit<PersonActivity, 'pseudonym'> & { personId: string };

/** Per person over the range, most active first: the admin's person-level view (shown with pseudonyms). */
export function personSummaries(
  members: readonly Member[],
  days: readonly PersonDay[],
  range: Period,
): PersonActivitySummary[] {
  const totals = totalsByPerson(days, range.start, range.end);
  const activeDays = new Map<string, number>();
  for (const row of days) {
    if (row.events > 0 && row.day >= range.start && row.day <= range.end) {
      activeDays.set(row.personId, (activeDays.get(row.personId) ?? 0) + 1);
    }
  }
  return members
    .map((member): PersonActivitySummary => {
      const t = totals.get(member.id);
      return {
        personId: member.id,
        orgUnitId: member.orgUnitId,
        persona: t && t.events > 0 ? personaOf(t) : null,
        events: t?.events ?? 0,
        creations: t?.creations ?? 0,
        responses: t?.responses ?? 0,
        reactions: t?.reactions ?? 0,
        activeDays: activeDays.get(member.id) ?? 0,
        firstActiveDay: member.firstActiveDay,
        lastActiveDay: member.lastActiveDay,
      };
    })
    .sort((a, b) => b.events - a.events || (a.personId < b.personId ? -1 : 1));
}
