import type {
  AdoptionPoint,
  ParticipationPoint,
  ParticipationReport,
  Persona,
  RetentionCohort,
} from '@uptake/contracts';
import { ActivityBits, anyIn, countIn, setBits } from './activity-bits';
import { addDays, daysIn, toDayNumber, type Period } from './periods';
import {
  cohortMatrix,
  isEligibleOn,
  participationSummaryOf,
  type ChurnFigures,
  type Member,
} from './people-kpis';
import { isSuppressed, protect, protectedParticipationPoint, suppressionReason } from './suppression';

/**
 * The people KPIs of people-kpis.ts computed over activity bit sets (see activity-bits.ts) instead of
 * person-days: the same definitions and the same figures (the spec compares both on random data), but the
 * work grows with people × periods, not with person-days.
 */

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Same as `adoptionSeries`; `bits` must start 27 days before the first period (the 28-day window). */
export function adoptionSeriesFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  periods: readonly Period[],
  k: number,
): AdoptionPoint[] {
  const people = [...bits.people.values()];
  return periods.map((period): AdoptionPoint => {
    let eligible = 0;
    let activated = 0;
    for (const member of members) {
      if (!isEligibleOn(member, period.end)) continue;
      eligible++;
      if (member.firstActiveDay !== null && member.firstActiveDay <= period.end) activated++;
    }
    const inPeriod = bits.span(period);
    const inWeek = bits.span({ start: addDays(period.end, -6), end: period.end });
    const inMonth = bits.span({ start: addDays(period.end, -27), end: period.end });
    let active = 0;
    let weekly = 0;
    let monthly = 0;
    let dailySum = 0;
    for (const person of people) {
      const days = countIn(person.active, inPeriod);
      if (days > 0) active++;
      dailySum += days;
      if (anyIn(person.active, inWeek)) weekly++;
      if (anyIn(person.active, inMonth)) monthly++;
    }
    const averageDailyActive = dailySum / daysIn(period);

    const reason = suppressionReason(k);
    if (isSuppressed(eligible, k)) {
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
    const activeHidden = isSuppressed(active, k) || isSuppressed(monthly, k);
    const activatedHidden = isSuppressed(activated, k);
    const point: AdoptionPoint = {
      ...period,
      eligible,
      active: protect(active, k),
      activated: activatedHidden ? null : activated,
      adoptionRate: activatedHidden ? null : share(activated, eligible),
      averageDailyActive: activeHidden ? null : averageDailyActive,
      weeklyActive: protect(weekly, k),
      monthlyActive: protect(monthly, k),
      stickiness: activeHidden ? null : share(averageDailyActive, monthly),
    };
    if (activeHidden || activatedHidden || isSuppressed(weekly, k)) point.suppressed = reason;
    return point;
  });
}

/** Same as `participationSeries`. */
export function participationSeriesFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  periods: readonly Period[],
  k: number,
): ParticipationPoint[] {
  return periods.map((period): ParticipationPoint => {
    const span = bits.span(period);
    const counts = { creators: 0, contributors: 0, readers: 0, inactive: 0 };
    let eligible = 0;
    for (const member of members) {
      if (!isEligibleOn(member, period.end)) continue;
      eligible++;
      const person = bits.people.get(member.id);
      if (!person || !anyIn(person.active, span)) counts.inactive++;
      else if (anyIn(person.created, span)) counts.creators++;
      else if (anyIn(person.responded, span) || anyIn(person.reacted, span)) counts.contributors++;
      else counts.readers++;
    }
    return protectedParticipationPoint(period, eligible, counts, k);
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
  k: number,
): Pick<ParticipationReport, 'personas' | 'concentration' | 'suppressed'> {
  const span = bits.span(range);
  const personas: Record<Persona, number> = { creator: 0, responder: 0, reactor: 0, observer: 0 };
  const volumes: number[] = [];
  for (const member of members) {
    const person = bits.people.get(member.id);
    if (!person || !anyIn(person.active, span)) continue;
    if (anyIn(person.created, span)) personas.creator++;
    else if (anyIn(person.responded, span)) personas.responder++;
    else if (anyIn(person.reacted, span)) personas.reactor++;
    else personas.observer++;
    volumes.push(events.get(member.id) ?? 0);
  }
  return participationSummaryOf(personas, volumes, k);
}

/** Same as `retentionCohorts`; `bits` must cover the range. */
export function retentionCohortsFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  range: Period,
  k: number,
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
  const total: ChurnFigures = { activated: 0, triedAndStopped: 0, reactivated: 0 };
  const byUnit = new Map<string | null, ChurnFigures>();
  for (const member of members) {
    const unit = byUnit.get(member.orgUnitId) ?? { activated: 0, triedAndStopped: 0, reactivated: 0 };
    byUnit.set(member.orgUnitId, unit);
    const person = bits.people.get(member.id);
    if (member.firstActiveDay !== null && member.firstActiveDay <= cutoff) {
      total.activated++;
      unit.activated++;
      if (!person || !anyIn(person.active, sinceCutoff)) {
        total.triedAndStopped++;
        unit.triedAndStopped++;
      }
    }
    const seen = person ? setBits(person.active) : [];
    const cameBack = seen.some(
      (day, index) => day >= rangeStart && index > 0 && day - seen[index - 1] > gapDays,
    );
    if (cameBack) {
      total.reactivated++;
      unit.reactivated++;
    }
  }
  return { total, byUnit };
}
