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
import { addDays, daysIn, toDayNumber, weekStart, type Period } from './periods';
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
  orgUnitId: string | null;
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
  k: number,
): AdoptionPoint[] {
  const byDay = activeByDay(days);
  return periods.map((period): AdoptionPoint => {
    const eligible = members.filter((member) => isEligibleOn(member, period.end));
    const activated = eligible.filter((m) => m.firstActiveDay !== null && m.firstActiveDay <= period.end);
    const active = distinctActive(byDay, period.start, period.end);
    const weekly = distinctActive(byDay, addDays(period.end, -6), period.end);
    const monthly = distinctActive(byDay, addDays(period.end, -27), period.end);
    let dailySum = 0;
    for (let day = period.start; day <= period.end; day = addDays(day, 1))
      dailySum += byDay.get(day)?.size ?? 0;
    const averageDailyActive = dailySum / daysIn(period);

    const reason = suppressionReason(k);
    // A small population hides everything; a small active group hides the activity figures.
    if (isSuppressed(eligible.length, k)) {
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
        suppressed: reason,
      };
    }
    const activeHidden = isSuppressed(active.size, k) || isSuppressed(monthly.size, k);
    const activatedHidden = isSuppressed(activated.length, k);
    const point: AdoptionPoint = {
      ...period,
      eligible: eligible.length,
      active: protect(active.size, k),
      activated: activatedHidden ? null : activated.length,
      adoptionRate: activatedHidden ? null : share(activated.length, eligible.length),
      averageDailyActive: activeHidden ? null : averageDailyActive,
      weeklyActive: protect(weekly.size, k),
      monthlyActive: protect(monthly.size, k),
      stickiness: activeHidden ? null : share(averageDailyActive, monthly.size),
    };
    if (activeHidden || activatedHidden || isSuppressed(weekly.size, k)) point.suppressed = reason;
    return point;
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
  k: number,
): ParticipationPoint[] {
  return periods.map((period): ParticipationPoint => {
    const eligible = members.filter((member) => isEligibleOn(member, period.end));
    const totals = totalsByPerson(days, period.start, period.end);
    const counts = { creators: 0, contributors: 0, readers: 0, inactive: 0 };
    for (const member of eligible) {
      const t = totals.get(member.id);
      if (!t || t.events <= 0) counts.inactive++;
      else if (t.creations > 0) counts.creators++;
      else if (t.responses + t.reactions > 0) counts.contributors++;
      else counts.readers++;
    }
    return protectedParticipationPoint(period, eligible.length, counts, k);
  });
}

/** Personas and activity concentration over the whole range, for active people of the population. */
export function participationSummary(
  members: readonly Member[],
  days: readonly PersonDay[],
  range: Period,
  k: number,
): Pick<ParticipationReport, 'personas' | 'concentration' | 'suppressed'> {
  const ids = new Set(members.map((member) => member.id));
  const totals = [...totalsByPerson(days, range.start, range.end)].filter(
    ([id, t]) => ids.has(id) && t.events > 0,
  );
  const personas: Record<Persona, number> = { creator: 0, responder: 0, reactor: 0, observer: 0 };
  for (const [, t] of totals) personas[personaOf(t)]++;
  return participationSummaryOf(
    personas,
    totals.map(([, t]) => t.events),
    k,
  );
}

/**
 * The participation summary from persona counts and the event totals of the active people (any order):
 * shared by the computation over person-days and the one over the monthly rollup.
 */
export function participationSummaryOf(
  personas: Record<Persona, number>,
  volumes: number[],
  k: number,
): Pick<ParticipationReport, 'personas' | 'concentration' | 'suppressed'> {
  const byVolume = volumes.sort((a, b) => b - a);
  const all = byVolume.reduce((sum, events) => sum + events, 0);
  // The top x% is at least one person; a share that rests on fewer than k people is withheld.
  const topShare = (fraction: number): number | null => {
    const people = Math.ceil(byVolume.length * fraction);
    if (people === 0 || isSuppressed(people, k) || all === 0) return null;
    return byVolume.slice(0, people).reduce((sum, events) => sum + events, 0) / all;
  };
  const protectedPersonas = Object.fromEntries(
    Object.entries(personas).map(([persona, count]) => [persona, protect(count, k)]),
  ) as Record<Persona, number | null>;
  const anyHidden =
    Object.values(personas).some((count) => isSuppressed(count, k)) ||
    topShare(0.01) === null ||
    topShare(0.1) === null;
  return {
    personas: protectedPersonas,
    concentration: {
      top1Percent: topShare(0.01),
      top10Percent: topShare(0.1),
      activePeople: protect(byVolume.length, k),
    },
    ...(anyHidden && byVolume.length > 0 ? { suppressed: suppressionReason(k) } : {}),
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
  k: number,
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
  k: number,
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
    if (isSuppressed(cohort.length, k)) {
      return {
        week,
        size: null,
        retained: Array.from({ length: offsets }, () => null),
        suppressed: suppressionReason(k),
      };
    }
    const retained = Array.from({ length: offsets }, (_, offset) => {
      const target = addDays(week, offset * 7);
      return cohort.filter((member) => activeIn(member, target)).length / cohort.length;
    });
    return { week, size: cohort.length, retained };
  });
}

export interface ChurnFigures {
  activated: number;
  triedAndStopped: number;
  reactivated: number;
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
  const total: ChurnFigures = { activated: 0, triedAndStopped: 0, reactivated: 0 };
  const byUnit = new Map<string | null, ChurnFigures>();
  for (const member of members) {
    const unit = byUnit.get(member.orgUnitId) ?? { activated: 0, triedAndStopped: 0, reactivated: 0 };
    byUnit.set(member.orgUnitId, unit);
    if (member.firstActiveDay !== null && member.firstActiveDay <= cutoff) {
      total.activated++;
      unit.activated++;
      if (member.lastActiveDay === null || member.lastActiveDay <= cutoff) {
        total.triedAndStopped++;
        unit.triedAndStopped++;
      }
    }
    const seen = activeDays.get(member.id) ?? [];
    const gapDays = silentWeeks * 7;
    const cameBack = seen.some(
      (day, index) =>
        day >= range.start && index > 0 && toDayNumber(day) - toDayNumber(seen[index - 1]) > gapDays,
    );
    if (cameBack) {
      total.reactivated++;
      unit.reactivated++;
    }
  }
  return { total, byUnit };
}

/** Churn per org unit as shown to users: counts over 1..k-1 people withheld. */
export function churnByUnit(
  byUnit: Map<string | null, ChurnFigures>,
  names: ReadonlyMap<string, string>,
  k: number,
): ChurnByUnit[] {
  return [...byUnit]
    .filter(([, figures]) => figures.activated > 0)
    .map(([orgUnitId, figures]): ChurnByUnit => {
      const name = orgUnitId === null ? 'No unit in the directory' : (names.get(orgUnitId) ?? orgUnitId);
      const hidden = isSuppressed(figures.activated, k) || isSuppressed(figures.triedAndStopped, k);
      const reason: SuppressionReason | undefined = hidden ? suppressionReason(k) : undefined;
      return {
        orgUnitId,
        name,
        activated: protect(figures.activated, k),
        triedAndStopped: hidden ? null : figures.triedAndStopped,
        rate: hidden ? null : share(figures.triedAndStopped, figures.activated),
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
