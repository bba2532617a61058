import type {
  AdoptionPoint,
  ChurnByUnit,
  ParticipationPoint,
  ParticipationReport,
  Persona,
  PersonActivity,
  RetentionCohort,
  SuppressionReason,
} from '@uptake/contracts';
import { addDays, toDayNumber, weekStart, type Period } from './periods';
import { adoptionPoint } from './adoption-point';
import {
  cellOf,
  complementaryHidden,
  PeopleCell,
  type DisclosureRule,
  type PeopleCount,
} from './disclosure/cell-key';
import { isSuppressed, protect, protectedParticipationPoint, suppressionReason } from './suppression';

/**
 * Pure KPI computations over a population and its person-days (from the rollups). No I/O: the service
 * loads the rows, these functions count. Every figure resting on 1..k-1 people is withheld.
 */

/** A person of the population (the org unit subtree or group the caller filtered on). */
export interface Member {
  id: string;
  /** In the directory (HR import): only listed people are eligible, i.e. count in the denominator. */
  listed: boolean;
  startDate: string | null;
  endDate: string | null;
  /** First active day ever (from the rollups), or null. */
  firstActiveDay: string | null;
  /** Last active day on or before the range's end, or null. */
  lastActiveDay: string | null;
  /** First day they joined a channel or group (a join is recorded, never activity), or null. */
  firstJoinedDay?: string | null;
  orgUnitId: string | null;
  /** Secret random key in [0, 2^32) of the cell-key method (people.record_key). */
  recordKey: number;
}

/** One person's activity on one day. */
export interface PersonDay {
  day: string;
  personId: string;
  events: number;
  creations: number;
  responses: number;
  reactions: number;
  reads: number;
}

/** Joined something by `day` without having been active by then: "joined, never active". */
export function joinedOnlyBy(member: Member, day: string): boolean {
  const joined = member.firstJoinedDay;
  return (
    joined !== null &&
    joined !== undefined &&
    joined <= day &&
    (member.firstActiveDay === null || member.firstActiveDay > day)
  );
}

/** Employed and listed on `day`: people who joined later or left earlier are not in the denominator. */
export function isEligibleOn(member: Member, day: string): boolean {
  return (
    member.listed &&
    (member.startDate === null || member.startDate <= day) &&
    (member.endDate === null || member.endDate >= day)
  );
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

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

interface Totals {
  events: number;
  creations: number;
  responses: number;
  reactions: number;
  reads: number;
}

function totalsByPerson(days: readonly PersonDay[], first: string, last: string): Map<string, Totals> {
  const totals = new Map<string, Totals>();
  for (const row of days) {
    if (row.day < first || row.day > last) continue;
    const t = totals.get(row.personId) ?? { events: 0, creations: 0, responses: 0, reactions: 0, reads: 0 };
    t.events += row.events;
    t.creations += row.creations;
    t.responses += row.responses;
    t.reactions += row.reactions;
    t.reads += row.reads;
    totals.set(row.personId, t);
  }
  return totals;
}

/** The strongest behaviour a person showed: starting > responding > reacting > only looking. */
export function personaOf(totals: Totals): Persona {
  if (totals.creations > 0) return 'creator';
  if (totals.responses > 0) return 'responder';
  if (totals.reactions > 0) return 'reactor';
  return 'observer';
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

export function personaCells(): Record<Persona, PeopleCell> {
  return {
    creator: new PeopleCell(),
    responder: new PeopleCell(),
    reactor: new PeopleCell(),
    observer: new PeopleCell(),
  };
}

const PERSONAS = ['creator', 'responder', 'reactor', 'observer'] as const;

/**
 * The participation summary from persona cells and the event totals of the active people (any order):
 * shared by the computation over person-days and the one over the monthly rollup. The personas add up to
 * the active people, so they get complementary suppression.
 */
export function participationSummaryOf(
  personas: Record<Persona, PeopleCount>,
  volumes: { key: number; events: number }[],
  rule: DisclosureRule,
): Pick<ParticipationReport, 'personas' | 'concentration' | 'suppressed'> {
  const byVolume = volumes.map((volume) => volume.events).sort((a, b) => b - a);
  const all = byVolume.reduce((sum, events) => sum + events, 0);
  // The top x% is at least one person; a share that rests on fewer than k people is withheld.
  const topShare = (fraction: number): number | null => {
    const people = Math.ceil(byVolume.length * fraction);
    if (people === 0 || isSuppressed(people, rule) || all === 0) return null;
    return byVolume.slice(0, people).reduce((sum, events) => sum + events, 0) / all;
  };
  const hidden = complementaryHidden(
    PERSONAS.map((persona) => personas[persona].count),
    rule,
  );
  const protectedPersonas = Object.fromEntries(
    PERSONAS.map((persona, index) => [persona, hidden[index] ? null : protect(personas[persona], rule)]),
  ) as Record<Persona, number | null>;
  const activePeople = new PeopleCell();
  for (const volume of volumes) activePeople.add(volume.key);
  const anyHidden = hidden.some(Boolean) || topShare(0.01) === null || topShare(0.1) === null;
  return {
    personas: protectedPersonas,
    concentration: {
      top1Percent: topShare(0.01),
      top10Percent: topShare(0.1),
      activePeople: protect(activePeople, rule),
    },
    ...(anyHidden && byVolume.length > 0 ? { suppressed: suppressionReason(rule) } : {}),
  };
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
 * The retention matrix's frame, shared by the person-day and the bit-set computations: members grouped by the
 * ISO week of their first activity within the range, each cohort's share `activeIn` its week 0, 1, 2, … up
 * to the range's end; cohorts of 1..k-1 people withheld whole.
 */
export function cohortMatrix(
  members: readonly Member[],
  range: Period,
  rule: DisclosureRule,
  activeIn: (member: Member, week: string) => boolean,
): RetentionCohort[] {
  const cohorts = new Map<string, Member[]>();
  for (const member of members) {
    const first = member.firstActiveDay;
    if (first === null || first < range.start || first > range.end) continue;
    const week = weekStart(first);
    let cohort = cohorts.get(week);
    if (!cohort) cohorts.set(week, (cohort = []));
    cohort.push(member);
  }
  const lastWeek = weekStart(range.end);
  return [...cohorts.keys()].sort().map((week): RetentionCohort => {
    const cohort = cohorts.get(week) ?? [];
    const offsets = (toDayNumber(lastWeek) - toDayNumber(week)) / 7 + 1;
    if (isSuppressed(cohort.length, rule)) {
      return {
        week,
        size: null,
        retained: Array.from({ length: offsets }, () => null),
        suppressed: suppressionReason(rule),
      };
    }
    const size = new PeopleCell();
    for (const member of cohort) size.add(member.recordKey);
    const shownSize = protect(size, rule) ?? cohort.length;
    let anyHidden = false;
    const retained = Array.from({ length: offsets }, (_, offset) => {
      const target = addDays(week, offset * 7);
      const active = new PeopleCell();
      for (const member of cohort) if (activeIn(member, target)) active.add(member.recordKey);
      // A share of a known cohort size is a count: 1..k-1 retained people are withheld like any count.
      const count = protect(active, rule);
      if (count === null) anyHidden = true;
      return count === null ? null : Math.min(1, count / shownSize);
    });
    return {
      week,
      size: shownSize,
      retained,
      ...(anyHidden ? { suppressed: suppressionReason(rule) } : {}),
    };
  });
}

export interface ChurnFigures {
  activated: PeopleCell;
  triedAndStopped: PeopleCell;
  reactivated: PeopleCell;
}

export function churnCells(): ChurnFigures {
  return { activated: new PeopleCell(), triedAndStopped: new PeopleCell(), reactivated: new PeopleCell() };
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

/** Churn per org unit as shown to users: counts over 1..k-1 people withheld. */
export function churnByUnit(
  byUnit: Map<string | null, ChurnFigures>,
  names: ReadonlyMap<string, string>,
  rule: DisclosureRule,
): ChurnByUnit[] {
  const rows = [...byUnit].filter(([, figures]) => figures.activated.count > 0);
  // The units add up to the population's totals: a withheld unit must not be the total minus the others.
  const activatedHidden = complementaryHidden(
    rows.map(([, figures]) => figures.activated.count),
    rule,
  );
  const stoppedHidden = complementaryHidden(
    rows.map(([, figures]) => figures.triedAndStopped.count),
    rule,
  );
  return rows
    .map(([orgUnitId, figures], index): ChurnByUnit => {
      const name = orgUnitId === null ? 'No unit in the directory' : (names.get(orgUnitId) ?? orgUnitId);
      const activated = activatedHidden[index] ? null : protect(figures.activated, rule);
      const hidden = activated === null || stoppedHidden[index];
      const triedAndStopped = hidden ? null : protect(figures.triedAndStopped, rule);
      const reason: SuppressionReason | undefined = hidden ? suppressionReason(rule) : undefined;
      return {
        orgUnitId,
        name,
        activated,
        triedAndStopped,
        rate: triedAndStopped === null || activated === null ? null : share(triedAndStopped, activated),
        ...(reason ? { suppressed: reason } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

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
