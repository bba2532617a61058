import type {
  AdoptionPoint,
  ParticipationPoint,
  ParticipationReport,
  RetentionCohort,
} from '@uptake/contracts';
import { adoptionPoint } from '../lib/adoption/adoption-point';
import { isEligibleOn, joinedOnlyBy, type Member } from '../lib/core/members';
import { totalsByPerson, type PersonDay } from '../lib/core/person-days';
import { addDays, toDayNumber, weekStart, type Period } from '../lib/core/periods';
import { cellOf, PeopleCell, type DisclosureRule } from '../lib/disclosure/cell-key';
import { protectedParticipationPoint } from '../lib/participation/participation-point';
import { participationSummaryOf, personaCells, personaOf } from '../lib/participation/personas';
import { churnCells, cohortMatrix, type ChurnFigures } from '../lib/retention/retention';

/*
 * The people KPIs computed over person-days (person_daily rows), the way they are defined: the reference the
 * production computations over activity bit sets (adoption/, participation/, retention/) are checked against,
 * on hand-built and on random populations. Their work grows with person-days, so no report calls them.
 */

/** Person ids active per day. */
function activeByDay(days: readonly PersonDay[]): Map<string, Set<string>> {
  const byDay = new Map<string, Set<string>>();
  for (const row of days) {
    if (row.events <= 0) continue;
    let set = byDay.get(row.day);
    if (!set) byDay.set(row.day, (set = new Set()));
    set.add(row.personId);
  }
  return byDay;
}

function distinctActive(byDay: Map<string, Set<string>>, first: string, last: string): Set<string> {
  const people = new Set<string>();
  for (let day = first; day <= last; day = addDays(day, 1)) {
    for (const id of byDay.get(day) ?? []) people.add(id);
  }
  return people;
}

/**
 * Adoption per period. `days` must cover 27 days before the first period (for the 28-day window).
 * Monthly active uses a 28-day window (four whole weeks) so that weekday mixes do not move it.
 */
export function adoptionSeries(
  members: readonly Member[],
  days: readonly PersonDay[],
  periods: readonly Period[],
  rule: DisclosureRule,
): AdoptionPoint[] {
  const byDay = activeByDay(days);
  const keys = new Map(members.map((member) => [member.id, member.recordKey]));
  return periods.map((period): AdoptionPoint => {
    const eligible = members.filter((member) => isEligibleOn(member, period.end));
    const activated = eligible.filter((m) => m.firstActiveDay !== null && m.firstActiveDay <= period.end);
    const joinedOnly = eligible.filter((member) => joinedOnlyBy(member, period.end));
    const perPerson = new Map<string, number>();
    for (let day = period.start; day <= period.end; day = addDays(day, 1)) {
      for (const id of byDay.get(day) ?? []) perPerson.set(id, (perPerson.get(id) ?? 0) + 1);
    }
    const dayCounts = [...perPerson.values()];
    return adoptionPoint(
      period,
      {
        eligible: cellOf(
          eligible.map((m) => m.id),
          keys,
        ),
        activated: cellOf(
          activated.map((m) => m.id),
          keys,
        ),
        active: cellOf(perPerson.keys(), keys),
        weekly: cellOf(distinctActive(byDay, addDays(period.end, -6), period.end), keys),
        monthly: cellOf(distinctActive(byDay, addDays(period.end, -27), period.end), keys),
        activeDays: {
          total: dayCounts.reduce((sum, count) => sum + count, 0),
          top: dayCounts.reduce((top, count) => Math.max(top, count), 0),
        },
        joinedOnly: cellOf(
          joinedOnly.map((m) => m.id),
          keys,
        ),
      },
      rule,
    );
  });
}

/** Creators / contributors / readers / inactive among eligible people, per period (the 90-9-1 view). */
export function participationSeries(
  members: readonly Member[],
  days: readonly PersonDay[],
  periods: readonly Period[],
  rule: DisclosureRule,
): ParticipationPoint[] {
  return periods.map((period): ParticipationPoint => {
    const eligible = new PeopleCell();
    const totals = totalsByPerson(days, period.start, period.end);
    const counts = {
      creators: new PeopleCell(),
      contributors: new PeopleCell(),
      readers: new PeopleCell(),
      inactive: new PeopleCell(),
    };
    for (const member of members) {
      if (!isEligibleOn(member, period.end)) continue;
      eligible.add(member.recordKey);
      const t = totals.get(member.id);
      if (!t || t.events <= 0) counts.inactive.add(member.recordKey);
      else if (t.creations > 0) counts.creators.add(member.recordKey);
      else if (t.responses + t.reactions > 0) counts.contributors.add(member.recordKey);
      else counts.readers.add(member.recordKey);
    }
    return protectedParticipationPoint(period, eligible, counts, rule);
  });
}

/** Personas and activity concentration over the whole range, for active people of the population. */
export function participationSummary(
  members: readonly Member[],
  days: readonly PersonDay[],
  range: Period,
  rule: DisclosureRule,
): Pick<ParticipationReport, 'personas' | 'concentration' | 'suppressed'> {
  const totals = totalsByPerson(days, range.start, range.end);
  const personas = personaCells();
  const volumes: { key: number; events: number }[] = [];
  for (const member of members) {
    const t = totals.get(member.id);
    if (!t || t.events <= 0) continue;
    personas[personaOf(t)].add(member.recordKey);
    volumes.push({ key: member.recordKey, events: t.events });
  }
  return participationSummaryOf(personas, volumes, rule);
}

/**
 * Weekly cohorts by week of first activity (within the range): the share of each cohort active in its
 * week 0, 1, 2, … up to the range's end. Cohorts of 1..k-1 people are withheld whole.
 */
export function retentionCohorts(
  members: readonly Member[],
  days: readonly PersonDay[],
  range: Period,
  k: DisclosureRule,
): RetentionCohort[] {
  const activeWeeks = new Map<string, Set<string>>();
  for (const row of days) {
    if (row.events <= 0 || row.day < range.start || row.day > range.end) continue;
    let weeks = activeWeeks.get(row.personId);
    if (!weeks) activeWeeks.set(row.personId, (weeks = new Set()));
    weeks.add(weekStart(row.day));
  }
  return cohortMatrix(members, range, k, (member, week) => activeWeeks.get(member.id)?.has(week) ?? false);
}

/**
 * "Tried and stopped": people activated at least `silentWeeks` weeks before the range's end who were not
 * active in those last weeks. "Reactivated": people active in the range after a silence of at least
 * `silentWeeks` weeks (counted from their previous active day).
 */
export function churn(
  members: readonly Member[],
  days: readonly PersonDay[],
  range: Period,
  silentWeeks: number,
): { total: ChurnFigures; byUnit: Map<string | null, ChurnFigures> } {
  const cutoff = addDays(range.end, -silentWeeks * 7);
  const activeDays = new Map<string, string[]>();
  for (const row of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    if (row.events <= 0) continue;
    activeDays.set(row.personId, [...(activeDays.get(row.personId) ?? []), row.day]);
  }
  const total = churnCells();
  const byUnit = new Map<string | null, ChurnFigures>();
  for (const member of members) {
    const unit = byUnit.get(member.orgUnitId) ?? churnCells();
    byUnit.set(member.orgUnitId, unit);
    if (member.firstActiveDay !== null && member.firstActiveDay <= cutoff) {
      total.activated.add(member.recordKey);
      unit.activated.add(member.recordKey);
      if (member.lastActiveDay === null || member.lastActiveDay <= cutoff) {
        total.triedAndStopped.add(member.recordKey);
        unit.triedAndStopped.add(member.recordKey);
      }
    }
    const seen = activeDays.get(member.id) ?? [];
    const gapDays = silentWeeks * 7;
    const cameBack = seen.some(
      (day, index) =>
        day >= range.start && index > 0 && toDayNumber(day) - toDayNumber(seen[index - 1]) > gapDays,
    );
    if (cameBack) {
      total.reactivated.add(member.recordKey);
      unit.reactivated.add(member.recordKey);
    }
  }
  return { total, byUnit };
}
