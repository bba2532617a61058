import type {
  AdoptionPoint,
  ParticipationPoint,
  ParticipationReport,
  RetentionCohort,
} from '@uptake/contracts';
import { ActivityBits, anyIn, countIn, setBits } from './activity-bits';
import { adoptionPoint } from './adoption-point';
import { addDays, toDayNumber, type Period } from './periods';
import {
  cohortMatrix,
  isEligibleOn,
  joinedOnlyBy,
  participationSummaryOf,
  personaCells,
  churnCells,
  type ChurnFigures,
  type Member,
} from './people-kpis';
import { PeopleCell, type DisclosureRule } from './disclosure/cell-key';
import { protectedParticipationPoint } from './suppression';

/**
 * The people KPIs of people-kpis.ts computed over activity bit sets (see activity-bits.ts) instead of
 * person-days: the same definitions and the same figures (the spec compares both on random data), but the
 * work grows with people × periods, not with person-days.
 */

/** Record keys of the members (the cell-key method), by person id. */
export function recordKeys(members: readonly Member[]): Map<string, number> {
  return new Map(members.map((member) => [member.id, member.recordKey]));
}

/** Same as `adoptionSeries`; `bits` must start 27 days before the first period (the 28-day window). */
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

/** Same as `participationSeries`. */
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
 * Same as `participationSummary`: personas from the bit sets over the range, concentration from each
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

/** Same as `retentionCohorts`; `bits` must cover the range. */
export function retentionCohortsFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  range: Period,
  k: DisclosureRule,
): RetentionCohort[] {
  // A week is clipped to the range, as the person-day version only sees days inside it.
  return cohortMatrix(members, range, k, (member, week) => {
    const end = addDays(week, 6);
    const span = bits.span({
      start: week < range.start ? range.start : week,
      end: end > range.end ? range.end : end,
    });
    const person = bits.people.get(member.id);
    return person !== undefined && anyIn(person.active, span);
  });
}

/**
 * Same as `churn`; `bits` must start `silentWeeks` weeks before the range and end with it. Silent since the
 * cutoff is read from the bits (no active day after it up to the range's end), so members need no
 * `lastActiveDay`.
 */
export function churnFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  range: Period,
  silentWeeks: number,
): { total: ChurnFigures; byUnit: Map<string | null, ChurnFigures> } {
  const cutoff = addDays(range.end, -silentWeeks * 7);
  const gapDays = silentWeeks * 7;
  const rangeStart = toDayNumber(range.start) - toDayNumber(bits.origin);
  const sinceCutoff = bits.span({ start: addDays(cutoff, 1), end: range.end });
  const total = churnCells();
  const byUnit = new Map<string | null, ChurnFigures>();
  for (const member of members) {
    const unit = byUnit.get(member.orgUnitId) ?? churnCells();
    byUnit.set(member.orgUnitId, unit);
    const person = bits.people.get(member.id);
    if (member.firstActiveDay !== null && member.firstActiveDay <= cutoff) {
      total.activated.add(member.recordKey);
      unit.activated.add(member.recordKey);
      if (!person || !anyIn(person.active, sinceCutoff)) {
        total.triedAndStopped.add(member.recordKey);
        unit.triedAndStopped.add(member.recordKey);
      }
    }
    const seen = person ? setBits(person.active) : [];
    const cameBack = seen.some(
      (day, index) => day >= rangeStart && index > 0 && day - seen[index - 1] > gapDays,
    );
    if (cameBack) {
      total.reactivated.add(member.recordKey);
      unit.reactivated.add(member.recordKey);
    }
  }
  return { total, byUnit };
}
