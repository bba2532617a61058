import type { ParticipationPoint, ParticipationReport } from '@uptake/contracts';
import { anyIn, type ActivityBits } from '../core/activity-bits';
import { isEligibleOn, type Member } from '../core/members';
import type { Period } from '../core/periods';
import { PeopleCell, type DisclosureRule } from '../disclosure/cell-key';
import { protectedParticipationPoint } from './participation-point';
import { participationSummaryOf, personaCells } from './personas';

/*
 * Computed over activity bit sets (core/activity-bits.ts), not person-days: the same definitions and the same
 * figures as the reference over person-days in @uptake/kpi/testing (the specs compare both on random data), but
 * the work grows with people × periods, not with person-days.
 */

/** Creators / contributors / readers / inactive among eligible people, per period (the 90-9-1 view). */
export function participationSeriesFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  periods: readonly Period[],
  rule: DisclosureRule,
): ParticipationPoint[] {
  return periods.map((period): ParticipationPoint => {
    const span = bits.span(period);
    const counts = {
      creators: new PeopleCell(),
      contributors: new PeopleCell(),
      readers: new PeopleCell(),
      inactive: new PeopleCell(),
    };
    const eligible = new PeopleCell();
    for (const member of members) {
      if (!isEligibleOn(member, period.end)) continue;
      eligible.add(member.recordKey);
      const person = bits.people.get(member.id);
      if (!person || !anyIn(person.active, span)) counts.inactive.add(member.recordKey);
      else if (anyIn(person.created, span)) counts.creators.add(member.recordKey);
      else if (anyIn(person.responded, span) || anyIn(person.reacted, span))
        counts.contributors.add(member.recordKey);
      else counts.readers.add(member.recordKey);
    }
    return protectedParticipationPoint(period, eligible, counts, rule);
  });
}

/**
 * Personas and activity concentration over the whole range, for active people of the population: personas from the bit sets over the range, concentration from each
 * active person's event total over the range (`events`, by person id).
 */
export function participationSummaryFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  events: ReadonlyMap<string, number>,
  range: Period,
  rule: DisclosureRule,
): Pick<ParticipationReport, 'personas' | 'concentration' | 'suppressed'> {
  const span = bits.span(range);
  const personas = personaCells();
  const volumes: { key: number; events: number }[] = [];
  for (const member of members) {
    const person = bits.people.get(member.id);
    if (!person || !anyIn(person.active, span)) continue;
    if (anyIn(person.created, span)) personas.creator.add(member.recordKey);
    else if (anyIn(person.responded, span)) personas.responder.add(member.recordKey);
    else if (anyIn(person.reacted, span)) personas.reactor.add(member.recordKey);
    else personas.observer.add(member.recordKey);
    volumes.push({ key: member.recordKey, events: events.get(member.id) ?? 0 });
  }
  return participationSummaryOf(personas, volumes, rule);
}
